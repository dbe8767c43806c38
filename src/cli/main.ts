// The command line: parse argv, run one command, set process.exitCode (never process.exit, so cleanup runs).
import { readFileSync } from 'node:fs';
import { parseCli, type CliArgs } from './args.ts';
import { EXIT, exitCodeFor } from './exit-code.ts';
import { isShuttingDown } from '../postgres/cleanup.ts';
import { isPccError } from '../errors.ts';
import { printError } from './output.ts';
import { installRedaction, registerSecret } from '../util/secrets.ts';
import { USAGE, cliMessages } from '../messages/cli.ts';
import { runCheckCommand } from './commands/check.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Use as the binary's body: returns when the command is done; process.exitCode holds the result. */
export async function main(argv: string[]): Promise<void> {
  installRedaction(); // no password reaches the terminal, whoever prints it
  let args: CliArgs;
  try {
    args = parseCli(argv);
    registerSecret(args.databaseUrl);
  } catch (error) {
    printError(error);
    process.exitCode = exitCodeFor({ error });
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  try {
    switch (args.command) {
      case 'check':
        process.exitCode = await runCheckCommand(args);
        return;
      case 'hook': {
        const { runPipelineCommand } = await import('./commands/pipeline.ts');
        process.exitCode = await runPipelineCommand(args);
        return;
      }
      case 'pull': {
        const { runPullCommand } = await import('./commands/pull.ts');
        process.exitCode = await runPullCommand(args);
        return;
      }
      case 'registry': {
        const { runRegistryCommand } = await import('./commands/registry.ts');
        process.exitCode = await runRegistryCommand(args);
        return;
      }
      case 'generate': {
        const { runGenerateCommand } = await import('./commands/generate.ts');
        process.exitCode = await runGenerateCommand(args);
        return;
      }
      case 'init': {
        const { runInitCommand } = await import('./commands/init.ts');
        process.exitCode = await runInitCommand(args);
        return;
      }
    }
  } catch (error) {
    // Under Ctrl-C, whatever broke did so because the database was being stopped: say that, once.
    if (isShuttingDown() && !(isPccError(error) && error.kind !== 'internal')) {
      process.stderr.write(`${cliMessages.interrupted}\n`);
      process.exitCode = EXIT.INTERRUPTED;
      return;
    }
    printError(error);
    process.exitCode = exitCodeFor({ error });
  }
}

export { VERSION };
