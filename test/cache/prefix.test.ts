// Prefix keys of a migration history (src/cache/prefix.ts): pure, no database.
import { expect } from 'chai';
import { longestKeptPrefix, prefixKeys, roundTripPassedPrefix } from '../../src/cache/prefix.ts';

const steps = [
  { name: '001_a.ts', hash: 'h1' },
  { name: '002_b.ts', hash: 'h2' },
  { name: '003_c.ts', hash: 'h3' },
];

describe('cache: prefix keys of a migration history', () => {
  it('an appended migration keeps every earlier key', () => {
    const before = prefixKeys('base', steps);
    const after = prefixKeys('base', [...steps, { name: '004_d.ts', hash: 'h4' }]);
    expect(after.slice(0, 4)).to.deep.equal(before);
    expect(after).to.have.length(5);
    expect(new Set(after).size).to.equal(5);
  });

  it('an edited, renamed, removed or moved migration changes its key and every later one, not the earlier ones', () => {
    const keys = prefixKeys('base', steps);
    const edited = prefixKeys('base', [steps[0]!, { name: '002_b.ts', hash: 'other' }, steps[2]!]);
    const renamed = prefixKeys('base', [steps[0]!, { name: '002_x.ts', hash: 'h2' }, steps[2]!]);
    const removed = prefixKeys('base', [steps[0]!, steps[2]!]);
    const reordered = prefixKeys('base', [steps[0]!, steps[2]!, steps[1]!]);
    for (const other of [edited, renamed, removed, reordered]) {
      expect(other.slice(0, 2)).to.deep.equal(keys.slice(0, 2));
      for (const k of other.slice(2)) expect(keys).not.to.include(k);
    }
  });

  it('another base (knexfile, helper, tool) changes every key', () => {
    const a = prefixKeys('base', steps);
    const b = prefixKeys('base2', steps);
    for (const k of b) expect(a).not.to.include(k);
  });

  it('the longest kept prefix, never the empty one', () => {
    const keys = prefixKeys('base', steps);
    expect(longestKeptPrefix(keys, new Set([keys[1]!, keys[2]!]))).to.equal(2);
    expect(longestKeptPrefix(keys, new Set([keys[3]!]))).to.equal(3);
    expect(longestKeptPrefix(keys, new Set([keys[0]!]))).to.equal(0);
    expect(longestKeptPrefix(keys, new Set())).to.equal(0);
  });

  it('the longest kept prefix of at most max migrations (check --full resumes no later than its round trip starts)', () => {
    const keys = prefixKeys('base', steps);
    const all = new Set(keys);
    expect(longestKeptPrefix(keys, all, 2)).to.equal(2);
    expect(longestKeptPrefix(keys, new Set([keys[3]!]), 2)).to.equal(0);
    expect(longestKeptPrefix(keys, all, 0)).to.equal(0);
  });

  it('the round trip passed for the first k migrations whose keys are all recorded, none after a gap', () => {
    const keys = prefixKeys('base', steps);
    expect(roundTripPassedPrefix(keys, new Set(keys.slice(1)))).to.equal(3);
    expect(roundTripPassedPrefix(keys, new Set(keys.slice(1, 3)))).to.equal(2);
    expect(roundTripPassedPrefix(keys, new Set([keys[2]!, keys[3]!]))).to.equal(0);
    const edited = prefixKeys('base', [steps[0]!, { name: '002_b.ts', hash: 'other' }, steps[2]!]);
    expect(roundTripPassedPrefix(edited, new Set(keys.slice(1)))).to.equal(1);
  });
});
