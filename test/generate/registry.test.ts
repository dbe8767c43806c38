// registry: rows and statuses, byte-for-byte stability, and --check on a stale file.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryRows, renderRegistry } from '../../src/generate/registry.ts';
import type { Finding } from '../../src/diff/findings.ts';
import { defineModel, t } from '../../src/model-api/define.ts';
import type { LoadedModel } from '../../src/model-api/types.ts';
import { CLEAN_FILES, makeProject, runCli } from '../helpers/project.ts';

const lm = (name: string, schema: string, table: string, file: string): LoadedModel => ({
  name,
  file,
  exportName: name,
  model: defineModel({ schema, table, columns: { id: t.increments() } }),
});
const finding = (schema: string, table: string, model: string): Finding => ({
  code: 'missing-column', severity: 'error', model, schema, table, columns: ['x'], object: null, expected: null, actual: null, message: 'm', hint: 'h', file: null,
});

describe('generate: registry', () => {
  it('has one row per table and per model, sorted, with each status', () => {
    const rows = registryRows({
      models: [lm('User', 'public', 'users', 'models/user.ts'), lm('Ghost', 'core', 'ghosts', 'models/ghost.ts'), lm('Booking', 'core', 'bookings', 'models/booking.ts')],
      tables: [{ schema: 'public', name: 'users' }, { schema: 'core', name: 'bookings' }, { schema: 'public', name: 'legacy' }],
      findings: [finding('core', 'bookings', 'Booking'), finding('core', 'bookings', 'Booking')],
    });
    expect(rows.map((r) => [r.schema, r.table, r.model, r.status])).to.deep.equal([
      ['core', 'bookings', 'Booking', 'drift (2 findings)'],
      ['core', 'ghosts', 'Ghost', 'no table'],
      ['public', 'legacy', '', 'no model'],
      ['public', 'users', 'User', 'ok'],
    ]);
    const md = renderRegistry(rows);
    expect(md).to.contain('| core | ghosts | Ghost | `models/ghost.ts` | no table |');
    expect(md).to.contain('| public | legacy | — | — | no model |');
    expect(renderRegistry(rows)).to.equal(md);
  });

  it('the CLI writes the same bytes twice, and --check exits 1 once the schema drifts', async function () {
    this.timeout(120_000);
    const p = makeProject(CLEAN_FILES);
    try {
      const first = await runCli(['registry'], { cwd: p.dir });
      expect(first.exitCode, first.stderr).to.equal(0);
      const a = readFileSync(join(p.dir, 'MODEL_TABLE_REGISTRY.md'), 'utf8');
      expect(a).to.contain('| public | users | User | `models/user.ts` | ok |');
      expect((await runCli(['registry', '--check'], { cwd: p.dir })).exitCode).to.equal(0);
      expect(readFileSync(join(p.dir, 'MODEL_TABLE_REGISTRY.md'), 'utf8')).to.equal(a);
      p.write('models/user.ts', CLEAN_FILES['models/user.ts']!.replace('created_at:', 'nickname: t.text(),\n    created_at:'));
      const stale = await runCli(['registry', '--check'], { cwd: p.dir });
      expect(stale.exitCode).to.equal(1);
      expect(stale.stderr).to.match(/out of date/);
      expect(readFileSync(join(p.dir, 'MODEL_TABLE_REGISTRY.md'), 'utf8')).to.equal(a);
    } finally {
      p.remove();
    }
  });
});
