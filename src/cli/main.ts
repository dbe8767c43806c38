// The command line: parse argv, run one command, set process.exitCode (never process.exit, so cleanup runs).
import { readFileSync } from 'node:fs';
import { parseCli, type CliArgs, type CommandName } from './args.ts';
import { EXIT, exitCodeFor } from './exit-code.ts';
import { alignColorEnv, printError } from './output.ts';
import { installRedaction, registerSecret } from '../util/secrets.ts';
import { guardRun } from './guard.ts';
import { holdInterrupts } from './interrupt.ts';
import { assertWritableTempDir } from '../util/temp-dir.ts';
import { throwIfInterrupted } from '../util/interrupt.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

type Runner = (args: CliArgs) => Promise<number>;

/** Each command's code, loaded only when it runs (a commit's hook loads the pipeline and nothing else). */
const RUNNERS: Record<CommandName, () => Promise<Runner>> = {
  hook: async () => (await import('./commands/pipeline.ts')).runPipelineCommand,
  check: async () => (await import('./commands/check.ts')).runCheckCommand,
  generate: async () => (await import('./commands/generate.ts')).runGenerateCommand,
  pull: async () => (await import('./commands/pull.ts')).runPullCommand,
  registry: async () => (await import('./commands/registry.ts')).runRegistryCommand,
  init: async () => (await import('./commands/init.ts')).runInitCommand,
  clean: async () => (await import('./commands/clean.ts')).runCleanCommand,
};

/** Use as the binary's body: returns when the command is done; process.exitCode holds the result. */
export async function main(argv: string[]): Promise<void> {
  // The user's files run in this process: guard the exit code against what they do (guard.ts).
  const guard = guardRun();
  try {
    await runCommandLine(argv);
  } finally {
    guard.finish(Number(process.exitCode ?? 0));
  }
}

async function runCommandLine(argv: string[]): Promise<void> {
  installRedaction(); // no password reaches the terminal, whoever prints it
  alignColorEnv();
  let request;
  try {
    request = parseCli(argv, VERSION);
    if (request.kind !== 'info') registerSecret(request.args.databaseUrl);
  } catch (error) {
    printError(error);
    process.exitCode = exitCodeFor({ error });
    return;
  }
  if (request.kind === 'info') {
    process.stdout.write(request.text);
    process.exitCode = EXIT.OK;
    return;
  }
  // SIGINT/SIGTERM from here on: cleanup, one line, exit 130/143 (see interrupt.ts).
  const interrupts = holdInterrupts();
  try {
    throwIfInterrupted();
    if (request.args.command !== 'init' && request.args.command !== 'clean') assertWritableTempDir();
    // init writes the project's files as it goes, checking no interruption: a signal from here on
    // ends it the default way rather than with a line that says nothing was written.
    if (request.args.command === 'init' && interrupts.end()) return;
    const run = await RUNNERS[request.args.command]();
    process.exitCode = await run(request.args);
  } catch (error) {
    // Once interrupted, whatever broke did so because the run was being stopped: end() says that, once.
    if (interrupts.end()) return;
    printError(error);
    process.exitCode = exitCodeFor({ error });
  } finally {
    interrupts.end();
  }
}

export { VERSION };
