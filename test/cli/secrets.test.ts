// No password is ever printed (issue 10 item 3), end to end through the real binary: in an error, the
// text report, --json, the JUnit file, GitHub annotations and the captured output of stages, whether
// the password sits in a URL's userinfo, in ?password=, percent-encoded, or is printed bare by a stage.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { sharedServer } from '../helpers/pg.ts';
import { CLEAN_FILES, makeProject, runCli, type CliResult, type TempProject } from '../helpers/project.ts';
import { freePort } from '../../src/postgres/port.ts';
import { forgetSecrets, passwordsIn, redact, registerSecret } from '../../src/util/secrets.ts';

/** Every form a password could be printed in. */
const forms = (pw: string): string[] => [...new Set([pw, encodeURIComponent(pw), decodeURIComponent(encodeURIComponent(pw))])];

function expectNoPassword(pw: string, ...texts: string[]): void {
  for (const t of texts) for (const f of forms(pw)) expect(t.includes(f), `password form ${f} printed in:\n${t.slice(0, 2000)}`).to.equal(false);
}

const all = (r: CliResult): string => `${r.stdout}\n${r.stderr}`;

/** A role with a password (and CREATEDB) on the shared server, reached over TCP like a user's server. */
async function roleUrl(password: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = await sharedServer();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const role = `pcc_secret_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password.replace(/'/g, "''")}'`);
  await admin.end();
  const u = new URL(server.adminUrl);
  return {
    url: `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${u.port}/postgres`,
    drop: async () => {
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      await c.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
      await c.end();
    },
  };
}

/** A stage that prints its DATABASE_URL whole, its password bare and in pieces, then fails (so its output is shown). */
const LEAKY_STAGE = `node -e "const u=new URL(process.env.DATABASE_URL);console.log('url', process.env.DATABASE_URL);console.log('pw', u.password);console.log('plain', decodeURIComponent(u.password));console.log('PGPASSWORD=' + decodeURIComponent(u.password));require('fs').writeFileSync('stage-url.txt', process.env.DATABASE_URL);process.exit(1)"`;

/** A migration whose error message carries its connection (knex's config: the scratch database URL). */
const LEAKY_MIGRATION = `import type { Knex } from 'knex';
export async function up(knex: Knex) { throw new Error('cannot migrate over ' + JSON.stringify(knex.client.config.connection)); }
export async function down() {}
`;

const config = (integration: string | false) =>
  `export default { models: ['models/**/*.ts'], stages: { static: [], unit: false, integration: ${JSON.stringify(integration)} } };\n`;

