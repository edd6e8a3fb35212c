/**
 * Every failure to read or write an ONNX file: malformed bytes, a limit exceeded, something
 * Convscope does not run. The message is one line and says what was expected and what was found.
 */
export class OnnxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OnnxError';
  }
}

/**
 * A name from the file for a message: quoted, and cut short, since a hostile file can make a name
 * megabytes long and the message must stay one readable line.
 */
export function quote(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `'${clean.length > 80 ? `${clean.slice(0, 77)}...` : clean}'`;
}
