// File names from database names (pull writes <schema>/<table>.ts): a schema or table may be named
// anything, `../../knexfile` and `CON` included, so every name is made a safe single path segment on
// every platform, distinct names stay distinct on case-insensitive file systems, and the last guard
// (`insideDir`) refuses any path that would still leave the output directory.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Longest segment written, in UTF-8 bytes, before the extension: far below every file system's 255. */
export const MAX_SEGMENT_BYTES = 100;

/** Windows' reserved device names: forbidden as a file name with any extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** Path separators, Windows' forbidden characters, controls, line terminators and invisible characters. */
const UNSAFE_CHAR = /[/\\<>:"|?*\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/g;

/** 8 hex digits of the exact name: keeps two names apart once they are made safe. */
export const shortHash = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 8);

/** Cut text to at most `max` UTF-8 bytes on a character boundary. */
function cutBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

/**
 * Use to turn any name into one safe path segment: unsafe characters become '_', a leading dot or
 * dash becomes '_' (no `..`, no hidden file, no option-looking name), trailing dots and spaces too
 * (Windows drops them), a reserved device name gets a '_' prefix, a name ending in '.d' a '_' suffix
 * (x.d.ts would be a declaration file), and a long name is cut and suffixed
 * with a hash of the whole name. A name that needed none of this comes back unchanged.
 */
export function safeSegment(name: string): string {
  let s = name.normalize('NFC').replace(UNSAFE_CHAR, '_');
  s = s.replace(/^[.\-\s]/, '_').replace(/[.\s]+$/, (m) => '_'.repeat(m.length));
  if (s === '') s = '_';
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  // <name>.ts of a name ending in '.d' would be a declaration file (x.d.ts), which no loader reads
  if (/\.d$/i.test(s)) s = `${s}_`;
  if (Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_BYTES) s = `${cutBytes(s, MAX_SEGMENT_BYTES - 9)}-${shortHash(name)}`;
  return s;
}

/** The key under which two segments collide on a case-insensitive, normalising file system (macOS, Windows). */
const foldKey = (segment: string): string => segment.normalize('NFC').toLowerCase();

/**
 * Use to give each name of a list a distinct safe segment: a segment that would collide with another
 * (case and Unicode normalisation ignored) gets a hash of its exact name appended, so every name keeps
 * its own file and the result does not depend on the order of the list.
 */
export function distinctSegments(names: readonly string[]): Map<string, string> {
  const safe = new Map([...new Set(names)].map((n) => [n, safeSegment(n)] as const));
  const counts = new Map<string, number>();
  for (const s of safe.values()) counts.set(foldKey(s), (counts.get(foldKey(s)) ?? 0) + 1);
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const [name, s] of safe) {
    let seg = counts.get(foldKey(s))! > 1 ? `${cutBytes(s, MAX_SEGMENT_BYTES - 9)}-${shortHash(name)}` : s;
    // a name crafted to look like another's hashed segment still gets a file of its own
    for (let i = 2; taken.has(foldKey(seg)); i++) seg = `${cutBytes(s, MAX_SEGMENT_BYTES - 12)}-${shortHash(name)}${i}`;
    taken.add(foldKey(seg));
    out.set(name, seg);
  }
  return out;
}

/** Use as the last guard before writing: true when `path` (relative or absolute) resolves inside `dir`. */
export function insideDir(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(dir, path));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
