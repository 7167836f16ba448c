/** @openbox/safe-io in the browser: the part without files — escaped excerpts for messages. */

// Messages
export { escapeForMessage, DEFAULT_EXCERPT_CHARS } from './escape-for-message.js';
