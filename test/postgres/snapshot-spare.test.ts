// The data directory a run that kept a migrated snapshot hands to the next run (src/postgres/snapshot-spare.ts):
// live-process files left out, one spare per parent, claimed by exactly one run, only for its own snapshot key;
// one left unclaimed is swept once stale.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimSnapshotSpare, handOffDataDir, SNAP_SPARE_PREFIX, SNAP_SPARE_STALE_MS } from '../../src/postgres/snapshot-spare.ts';
import { sweepParent } from '../../src/postgres/sweep.ts';

describe('postgres: the data directory handed to the next run (snapshot spares)', () => {
  let root: string;
  const dataDir = (name: string) => {
    const d = join(root, name);
    mkdirSync(join(d, 'base'), { recursive: true });
    writeFileSync(join(d, 'base/1'), name);
    writeFileSync(join(d, 'postmaster.pid'), '123');
    writeFileSync(join(d, 'postmaster.opts'), 'postgres');
    return d;
  };
  const spares = () => readdirSync(join(root, 'runs')).filter((n) => n.startsWith(SNAP_SPARE_PREFIX));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pcc-snapspare-test-'));
    mkdirSync(join(root, 'runs'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is claimed by one run only, for its own key, without the stopped server\'s pid files', async () => {
    await handOffDataDir(join(root, 'runs'), dataDir('run1'), 'k1');
    expect(existsSync(join(root, 'run1'))).to.equal(false);
    expect(spares()).to.have.length(1);
    expect(await claimSnapshotSpare(join(root, 'runs'), 'k2', join(root, 'other'))).to.equal(false);
    const [a, b] = [join(root, 'run-a'), join(root, 'run-b')];
    const claims = await Promise.all([claimSnapshotSpare(join(root, 'runs'), 'k1', a), claimSnapshotSpare(join(root, 'runs'), 'k1', b)]);
    expect(claims.filter(Boolean)).to.have.length(1);
    const winner = claims[0] ? a : b;
    expect(readFileSync(join(winner, 'base/1'), 'utf8')).to.equal('run1');
    expect(existsSync(join(winner, 'postmaster.pid'))).to.equal(false);
    expect(existsSync(join(winner, 'postmaster.opts'))).to.equal(false);
    expect(spares()).to.deep.equal([]);
  });

  it('keeps one per parent (the newest), and the sweep removes one left unclaimed too long', async () => {
    await handOffDataDir(join(root, 'runs'), dataDir('run1'), 'k1');
    await handOffDataDir(join(root, 'runs'), dataDir('run2'), 'k2');
    expect(spares()).to.have.length(1);
    expect(spares()[0]!.startsWith(`${SNAP_SPARE_PREFIX}k2-`)).to.equal(true);
    expect(await sweepParent(join(root, 'runs'))).to.deep.equal([]); // fresh: kept
    const old = (Date.now() - SNAP_SPARE_STALE_MS - 60_000) / 1000;
    utimesSync(join(root, 'runs', spares()[0]!), old, old);
    expect((await sweepParent(join(root, 'runs'))).map((s) => s.kind)).to.deep.equal(['temp-dir']);
    expect(spares()).to.deep.equal([]);
  });
});