describe('secrets: no password is ever printed (real binary)', function () {
  this.timeout(240_000);
  const projects: TempProject[] = [];
  const project = (files: Record<string, string>): TempProject => {
    const p = makeProject(files);
    projects.push(p);
    return p;
  };
  after(() => projects.forEach((p) => p.remove()));

  it('redact() masks userinfo, ?password=, libpq and PGPASSWORD forms, and registered secrets in any encoding', () => {
    forgetSecrets();
    expect(redact('postgres://u:p@ss@h/db')).to.equal('postgres://u:***@h/db');
    expect(redact('postgresql://u@h/db?sslmode=off&PassWord=abc123&x=1')).to.equal('postgresql://u@h/db?sslmode=off&PassWord=***&x=1');
    expect(redact("host=h password='a b\\'c' user=u")).to.equal('host=h password=*** user=u');
    expect(redact('PGPASSWORD=hunter22 npm test')).to.equal('PGPASSWORD=*** npm test');
    expect(passwordsIn('postgres://u:p%40ss@h/db?password=q2')).to.deep.equal(['p%40ss', 'q2']);
    registerSecret('postgres://u:p%40ss%2Fw0rd@h/db');
    expect(redact('bare p@ss/w0rd, encoded p%40ss%2Fw0rd, json "p@ss/w0rd"')).to.equal('bare ***, encoded ***, json "***"');
    forgetSecrets();
  });

  it('an unreachable server given the password as ?password=: the error names the server, never the password', async () => {
    const pw = `Q${randomBytes(9).toString('hex')}`;
    const p = project(CLEAN_FILES);
    const port = await freePort();
    const url = `postgres://someone@127.0.0.1:${port}/db?sslmode=disable&password=${pw}`;
    for (const args of [['check', '--database-url', url], ['pull', '--database-url', url], ['check', '--json', '--database-url', url]]) {
      const r = await runCli(args, { cwd: p.dir });
      expect(r.exitCode, all(r)).to.equal(3);
      expect(all(r)).to.contain(`127.0.0.1:${port}`);
      expectNoPassword(pw, all(r));
    }
  });

  it('a wrong password given as ?password= to a real server: refused, and neither password is printed', async () => {
    const pw = `Right-${randomBytes(6).toString('hex')}`;
    const { url, drop } = await roleUrl(pw);
    const p = project(CLEAN_FILES);
    try {
      // the wrong one as ?password= (libpq's form): the server refuses it, the message must not show it
      const wrong = `${url.replace(`:${encodeURIComponent(pw)}@`, '@')}?password=Wrong-pass-123`;
      const r = await runCli(['check', '--database-url', wrong], { cwd: p.dir });
      expect(r.exitCode, all(r)).to.equal(3);
      expectNoPassword('Wrong-pass-123', all(r));
      expectNoPassword(pw, all(r));
    } finally {
      await drop();
    }
  });

  it('--full --junit with --database-url and a stage that prints $DATABASE_URL: not in the terminal, not in the JUnit file', async () => {
    const pw = `p@ss/w:rd%${randomBytes(6).toString('hex')}`;
    const { url, drop } = await roleUrl(pw);
    const p = project({ ...CLEAN_FILES, 'pre-commit-check.config.ts': config(LEAKY_STAGE) });
    try {
      for (const mode of ['--full', '--ci']) {
        const r = await runCli([mode, '--junit', 'report.xml', '--database-url', url], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } });
        expect(r.exitCode, all(r)).to.equal(1);
        expect(existsSync(join(p.dir, 'stage-url.txt')), 'the stage ran').to.equal(true);
        const junit = readFileSync(join(p.dir, 'report.xml'), 'utf8');
        expect(all(r) + junit).to.contain('url postgres://');
        expectNoPassword(pw, all(r), junit);
      }
    } finally {
      await drop();
    }
  });

  it('the embedded server: its generated password, printed by a stage or carried by a migration error, is in no output', async () => {
    const p = project({ ...CLEAN_FILES, 'pre-commit-check.config.ts': config(LEAKY_STAGE) });
    const r = await runCli(['--full', '--junit', 'report.xml'], { cwd: p.dir });
    expect(r.exitCode, all(r)).to.equal(1);
    const stageUrl = readFileSync(join(p.dir, 'stage-url.txt'), 'utf8');
    const pw = decodeURIComponent(new URL(stageUrl).password);
    expect(pw.length).to.be.greaterThan(8);
    expectNoPassword(pw, all(r), readFileSync(join(p.dir, 'report.xml'), 'utf8'));

    const m = project({ ...CLEAN_FILES, 'pre-commit-check.config.ts': config(false), 'migrations/20260102000000_leak.ts': LEAKY_MIGRATION });
    const runs = [
      await runCli(['check', '--json'], { cwd: m.dir }),
      await runCli(['check', '--junit', 'check.xml'], { cwd: m.dir }),
      await runCli(['--ci', '--junit', 'ci.xml'], { cwd: m.dir, env: { GITHUB_ACTIONS: 'true' } }),
    ];
    for (const run of runs) {
      expect(run.exitCode, all(run)).to.equal(1);
      expect(all(run)).to.contain('cannot migrate over');
      expect(all(run)).to.not.match(/postgres:\/\/[^:\s]+:(?!\*\*\*@)[^@\s]+@/);
    }
    expect(runs[2]!.stdout).to.contain('::error file=migrations/20260102000000_leak.ts');
    for (const f of ['check.xml', 'ci.xml']) expect(readFileSync(join(m.dir, f), 'utf8')).to.not.match(/postgres:\/\/[^:\s]+:(?!\*\*\*@)[^@\s]+@/);
  });
});
