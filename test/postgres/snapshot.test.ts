// The store of migrated snapshots (src/postgres/snapshot.ts): bounded, and never serves a partial entry.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keptSnapshots, pruneSnapshots, readSnapshot, recordSnapshot, SNAPSHOT_KEEP, snapshotTree } from '../../src/postgres/snapshot.ts';
import { writeTemplate } from '../../src/postgres/template.ts';

describe('postgres: migrated snapshots store', () => {
  let dir: string;
  let src: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pcc-snapshots-'));
    src = path.join(dir, '..', `${path.basename(dir)}-data`);
    mkdirSync(path.join(src, 'base'), { recursive: true });
    writeFileSync(path.join(src, 'PG_VERSION'), '18\n');
    writeFileSync(path.join(src, 'base', 'x'), 'data');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(src, { recursive: true, force: true });
  });

  const keep = async (key: string, ageS: number) => {
    await writeTemplate(src, path.join(dir, key), key);
    await recordSnapshot(dir, { key, count: 1, database: 'pcc_migrated_x', missingDown: [] });
    const t = new Date(Date.now() - ageS * 1000);
    utimesSync(path.join(dir, `${key}.json`), t, t);
  };

  it(`keeps at most ${SNAPSHOT_KEEP}, the least recently used removed first, data directory and all`, async () => {
    for (const [i, key] of ['a1', 'a2', 'a3', 'a4', 'a5'].entries()) await keep(key, 100 - i);
    await pruneSnapshots(dir);
    expect([...(await keptSnapshots(dir))].sort()).to.deep.equal(['a3', 'a4', 'a5']);
    expect(readdirSync(dir).sort()).to.deep.equal(['a3', 'a3.json', 'a4', 'a4.json', 'a5', 'a5.json']);
  });

  it('reading one marks it used, so that it outlives newer ones', async () => {
    for (const [i, key] of ['b1', 'b2', 'b3'].entries()) await keep(key, 100 - i);
    expect(await readSnapshot(dir, 'b1')).to.include({ key: 'b1', count: 1, database: 'pcc_migrated_x' });
    await keep('b4', 0);
    expect([...(await keptSnapshots(dir))].sort()).to.deep.equal(['b1', 'b3', 'b4']);
  });

  it('a meta file without its data directory, or of another format, is no snapshot (and is removed)', async () => {
    await keep('c1', 0);
    rmSync(path.join(dir, 'c1'), { recursive: true });
    expect(await readSnapshot(dir, 'c1')).to.equal(undefined);
    await keep('c2', 0);
    writeFileSync(path.join(dir, 'c2.json'), JSON.stringify({ format: 0, key: 'c2' }));
    expect(await readSnapshot(dir, 'c2')).to.equal(undefined);
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('a file copied into one snapshot is linked into the next when unchanged, also from the data directory itself (its times not rounded by the copy)', async () => {
    const wal = { first: '0', last: 'F' };
    await snapshotTree(src, path.join(dir, 's1'), undefined, wal); // copied: times set through fs.utimes
    writeFileSync(path.join(src, 'base', 'y'), 'changed'); // a file this run wrote
    await snapshotTree(src, path.join(dir, 's2'), path.join(dir, 's1'), wal);
    const ino = (entry: string, f: string) => statSync(path.join(dir, entry, f)).ino;
    expect(ino('s2', 'base/x'), 'unchanged: a hard link').to.equal(ino('s1', 'base/x'));
    expect(ino('s2', 'PG_VERSION'), 'unchanged: a hard link').to.equal(ino('s1', 'PG_VERSION'));
    expect(statSync(path.join(dir, 's2', 'base', 'y')).nlink, 'new: a copy').to.equal(1);
  });
});
