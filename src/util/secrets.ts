// Passwords are never printed. Two layers, both applied by redact():
// - forms that say "this is a password" whatever its value: a URL's userinfo (scheme://user:pw@),
//   password= / PGPASSWORD= parameters (query strings, libpq key/value strings, env dumps) and JSON
//   "password" members;
// - every secret the tool knows, registered once where it enters (--database-url, the config's
//   database.url, the embedded server's TCP password, the DATABASE_URL given to stages), in each form
//   it may be printed in: as given, percent-decoded, percent-encoded, JSON- and XML-escaped.
// Every output goes through redact(): the CLI's stdout and stderr (installRedaction), the JUnit file,
// the JSON, text and annotation renderers, and the captured output of stages.

/** A registered secret shorter than this is redacted in the forms above only, not wherever it appears. */
export const MIN_BARE_SECRET = 4;

const MASK = '***';

const secrets = new Set<string>();
/** The registered secrets, longest first (so that a secret inside another is not cut in two). */
let ordered: string[] = [];

/** Percent-decoding that never throws (a lone '%' stays as it is). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The ways one password may be printed: raw, percent-decoded, percent-encoded (both flavours), JSON, XML. */
function variants(password: string): string[] {
  const plain = decode(password);
  const whatwg = (() => {
    try {
      const u = new URL('postgres://u@h');
      u.password = plain;
      return u.password;
    } catch {
      return plain;
    }
  })();
  const forms = [password, plain, encodeURIComponent(plain), whatwg];
  const escaped = forms.flatMap((f) => [JSON.stringify(f).slice(1, -1), f.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')]);
  return [...new Set([...forms, ...escaped])];
}

/** The passwords a URL or a libpq key/value string carries (userinfo, ?password=, password=...). */
export function passwordsIn(value: string): string[] {
  const out: string[] = [];
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/[^:/@?#\s]*:([^/?#\s]*)@/i.exec(value);
  if (userinfo?.[1]) out.push(userinfo[1]);
  for (const m of value.matchAll(/[?&](?:ssl)?password=([^&#\s]*)/gi)) if (m[1]) out.push(m[1]);
  for (const m of value.matchAll(/(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi)) {
    const v = m[1]!.startsWith("'") ? m[1]!.slice(1, -1).replace(/\\(.)/g, '$1') : m[1]!;
    if (v) out.push(v);
  }
  return out;
}

/**
 * Use once for every secret the tool learns: a database URL or connection string (its passwords are
 * taken out), or a bare password. From then on redact() masks it in every form it may be printed in.
 */
export function registerSecret(value: string | null | undefined, kind: 'connection' | 'password' = 'connection'): void {
  if (!value) return;
  const passwords = kind === 'password' ? [value] : passwordsIn(value);
  for (const p of passwords) for (const v of variants(p)) if (v.length >= MIN_BARE_SECRET) secrets.add(v);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

/** Use in tests only: forget every registered secret. */
export function forgetSecrets(): void {
  secrets.clear();
  ordered = [];
}

const STRUCTURAL: Array<[RegExp, string]> = [
  // scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@?#\s]*:)[^/?#\s]*@/gi, `$1${MASK}@`],
  // ?password=... / &sslpassword=...
  [/([?&](?:ssl)?password=)[^&#\s'"]*/gi, `$1${MASK}`],
  // libpq key/value strings and environment dumps: password=..., PGPASSWORD=...
  [/(\b(?:pg)?password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s&'"]+)/gi, `$1${MASK}`],
  // JSON: "password": "..."
  [/("(?:pg)?password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${MASK}"`],
];

/** Use on any text before it is printed or written: no password survives, in any form the tool knows. */
export function redact(text: string): string {
  let out = text;
  for (const [re, to] of STRUCTURAL) out = out.replace(re, to);
  for (const s of ordered) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/**
 * Use once in the CLI: everything written to stdout and stderr goes through redact(), whoever writes it
 * (our renderers, Listr, a library, a user's file). Each chunk is redacted as a whole.
 */
export function installRedaction(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const marked = stream as NodeJS.WriteStream & { __pccRedacting?: boolean };
    if (marked.__pccRedacting) continue;
    marked.__pccRedacting = true;
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string') return write(redact(chunk), ...rest);
      if (chunk instanceof Uint8Array) {
        const encoding = typeof rest[0] === 'string' ? rest.slice(1) : rest;
        return write(redact(Buffer.from(chunk).toString('utf8')), 'utf8', ...encoding);
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
