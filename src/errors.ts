// Typed errors with a stable code. Anything the user can cause or fix is a PccError; the CLI maps
// its `kind` to an exit code in one place (src/cli/exit-code.ts).

/** Stable error codes; never rename one, tools may match on them. */
export type PccErrorCode =
  | 'USAGE' // unknown flag, bad flag value
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'KNEXFILE_NOT_FOUND'
  | 'KNEXFILE_INVALID'
  | 'KNEX_NOT_INSTALLED' // neither the project nor the tool can load knex (or its pg driver)
  | 'DB_START_FAILED' // embedded server could not start
  | 'DB_UNREACHABLE' // --database-url server could not be reached / authenticated
  | 'DB_CREATE_DENIED' // role may not create databases
  | 'PORT_IN_USE'
  | 'DB_OUT_OF_SPACE' // the scratch databases filled the disk (or RAM disk) they live on
  | 'DB_CRASHED' // the embedded server died during the check
  | 'TMPDIR_UNWRITABLE' // the temporary directory cannot be written to
  | 'INTERRUPTED' // SIGINT / SIGTERM
  | 'GIT_FAILED'
  | 'NOT_A_GIT_REPOSITORY' // hook mode outside a git repository
  | 'INTERNAL';

/** Which exit code an error class maps to (contract section 1). */
export type PccErrorKind = 'usage' | 'environment' | 'interrupted' | 'internal';

const KIND: Record<PccErrorCode, PccErrorKind> = {
  USAGE: 'usage',
  CONFIG_NOT_FOUND: 'usage',
  CONFIG_INVALID: 'usage',
  KNEXFILE_NOT_FOUND: 'usage',
  KNEXFILE_INVALID: 'usage',
  KNEX_NOT_INSTALLED: 'usage',
  DB_START_FAILED: 'environment',
  DB_UNREACHABLE: 'environment',
  DB_CREATE_DENIED: 'environment',
  PORT_IN_USE: 'environment',
  DB_OUT_OF_SPACE: 'environment',
  DB_CRASHED: 'environment',
  GIT_FAILED: 'environment',
  NOT_A_GIT_REPOSITORY: 'usage',
  TMPDIR_UNWRITABLE: 'environment',
  INTERRUPTED: 'interrupted',
  INTERNAL: 'internal',
};

/** Throw this for any failure the user should read: `message` says what happened, `hint` what to do next. */
export class PccError extends Error {
  readonly code: PccErrorCode;
  readonly hint: string | undefined;
  constructor(code: PccErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PccError';
    this.code = code;
    this.hint = options.hint;
  }
  get kind(): PccErrorKind {
    return KIND[this.code];
  }
}

/** Use when catching unknown values: true for our typed errors. */
export const isPccError = (e: unknown): e is PccError => e instanceof PccError;

/** Replace every password in a text with '***' (never print one): see src/util/secrets.ts. */
export { redact } from './util/secrets.ts';
