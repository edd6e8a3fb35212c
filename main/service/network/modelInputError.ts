/** An input file for `convscope predict` that cannot be used: unreadable, malformed, or of the wrong shape. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}
