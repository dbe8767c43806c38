// What PostgreSQL makes of an identifier: it keeps the first 63 bytes (NAMEDATALEN - 1), cut back to
// a UTF-8 character boundary, and says so only in a NOTICE. Models mean what PostgreSQL makes of their
// names (contract section 3), so every layer truncates the same way.

/** Postgres keeps the first 63 bytes of an identifier (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/** Cut a name to what Postgres would keep, on a UTF-8 character boundary. */
export function truncateIdentifier(name: string, maxBytes = MAX_IDENTIFIER_BYTES): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) break;
    out += ch;
  }
  return out;
}
