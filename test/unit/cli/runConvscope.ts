/** Runs the real `convscope` launcher in a child process, as a user's shell would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node main/cli/convscope.mjs ...args` from the repository root. */
export function runConvscope(...args: string[]): CliRun {
  const result = spawnSync(process.execPath, ['main/cli/convscope.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of an output, without the final newline. */
export function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}
