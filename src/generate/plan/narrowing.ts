// Which type changes may lose data: a narrowing change is destructive (left out of a migration unless
// --allow-destructive), a widening one is not.
import { normaliseType } from '../../diff/normalise.ts';

const typmod = (t: string): number[] => (/\(([^)]*)\)/.exec(t)?.[1] ?? '').split(',').filter(Boolean).map(Number);
const base = (t: string): string => t.replace(/\([^)]*\)/, '');
const STRINGS = ['character varying', 'character', 'text'];
const INTS = ['smallint', 'integer', 'bigint'];
const TIMES = /^(timestamp|time)(?:\((\d+)\))? (with|without) time zone$/;

/** Use for a column's type change: widening changes keep every value; anything else may lose data (length, precision, time zone). */
export function isNarrowing(fromRaw: string, toRaw: string): boolean {
  const from = normaliseType(fromRaw);
  const to = normaliseType(toRaw);
  if (from === to) return false;
  if (to === 'text') return false; // every value has a text form
  const bf = base(from);
  const bt = base(to);
  if (STRINGS.includes(bf) && bt === 'character varying') {
    if (typmod(to).length === 0) return false;
    return bf === 'text' || typmod(from).length === 0 || typmod(from)[0]! > typmod(to)[0]!;
  }
  if (INTS.includes(bf) && INTS.includes(bt)) return INTS.indexOf(bt) < INTS.indexOf(bf);
  if (INTS.includes(bf) && bt === 'numeric') {
    const [p, s] = typmod(to);
    return p !== undefined && p - (s ?? 0) < 19;
  }
  if (bf === 'real' && bt === 'double precision') return false;
  if (bf === 'numeric' && bt === 'numeric') return numericNarrows(from, to);
  const mf = TIMES.exec(from);
  const mt = TIMES.exec(to);
  if (mf && mt && mf[1] === mt[1]) {
    if (mf[3] === 'with' && mt[3] === 'without') return true;
    return Number(mt[2] ?? 6) < Number(mf[2] ?? 6);
  }
  if (bf === 'json' && bt === 'jsonb') return false;
  return true;
}

function numericNarrows(from: string, to: string): boolean {
  const [tp, ts] = typmod(to);
  if (tp === undefined) return false;
  const [fp, fs] = typmod(from);
  if (fp === undefined) return true;
  return ts! < fs! || tp - ts! < fp - fs!;
}
