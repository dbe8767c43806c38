// Spare data directories: made whole or not at all, claimed by exactly one run (half-made ones of killed runs: sweep.test.ts).
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimSpare, prepareSpare } from '../../src/postgres/spare.ts';

describe('postgres: spare data directories', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pcc-spare-test-'));
    mkdirSync(join(root, 'template/base'), { recursive: true });
    writeFileSync(join(root, 'template/base/1'), 'catalog');
    writeFileSync(join(root, 'template/pcc-template.json'), '{}');
    mkdirSync(join(root, 'runs'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('prepares one spare per template key, claimed by one run only', async () => {
    await prepareSpare(join(root, 'runs'), 'k1', join(root, 'template'));
    await prepareSpare(join(root, 'runs'), 'k1', join(root, 'template')); // one is ready: nothing more
    expect(readdirSync(join(root, 'runs')).filter((n) => n.startsWith('pcc-spare-k1-'))).to.have.length(1);
    const [a, b] = [join(root, 'run-a'), join(root, 'run-b')];
    const claims = await Promise.all([claimSpare(join(root, 'runs'), 'k1', a), claimSpare(join(root, 'runs'), 'k1', b)]);
    expect(claims.filter(Boolean)).to.have.length(1);
    const winner = claims[0] ? a : b;
    expect(readFileSync(join(winner, 'base/1'), 'utf8')).to.equal('catalog');
    expect(existsSync(join(winner, 'pcc-template.json')), 'the marker is not part of a data directory').to.equal(false);
    expect(readdirSync(join(root, 'runs'))).to.deep.equal([]);
  });

  it('a spare of another template is removed, not used', async () => {
    await prepareSpare(join(root, 'runs'), 'old', join(root, 'template'));
    expect(await claimSpare(join(root, 'runs'), 'new', join(root, 'run'))).to.equal(false);
    expect(readdirSync(join(root, 'runs'))).to.deep.equal([]);
    expect(existsSync(join(root, 'run'))).to.equal(false);
  });
});
