// Which listr2 renderer to use: a pure function of the options, the environment and the TTY.

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
  env: Record<string, string | undefined>;
}

/** True when CI is set to anything but an explicit false (the convention of ci-info and npm). */
export function isCiEnv(env: Record<string, string | undefined>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * Use to pick the listr2 renderer: the interactive 'default' only on a real terminal outside CI;
 * 'simple' (one plain line per state change, no cursor movement) under CI, --quiet, a pipe or
 * TERM=dumb; 'silent' only when asked.
 */
export function pickRenderer({ quiet, ci, silent, isTTY, env }: RendererInput): RendererName {
  if (silent) return 'silent';
  if (ci || isCiEnv(env)) return 'simple';
  if (quiet) return 'simple';
  if (!isTTY || env.TERM === 'dumb') return 'simple';
  return 'default';
}
