// bin/pre-commit-check chooses what to run: the compiled dist/ while no file under src/ is newer
// than its build stamp, else src/ through tsx. Run on a copy of the real bin script, beside stand-in
// dist/ and src/ entry points that say which one ran.
import { expect } from 'chai';
import { execa } from 'execa';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/project.ts';

describe('bin/pre-commit-check: dist/ or src/', function () {
  this.timeout(30_000);
  let pkg: string;

  const stamp = (when: Date) => {
    writeFileSync(join(pkg, 'dist', '.build-stamp'), '');
    utimesSync(join(pkg, 'dist', '.build-stamp'), when, when);
  };
  const age = (file: string, when: Date) => utimesSync(join(pkg, file), when, when);
  const ran = async () => (await execa(join(pkg, 'bin', 'pre-commit-check'), ['a', 'b'])).stdout;
  const past = new Date(Date.now() - 3_600_000);
  const later = new Date(Date.now() - 1_800_000);

  beforeEach(() => {
    pkg = mkdtempSync(join(os.tmpdir(), 'pcc-bin-'));
    // A git working copy (.git): the case where the sources' times count.
    for (const d of ['bin', 'dist/cli', 'src/cli', '.git']) mkdirSync(join(pkg, d), { recursive: true });
    cpSync(join(REPO, 'bin', 'pre-commit-check'), join(pkg, 'bin', 'pre-commit-check'));
    symlinkSync(join(REPO, 'node_modules'), join(pkg, 'node_modules'));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'bin-test', type: 'module' }));
    writeFileSync(join(pkg, 'dist', 'cli', 'main.js'), `export async function main(argv) { console.log('dist ' + argv.join(' ') + ' tsx:' + !!process.__pccTsx); }\n`);
    // Type syntax: only loads through tsx.
    writeFileSync(join(pkg, 'src', 'cli', 'main.ts'), `export async function main(argv: string[]): Promise<void> { console.log('src ' + argv.join(' ') + ' tsx:' + !!(process as any).__pccTsx); }\n`);
    for (const f of ['src/cli/main.ts', 'src/cli', 'src']) age(f, past);
  });
  afterEach(() => rmSync(pkg, { recursive: true, force: true }));

  it('runs dist/ when it was built after every source, with the arguments and without tsx registered', async () => {
    stamp(later);
    expect(await ran()).to.equal('dist a b tsx:false');
  });

  it('runs src/ through tsx when a source changed after the build', async () => {
    stamp(later);
    age('src/cli/main.ts', new Date());
    expect(await ran()).to.equal('src a b tsx:true');
  });

  it('runs src/ when a source was added or removed after the build (its directory changed)', async () => {
    stamp(later);
    age('src/cli', new Date());
    expect(await ran()).to.equal('src a b tsx:true');
  });

  it('runs src/ when dist/ was never built (no stamp)', async () => {
    expect(await ran()).to.equal('src a b tsx:true');
  });

  it('an installed package (no .git) runs dist/ whatever its files\' times, and src/ only without a build', async () => {
    rmSync(join(pkg, '.git'), { recursive: true });
    expect(await ran()).to.equal('src a b tsx:true');
    stamp(past);
    age('src/cli/main.ts', new Date());
    expect(await ran()).to.equal('dist a b tsx:false');
  });
});
