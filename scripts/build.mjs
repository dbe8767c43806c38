#!/usr/bin/env node
// Build the package's JavaScript entry (dist/) so that `import { checkProject } from 'pre-commit-check'`
// works from plain Node, with no TypeScript loader on the user's side. Runs in `prepare` (npm ci,
// npm install, npm pack). bin/pre-commit-check runs dist/ too while no file under src/ is newer than
// the build (dist/.build-stamp), else src/ through tsx.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The stamp carries the time the build started: a source edited while tsc ran counts as newer.
const started = new Date();
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
// The catalog and round-trip queries are .sql files read next to the modules that use them, and so is
// the tsconfig the TypeORM source compiles entities with (src/sources/typeorm/tsconfig.ts).
for (const entry of readdirSync(join(root, 'src'), { recursive: true })) {
  if (String(entry).endsWith('.sql') || String(entry).endsWith('.tsconfig.json')) cpSync(join(root, 'src', String(entry)), join(root, 'dist', String(entry)));
}
// Empty (the tool's cache fingerprint hashes dist/'s contents: a rebuild of the same sources keeps it).
const stamp = join(root, 'dist', '.build-stamp');
writeFileSync(stamp, '');
// The cache fingerprint of this build, hashed once here instead of on every run (src/cache/fingerprint.ts).
const { TOOL_HASH_FILE, treeHash } = await import(new URL('../dist/cache/fingerprint.js', import.meta.url).href);
writeFileSync(join(root, 'dist', TOOL_HASH_FILE), `${treeHash(join(root, 'dist'))}\n`);
utimesSync(stamp, started, started);
