// The sweep of what dead runs left (each run's start, `clean`): only what is provably a dead owner's.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentOwner, OWNER_FILE } from '../../src/postgres/owner.ts';
import { sweepParent } from '../../src/postgres/sweep.ts';

describe('postgres: sweeping what dead runs left', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'pcc-sweep-test-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));
  const dir = (name: string, files: Record<string, string> = {}) => {
    mkdirSync(path.join(parent, name, 'data'), { recursive: true });
    for (const [f, c] of Object.entries(files)) writeFileSync(path.join(parent, name, f), c);
  };
  const age = (name: string, minutes: number) => {
    const t = new Date(Date.now() - minutes * 60_000);
    utimesSync(path.join(parent, name), t, t);
  };
  const deadPid = () => spawnSync('true').pid!;

  it('removes run directories of dead owners; keeps a live one, another machine\'s, and one being made', async () => {
    const me = currentOwner();
    dir('pcc-pg-dead', { [OWNER_FILE]: JSON.stringify({ ...me, pid: deadPid(), start: '1' }) });
    dir('pcc-pg-reused', { [OWNER_FILE]: JSON.stringify({ ...me, start: `${me.start}9` }) }); // our pid, another start: another process
    dir('pcc-pg-live', { [OWNER_FILE]: JSON.stringify(me) });
    dir('pcc-pg-remote', { [OWNER_FILE]: JSON.stringify({ ...me, pid: deadPid(), host: 'another-machine' }) });
    dir('pcc-pg-new'); // no owner.json yet: just made (or an older version's, see below)
    const swept = await sweepParent(parent);
    expect(swept.map((s) => `${s.kind} ${path.basename(s.path)}`).sort()).to.deep.equal(['run-dir pcc-pg-dead', 'run-dir pcc-pg-reused']);
    expect(readdirSync(parent).sort()).to.deep.equal(['pcc-pg-live', 'pcc-pg-new', 'pcc-pg-remote']);
  });

  it("an older version's directories (no owner): removed only when ten minutes old and their server is gone", async () => {
    dir('pcc-pg-old-dead', { 'data/postmaster.pid': `${deadPid()}\n/x\n` });
    dir('pcc-pg-old-live', { 'data/postmaster.pid': `${process.pid}\n/x\n` });
    dir('pcc-pg-young');
    dir('pcc-sparetmp-0badcafe');
    for (const n of ['pcc-pg-old-dead', 'pcc-pg-old-live', 'pcc-sparetmp-0badcafe']) age(n, 11);
    await sweepParent(parent);
    expect(readdirSync(parent).sort()).to.deep.equal(['pcc-pg-old-live', 'pcc-pg-young']);
  });

  it('removes snapshots and half-written copies named after a dead pid, never a live process\'s', async () => {
    const dead = deadPid();
    for (const n of [`staged-${dead}-0badcafe`, `staged-${process.pid}-0badcafe`, `pgdata-18.4-abc.tmp-${dead}-01ab`, `pgdata-18.4-abc.trash-${dead}-01ab`, `pcc-sparetmp-${dead}-01ab`, `pgdata-18.4-abc`, 'unrelated']) {
      mkdirSync(path.join(parent, n));
    }
    const swept = await sweepParent(parent);
    expect(swept.filter((s) => s.kind === 'snapshot').map((s) => path.basename(s.path))).to.deep.equal([`staged-${dead}-0badcafe`]);
    expect(readdirSync(parent).sort()).to.deep.equal(['pgdata-18.4-abc', `staged-${process.pid}-0badcafe`, 'unrelated']);
  });

  it("removes a dead run's half-written migrated snapshots, never a live one's nor a whole entry", async () => {
    const dead = deadPid();
    const key = (c: string) => c.repeat(32);
    const inSnapshots = (n: string) => path.join('snapshots', n);
    mkdirSync(path.join(parent, 'snapshots'));
    for (const n of [`${key('a')}.tmp-${dead}-01ab`, `${key('a')}.trash-${dead}-01ab`, `${key('b')}.tmp-${process.pid}-01ab`, key('c'), key('d'), key('e')]) {
      mkdirSync(path.join(parent, 'snapshots', n));
    }
    writeFileSync(path.join(parent, 'snapshots', `${key('f')}.json.${dead}.tmp`), '{}');
    writeFileSync(path.join(parent, 'snapshots', `${key('d')}.json`), '{}');
    // c: its meta file never came and it is old (its writer died); d: whole; e: being recorded now.
    for (const n of [key('c'), key('d'), `${key('d')}.json`]) age(inSnapshots(n), 11);
    const swept = await sweepParent(parent);
    expect(swept.map((s) => `${s.kind} ${path.basename(s.path)}`).sort()).to.deep.equal(
      [`temp-dir ${key('a')}.tmp-${dead}-01ab`, `temp-dir ${key('a')}.trash-${dead}-01ab`, `temp-dir ${key('c')}`, `temp-dir ${key('f')}.json.${dead}.tmp`].sort(),
    );
    expect(readdirSync(path.join(parent, 'snapshots')).sort()).to.deep.equal([`${key('b')}.tmp-${process.pid}-01ab`, key('d'), `${key('d')}.json`, key('e')].sort());
  });
});
