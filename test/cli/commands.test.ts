// End to end, the command line's grammar through the real binary: each command's own help, `help`,
// "did you mean", usage errors in our words with exit 2, flags of other commands rejected, versions.
// None of these runs a database: every case ends at the parser.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN_FILES, REPO, makeProject, runCli, type TempProject } from '../helpers/project.ts';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

describe('cli: commands, help and usage errors', function () {
  this.timeout(60_000);
  let p: TempProject;
  before(() => (p = makeProject(CLEAN_FILES)));
  after(() => p.remove());
  const run = (...args: string[]) => runCli(args, { cwd: p.dir });

  /** The flags listed under "Options:" in a help text. */
  const flagsOf = (help: string) => [...help.slice(help.indexOf('Options:'), help.search(/\n(Commands|Examples):/)).matchAll(/--[a-z-]+/g)].map((x) => x[0]);

  it('`COMMAND --help` and `help COMMAND` print that command\'s own flags and an example, exit 0', async () => {
    const own: Record<string, { has: string[]; not: string[] }> = {
      check: { has: ['--full', '--json', '--junit', '--quiet', '--verbose', '--cwd', '--database-url'], not: ['--name', '--dry-run', '--force', '--hook'] },
      generate: { has: ['--name', '--allow-destructive', '--dry-run', '--models'], not: ['--json', '--junit', '--full', '--hook'] },
      pull: { has: ['--out', '--force', '--database-url'], not: ['--json', '--name', '--check'] },
      registry: { has: ['--out', '--check'], not: ['--json', '--force', '--name'] },
      init: { has: ['--force', '--cwd'], not: ['--json', '--models', '--full'] },
      clean: { has: ['--database-url'], not: ['--json', '--models', '--full'] },
    };
    for (const [cmd, { has, not }] of Object.entries(own)) {
      for (const argv of [[cmd, '--help'], ['help', cmd]]) {
        const r = await run(...argv);
        expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).to.equal(0);
        expect(r.stdout).to.match(new RegExp(`^Usage: pre-commit-check ${cmd} `));
        const flags = flagsOf(r.stdout);
        for (const f of has) expect(flags, `${argv.join(' ')} lists ${f}`).to.include(f);
        for (const f of not) expect(flags, `${argv.join(' ')} does not list ${f}`).to.not.include(f);
        expect(r.stdout, `${argv.join(' ')} has an example`).to.match(new RegExp(`Examples:\\n\\s+\\$ pre-commit-check ${cmd}\\b`));
      }
    }
  });

  it('`--help` and `help` print the commands, the hook flags and the exit codes', async () => {
    for (const argv of [['--help'], ['help']]) {
      const r = await run(...argv);
      expect(r.exitCode, r.stderr).to.equal(0);
      for (const cmd of ['check', 'generate', 'pull', 'registry', 'init', 'clean', 'help']) expect(r.stdout).to.match(new RegExp(`\\n  ${cmd} `));
      expect(flagsOf(r.stdout)).to.include.members(['--hook', '--full', '--ci', '--json', '--junit']);
      expect(r.stdout).to.match(/Exit codes:[\s\S]*\n {2}4 {4}/);
    }
  });

  it('a mistyped command or flag: our message with "did you mean", exit 2, never Node\'s raw text', async () => {
    const cmd = await run('chek');
    expect(cmd.exitCode).to.equal(2);
    expect(cmd.stderr).to.match(/^pre-commit-check: Bad usage: unknown command 'chek': did you mean check\?\n/);
    const flag = await run('check', '--jsn');
    expect(flag.exitCode).to.equal(2);
    expect(flag.stderr).to.contain("unknown option '--jsn': did you mean --json?");
    expect(flag.stderr).to.contain('pre-commit-check check --help');
    const hookFlag = await run('--fulll');
    expect(hookFlag.exitCode).to.equal(2);
    expect(hookFlag.stderr).to.contain('did you mean --full?');
    for (const r of [cmd, flag, hookFlag]) {
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.not.match(/To specify a positional argument|ERR_PARSE_ARGS|at .*\.js:\d+/);
    }
    const help = await run('help', 'genrate');
    expect(help.exitCode).to.equal(2);
    expect(help.stderr).to.contain("unknown command 'genrate': did you mean generate?");
  });

  it('flags of other commands are rejected, naming the commands that have them; nothing is written', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['generate', '--json'], /--json is not a flag of `pre-commit-check generate` \(only of `pre-commit-check`, `pre-commit-check check`\)/],
      [['--json', 'generate'], /--json is not a flag of `pre-commit-check generate`/],
      [['init', '--full'], /--full is not a flag of `pre-commit-check init`/],
      [['registry', '--junit', 'x.xml'], /--junit is not a flag of `pre-commit-check registry`/],
      [['check', '--dry-run'], /--dry-run is not a flag of `pre-commit-check check` \(only of `pre-commit-check generate`\)/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).to.equal(2);
      expect(r.stderr).to.match(message);
      expect(r.stdout).to.equal('');
    }
    expect(readdirSync(join(p.dir, 'migrations'))).to.deep.equal(['20260101000000_users.ts']);
    expect(existsSync(join(p.dir, 'x.xml'))).to.equal(false);
  });

  it('-v and --version print the version on every command and run nothing', async () => {
    for (const argv of [['-v'], ['--version'], ['-V'], ['check', '-v'], ['generate', '--version']]) {
      const r = await run(...argv);
      expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).to.equal(0);
      expect(r.stdout).to.equal(VERSION);
      expect(r.stderr).to.equal('');
    }
  });

  it('conflicting, missing and bad values are usage errors (exit 2) that say which flag', async () => {
    const conflict = await run('--hook', '--ci');
    expect(conflict.exitCode).to.equal(2);
    expect(conflict.stderr).to.match(/--ci.*cannot be used with.*--hook/);
    const missing = await run('generate', '--name');
    expect(missing.exitCode).to.equal(2);
    expect(missing.stderr).to.contain("'--name <NAME>' argument missing");
    const extra = await run('check', 'users');
    expect(extra.exitCode).to.equal(2);
    const url = await run('clean', '--database-url', 'mysql://x');
    expect(url.exitCode).to.equal(2);
    expect(url.stderr).to.contain('--database-url must be a postgres:// or postgresql:// URL');
  });
});
