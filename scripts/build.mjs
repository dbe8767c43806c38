#!/usr/bin/env node
// Build the package's JavaScript entry (dist/) so that `import { checkProject } from 'pre-commit-check'`
// works from plain Node, with no TypeScript loader on the user's side. Runs in `prepare` (npm ci,
// npm install, npm pack). The CLI itself runs src/ through tsx, which it needs for users' files anyway.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
// The catalog and round-trip queries are .sql files read next to the modules that use them.
for (const entry of readdirSync(join(root, 'src'), { recursive: true })) {
  if (String(entry).endsWith('.sql')) cpSync(join(root, 'src', String(entry)), join(root, 'dist', String(entry)));
}
