// Where a model was defined: defineModel() captures its caller's stack frame (cheaply: V8 formats a
// captured stack only when it is read, through the source maps tsx registers, so TypeScript lines are
// right). The loader uses the file to tell a model's own file from a barrel that re-exports it, and
// the report uses the line (contract section 5, `line`).
import { fileURLToPath } from 'node:url';

// On the model itself, under a global symbol: a model defined through one copy of this module (the
// package's dist/, imported by the user's file) is read through another (src/ in a working copy).
const SITE = Symbol.for('pre-commit-check.site');
type Holder = { stack?: string };
const holderOf = (model: object): Holder | undefined => (model as Record<symbol, Holder | undefined>)[SITE];
const setHolder = (model: object, holder: Holder): void => void Object.defineProperty(model, SITE, { value: holder, enumerable: false });
const OWN_FILES = /[\\/](?:src|dist)[\\/]model-api[\\/](?:define|pg-names|site)\.[cm]?[jt]s/;

/** Use in defineModel, before freezing `model`: remember the caller's frame (read later with definitionSite). */
export function captureSite(model: object, below: (...args: never[]) => unknown): void {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  Error.captureStackTrace(holder, below);
  Error.stackTraceLimit = limit;
  setHolder(model, holder);
}

/** Use for a model built by a source of `from` (src/sources/): where its table is declared (absolute file, 1-based line). */
export function setSite(model: object, file: string, line: number): void {
  setHolder(model, { stack: `Error\n    at ${file}:${line}:1` });
}

/** Use to keep a model's site on the copy that replaces it (before freezing the copy). */
export function moveSite(from: object, to: object): void {
  const holder = holderOf(from);
  if (holder) setHolder(to, holder);
}

/** The absolute file and 1-based line where a model was defined, when known. */
export function definitionSite(model: object): { file: string; line: number } | undefined {
  const stack = holderOf(model)?.stack;
  if (!stack) return undefined;
  for (const frame of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):\d+\)?\s*$/.exec(frame.trim());
    if (!m || OWN_FILES.test(m[1]!)) continue;
    const file = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    return { file, line: Number(m[2]) };
  }
  return undefined;
}
