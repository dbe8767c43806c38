// End to end, what `check` and `generate` print: GitHub annotations under GitHub Actions, --quiet,
// colour by FORCE_COLOR / NO_COLOR / the terminal, and `generate --dry-run`.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { BIN, CLEAN_FILES, makeProject, runCli, type TempProject } from '../helpers/project.ts';

const ESC = '\x1b[';
/** The clean project with one drift: a model column no migration creates (an error), and a table no model declares (a warning). */
const DRIFT_FILES: Record<string, string> = {
  ...CLEAN_FILES,
  'models/user.ts': CLEAN_FILES['models/user.ts']!.replace('created_at:', 'stripe_customer_id: t.string(255),\n    created_at:'),
  'migrations/20260102000000_audit.ts': `import type { Knex } from 'knex';
export async function up(knex: Knex) { await knex.schema.createTable('audit_log', (t) => { t.increments('id'); }); }
export async function down(knex: Knex) { await knex.schema.dropTable('audit_log'); }
`,
};

/** The real binary on a pseudo-terminal (`script`), with exactly the colour variables given. */
async function onTerminal(dir: string, args: string, env: Record<string, string>): Promise<string> {
  const base = { ...process.env, TERM: 'xterm', CI: '', GITHUB_ACTIONS: '' } as Record<string, string | undefined>;
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = await execa('script', ['-qec', `${BIN} ${args}`, '/dev/null'], { cwd: dir, env: { ...base, ...env }, extendEnv: false, reject: false, stdin: 'ignore', timeout: 90_000 });
  return String(r.stdout);
}

describe('cli: check and generate output', function () {
  this.timeout(120_000);
  let p: TempProject;
  afterEach(() => p?.remove());

  it('check under GitHub Actions prints an annotation per finding with a file; on stderr with --json', async () => {
    p = makeProject(DRIFT_FILES);
    const r = await runCli(['check'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.exitCode, r.stderr).to.equal(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).to.have.length(1);
    const line = DRIFT_FILES['models/user.ts']!.split('\n').findIndex((l) => l.includes('stripe_customer_id:')) + 1;
    expect(annotations[0]).to.match(new RegExp(`^::error file=models/user\\.ts,line=${line},title=missing-column::Column public\\.users\\.stripe_customer_id .*%0Aadd it in a migration: table\\.string\\('stripe_customer_id', 255\\)$`));
    const json = await runCli(['check', '--json'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(json.exitCode).to.equal(1);
    expect(JSON.parse(json.stdout).findings).to.have.length(2);
    expect(json.stderr.split('\n').filter((l) => l.startsWith('::error file=models/user.ts,'))).to.have.length(1);
    const outside = await runCli(['check'], { cwd: p.dir });
    expect(outside.stdout).to.not.match(/^::/m);
  });

  it('check --quiet prints nothing on success, and only the errors and the summary line on failure', async () => {
    p = makeProject(CLEAN_FILES);
    const ok = await runCli(['check', '--quiet'], { cwd: p.dir });
    expect(ok.exitCode, ok.stderr).to.equal(0);
    expect(ok.stdout).to.equal('');
    p.remove();
    p = makeProject(DRIFT_FILES);
    const bad = await runCli(['check', '-q'], { cwd: p.dir });
    expect(bad.exitCode).to.equal(1);
    expect(bad.stdout).to.contain('missing-column');
    expect(bad.stdout).to.not.contain('unmodeled-table');
    expect(bad.stdout.trim().split('\n').at(-1)).to.match(/^✖ 1 error, 1 warning .*blocked/);
  });

  it('colour follows FORCE_COLOR (0: never, even on a terminal; 1: even in a pipe), then NO_COLOR, then the terminal', async () => {
    p = makeProject(DRIFT_FILES);
    expect(await onTerminal(p.dir, 'check', {}), 'a terminal').to.contain(ESC);
    expect(await onTerminal(p.dir, 'check', { FORCE_COLOR: '0' }), 'FORCE_COLOR=0 on a terminal').to.not.contain(ESC);
    expect(await onTerminal(p.dir, 'check', { NO_COLOR: '1' }), 'NO_COLOR=1 on a terminal').to.not.contain(ESC);
    const piped = await runCli(['check'], { cwd: p.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(piped.stdout, 'FORCE_COLOR=1 in a pipe').to.contain(ESC);
    // The task list of --full (listr2) too: its colour library colours whenever FORCE_COLOR is set, 0 included.
    const full = await runCli(['--full'], { cwd: p.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '0' } });
    expect(full.exitCode).to.equal(1);
    expect(full.stderr).to.contain('Consistency check with migration round trip');
    expect(full.stdout + full.stderr, 'FORCE_COLOR=0, --full').to.not.contain(ESC);
  });

  it('generate --dry-run prints the migration on stdout and writes nothing', async () => {
    p = makeProject(DRIFT_FILES);
    const before = readdirSync(join(p.dir, 'migrations')).sort();
    const r = await runCli(['generate', '--dry-run', '--name', 'add_stripe'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/export async function up\(knex: Knex\)[\s\S]*stripe_customer_id[\s\S]*export async function down/);
    expect(r.stderr).to.match(/Dry run, nothing written: .*migrations\/\d+_add_stripe\.ts \(1 operation\)/);
    expect(readdirSync(join(p.dir, 'migrations')).sort()).to.deep.equal(before);
  });

  it('generate ignores conventions, so conventions.since needs no git repository there (check still does)', async () => {
    const config = "export default { models: ['models/**/*.ts'], conventions: { primaryKey: true, since: 'origin/main' }, stages: { static: [], unit: false } };\n";
    p = makeProject({ ...DRIFT_FILES, 'pre-commit-check.config.ts': config });
    const r = await runCli(['generate', '--dry-run'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('stripe_customer_id');
    const check = await runCli(['check'], { cwd: p.dir });
    expect(check.exitCode, 'check judges conventions: since needs git').to.equal(2);
  });
});
