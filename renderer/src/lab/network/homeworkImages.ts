/**
 * The images of question 3(f), 8×8, row-major, rows and columns counted from 0. The homework
 * prints x4 with only 7 rows (edge in the sixth printed row); its network takes 8×8 images like
 * the others, so x4 here is the 8×8 image with the horizontal edge at row 5 (an 8th row of zeros
 * added at the bottom), and the instrument says so.
 */

export const IMAGE_SIZE = 8;

export interface HomeworkImage {
  id: 'x1' | 'x2' | 'x3' | 'x4';
  /** e.g. 'horizontal edge, row 1'. */
  description: string;
  /** Where the 8×8 image differs from what the homework prints, if it does. */
  note: string | null;
  /** 64 values, row-major. */
  pixels: number[];
}

const image = (on: (row: number, col: number) => boolean): number[] =>
  Array.from({ length: IMAGE_SIZE * IMAGE_SIZE }, (_, i) =>
    on(Math.floor(i / IMAGE_SIZE), i % IMAGE_SIZE) ? 1 : 0,
  );

export function homeworkImages(): HomeworkImage[] {
  return [
    { id: 'x1', description: 'horizontal edge, row 1', note: null, pixels: image((r) => r === 1) },
    { id: 'x2', description: 'vertical edge, column 1', note: null, pixels: image((_, c) => c === 1) },
    { id: 'x3', description: 'vertical edge, column 6', note: null, pixels: image((_, c) => c === 6) },
    {
      id: 'x4',
      description: 'horizontal edge, row 5',
      note: 'the homework prints x4 with 7 rows; used here as the 8×8 image with the edge at row 5',
      pixels: image((r) => r === 5),
    },
  ];
}
