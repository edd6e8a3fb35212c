/** A value that cannot be encoded, or a body that is not a well-formed message of the wire format. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}
