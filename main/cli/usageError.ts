/**
 * Something wrong in what the user typed (a malformed value, values that do not fit together):
 * exit code 2. Any other error is a failure: exit code 1.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
