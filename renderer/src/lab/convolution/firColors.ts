/** The FIR figure's colours (SVG attributes; chosen to stay apart for common colour blindness). */
export const FIR_COLORS = {
  x: '#1f5fa8',
  h: '#d9730d',
  y: '#1b7f4c',
  closed: '#7b3294',
  product: '#1b7f4c',
  before: '#8c8c8c',
  diff: '#c0392b',
  text: '#222222',
} as const;
