/** Where CLI commands write: stdout and stderr, injectable so the program can be driven in-process. */
export interface CliIo {
  /** Writes text to standard output (the caller supplies line endings). */
  out(text: string): void;
  /** Writes text to standard error (the caller supplies line endings). */
  err(text: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
