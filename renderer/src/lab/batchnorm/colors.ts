/** The batch-norm figures' colours (SVG attributes, so exports look as drawn). */
export const BEFORE_COLOR = '#1f6fb4';
export const AFTER_COLOR = '#d95f02';
export const INK = '#333333';
export const FAINT = '#9a9a9a';
export const GRADIENT_COLOR = '#c0182a';
