// A unified diff of two texts, for the stale-generated finding: pure, no dependency, bounded work.
// The common head and tail are cut first (a regenerated file usually differs in a few places); the
// middle is aligned by a longest common subsequence when it is small enough, else shown as one block
// replaced by another (still a correct diff, only a coarser one).

/** One line of an edit script: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** The middle's size (lines before x lines after) above which it is shown as one replaced block. */
export const MAX_LCS_CELLS = 4_000_000;

/** Lines of context around each change in a hunk. */
export const CONTEXT_LINES = 3;

/** Split a text into lines, the final newline not making an empty last line. */
function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The edit script of the middle parts by LCS, or a plain remove-then-add when it would cost too much. */
function alignMiddle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_LCS_CELLS) {
    return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  }
  // lcs[i * (m + 1) + j]: the LCS length of a[i..] and b[j..].
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  while (i < n) out.push({ op: '-', text: a[i++]! });
  while (j < m) out.push({ op: '+', text: b[j++]! });
  return out;
}

/** Use to get the whole edit script from `before` to `after` (every line, kept ones included). */
export function editScript(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const keep = (text: string): DiffLine => ({ op: ' ', text });
  return [
    ...a.slice(0, head).map(keep),
    ...alignMiddle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map(keep),
  ];
}

/** Use to render the hunks of a unified diff (`@@ -l,n +l,n @@` and their lines), without file headers. */
export function unifiedHunks(before: string, after: string, context = CONTEXT_LINES): string[] {
  const script = editScript(before, after);
  const changed = script.map((l, k) => (l.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  // Group changes whose context windows touch into one hunk each.
  const ranges: Array<[number, number]> = [];
  for (const k of changed) {
    const from = Math.max(0, k - context);
    const to = Math.min(script.length - 1, k + context);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else ranges.push([from, to]);
  }
  // Line numbers in the old and new text at each script position.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let n = 1;
  for (const l of script) {
    oldAt.push(o);
    newAt.push(n);
    if (l.op !== '+') o++;
    if (l.op !== '-') n++;
  }
  const out: string[] = [];
  for (const [from, to] of ranges) {
    const part = script.slice(from, to + 1);
    const oldCount = part.filter((l) => l.op !== '+').length;
    const newCount = part.filter((l) => l.op !== '-').length;
    // A range of zero lines starts at the line before it (diff -u's convention).
    const oldStart = oldCount === 0 ? oldAt[from]! - 1 : oldAt[from]!;
    const newStart = newCount === 0 ? newAt[from]! - 1 : newAt[from]!;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const l of part) out.push(`${l.op}${l.text}`);
  }
  return out;
}
