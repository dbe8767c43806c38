// `pre-commit-check` (hook mode), `--full` and `--ci`: the orchestrator's stages, then the report.
import { loadConfig } from '../../config/load.ts';
import { checkProject } from '../../check/check-project.ts';
import { runPipeline, type PipelineMode } from '../../runner/pipeline.ts';
import { isCiEnv, isGitHook } from '../../runner/renderer.ts';
import { gitTopLevel } from '../../runner/snapshot.ts';
import { PccError } from '../../errors.ts';
import { cliMessages } from '../../messages/cli.ts';
import { renderText } from '../../report/text.ts';
import { renderJson } from '../../report/json.ts';
import { HOOK_BLOCKED } from '../../messages/runner.ts';
import { exitCodeFor, exitCodeForSignal } from '../exit-code.ts';
import { printError, useColor } from '../output.ts';
import type { CliArgs } from '../args.ts';
import { reserveStdout } from '../stdout.ts';
import { resolve } from 'node:path';

/**
 * Use to pick the mode from flags and environment: --hook -> hook, whatever CI says; --ci -> ci;
 * CI set -> ci (--full included: non-interactive), except when git runs us as a hook (a bot's
 * `git commit` through a hook written before --hook existed) -> hook; --full -> full; else hook.
 */
export function pipelineMode(args: Pick<CliArgs, 'ci' | 'full' | 'hook'>, env: Record<string, string | undefined> = process.env): PipelineMode {
  if (args.hook) return 'hook';
  if (args.ci) return 'ci';
  if (isCiEnv(env) && (args.full || !isGitHook(env))) return 'ci';
  return args.full ? 'full' : 'hook';
}

/** Use for the default command; returns the exit code. */
export async function runPipelineCommand(args: CliArgs): Promise<number> {
  // --json: the report alone on stdout, for the whole run (user code prints to stderr instead).
  const out = args.json ? reserveStdout() : process.stdout;
  const config = await loadConfig({ root: args.cwd, configFile: args.config, models: args.models, knexfile: args.knexfile, databaseUrl: args.databaseUrl });
  const mode = pipelineMode(args);
  // Hook mode checks what is staged: without a repository there is nothing staged (exit 2, not a crash).
  if (mode === 'hook' && !(await gitTopLevel(config.root))) {
    throw new PccError('NOT_A_GIT_REPOSITORY', cliMessages.notGitRepo(config.root), { hint: cliMessages.notGitRepoHint });
  }
  // --config and --knexfile are relative to where the command runs (--cwd), like every path flag.
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(args.cwd, p));
  const result = await runPipeline({
    mode,
    config,
    check: checkProject,
    checkOptions: {
      config: abs(args.config),
      models: args.models.length ? args.models : undefined,
      knexfile: abs(args.knexfile),
      databaseUrl: args.databaseUrl,
      cache: args.cache,
      writeCache: mode !== 'ci',
    },
    quiet: args.quiet,
    junit: abs(args.junit),
    annotationOutput: args.json ? process.stderr : process.stdout,
  });
  // runPipeline has said so already (after its task list): no second line.
  if (result.interrupted) return exitCodeForSignal(result.signal);
  if (result.error) {
    printError(result.error);
    return exitCodeFor({ error: result.error });
  }
  if (args.json) {
    if (result.report) out.write(renderJson(result.report));
  } else if (result.report && (result.report.findings.length > 0 || !result.report.ok)) {
    process.stdout.write(renderText(result.report, { color: useColor(process.stdout) }));
  }
  if (!result.ok && mode === 'hook') process.stderr.write(HOOK_BLOCKED + '\n');
  return exitCodeFor({ ok: result.ok });
}
