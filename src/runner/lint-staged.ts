// Hook mode's static analysis: lint-staged's Node API, with its own guarantees (a backup stash,
// unstaged changes of partially staged files hidden and restored, the original state restored when
// a task fails or is interrupted). Its own renderer is silenced; its messages are captured.
import lintStaged from 'lint-staged';
import { format } from 'node:util';
import { runGit } from './exec.ts';

export interface LintStagedOutcome {
  /** 'ok': tasks passed (or nothing to do); 'failed': a task failed; 'no-config'; 'crashed': lint-staged threw. */
  status: 'ok' | 'failed' | 'no-config' | 'crashed';
  /** A note for an OK run that did nothing. */
  note: 'no-staged-files' | null;
  /** Everything lint-staged logged (task output, its messages). */
  output: string;
  error?: unknown;
}

/** Use in hook mode to run the project's lint-staged config on the staged files. */
export async function runLintStaged(options: {
  cwd: string;
  /** ANSI colours in the captured task output (when the final output is a terminal). */
  color?: boolean;
  /** Test seam: a lint-staged config object instead of the project's configuration files. */
  config?: Record<string, string | string[]>;
}): Promise<LintStagedOutcome> {
  const lines: string[] = [];
  const push = (...args: unknown[]) => lines.push(format(...args));
  const logger = { log: push, warn: push, error: push, debug: () => {} };
  try {
    const passed = await lintStaged(
      {
        cwd: options.cwd,
        // Our task list is the display; lint-staged's own renderer would fight it for the terminal.
        quiet: true,
        color: options.color ?? false,
        ...(options.config ? { config: options.config } : {}),
      },
      logger,
    );
    const output = lines.join('\n');
    if (passed) {
      // quiet also silences "could not find any staged files", so ask git.
      return { status: 'ok', note: (await hasStagedFiles(options.cwd)) ? null : 'no-staged-files', output };
    }
    if (/could not find any valid configuration/i.test(output)) {
      return { status: 'no-config', note: null, output };
    }
    return { status: 'failed', note: null, output };
  } catch (error) {
    return { status: 'crashed', note: null, output: lines.join('\n'), error };
  }
}

/** The files lint-staged would consider (its own `git diff --staged --diff-filter=ACMR`). */
async function hasStagedFiles(cwd: string): Promise<boolean> {
  const r = await runGit(['diff', '--staged', '--diff-filter=ACMR', '--name-only', '-z'], { cwd });
  return !r.ok || r.output.length > 0;
}
