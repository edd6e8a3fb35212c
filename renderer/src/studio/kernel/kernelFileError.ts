/** Why a kernel file was rejected; the message is one line meant for the user. */
export class KernelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelFileError';
  }
}
