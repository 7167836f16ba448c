/** @openbox/charts — pure, typed Vega-Lite spec builders. */
export {};
