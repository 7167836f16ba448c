/** @openbox/dashboard — the Hono dashboard app. */
export {};
