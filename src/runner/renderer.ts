// Which listr2 renderer to use: a pure function of the options, the environment and the TTY.

/** Narrower than this, the interactive renderer's wrapped lines are unreadable: the plain one is used. */
export const MIN_COLUMNS = 20;

export type RendererName = 'default' | 'simple' | 'verbose' | 'silent';

export interface RendererInput {
  /** --quiet */
  quiet?: boolean;
  /** --ci (or CI set) */
  ci?: boolean;
  /** Print nothing at all (tests, or a caller that renders the result itself). */
  silent?: boolean;
  /** Whether the output stream is a terminal. */
  isTTY: boolean;
  /**
   * The width listr2's default renderer wraps to (it reads process.stdout.columns, 80 when unset).
   * A terminal that reports 0 columns (`script` without a size, some CI pseudo-terminals) makes it
   * print one character per line.
   */
  columns?: number;
  env: Record<string, string | undefined>;
}

/** True when CI is set to anything but an explicit false (the convention of ci-info and npm). */
export function isCiEnv(env: Record<string, string | undefined>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * True when git runs us as a commit hook: git sets GIT_INDEX_FILE for the pre-commit (and
 * prepare-commit-msg, commit-msg, pre-merge-commit) hooks, to the index being committed, and
 * nothing else sets it in practice. Hooks written before `--hook` existed run plain
 * `pre-commit-check`: under CI (a bot's `git commit`) this keeps them in hook mode.
 */
export function isGitHook(env: Record<string, string | undefined>): boolean {
  return env.GIT_INDEX_FILE !== undefined && env.GIT_INDEX_FILE !== '';
}

/**
 * Use to pick the listr2 renderer: the interactive 'default' only on a real terminal outside CI;
 * 'simple' (one plain line per state change, no cursor movement) under CI, --quiet, a pipe,
 * TERM=dumb or a terminal without a usable width; 'silent' only when asked.
 */
export function pickRenderer({ quiet, ci, silent, isTTY, env, columns }: RendererInput): RendererName {
  if (silent) return 'silent';
  if (ci || isCiEnv(env)) return 'simple';
  if (quiet) return 'simple';
  if (!isTTY || env.TERM === 'dumb') return 'simple';
  if (columns !== undefined && columns < MIN_COLUMNS) return 'simple';
  return 'default';
}
