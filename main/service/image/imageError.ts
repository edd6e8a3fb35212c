/** Errors of image loading and export: one class, told apart by `code`. */

export type ImageErrorCode =
  | 'NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_IMAGE'
  | 'TOO_MANY_PIXELS'
  | 'INVALID_OPTION'
  | 'WOULD_OVERWRITE_SOURCE'
  | 'WRITE_FAILED';

/** An image load or export failure with a machine-readable `code` and a one-line message naming the file. */
export class ImageError extends Error {
  readonly code: ImageErrorCode;

  constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(firstLine(message), options);
    this.name = 'ImageError';
    this.code = code;
  }
}

/** The first non-empty line of a message: libvips joins every decoder warning with newlines. */
export function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '');
  return (line ?? message).trim();
}

/** The message of anything thrown, for wrapping it into an ImageError. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The errno code (ENOENT, ENOSPC, ...) of a Node fs error, if it has one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
