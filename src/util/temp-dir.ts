// The temporary directory must be writable: TypeScript files load through tsx, which keeps its compile
// cache there, and the embedded server may put its run or socket directory there. A read-only one
// used to surface as "the config file could not be loaded" (exit 2); it is the environment (exit 3).
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import { PccError } from '../errors.ts';
import { interruptMessages as m } from '../messages/interrupt.ts';

/** Use before loading any user file: throws PccError TMPDIR_UNWRITABLE naming the directory and what to set. */
export function assertWritableTempDir(env: NodeJS.ProcessEnv = process.env): void {
  const dir = os.tmpdir();
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    const variable = ['TMPDIR', 'TMP', 'TEMP'].find((v) => env[v]);
    throw new PccError('TMPDIR_UNWRITABLE', m.tmpdirUnwritable(dir, variable), { hint: m.tmpdirUnwritableHint(variable) });
  }
}
