// Stray models (seed 004): files that declare a model of an unmodeled table but are not loaded.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findStrayDeclarations, readUnloadedSources } from '../../src/model-api/stray.ts';

const model = (table: string, schema?: string) =>
  `import { defineModel, t } from 'pre-commit-check';\nexport const M = defineModel({ ${schema ? `schema: '${schema}', ` : ''}table: '${table}', columns: { id: t.increments() } });\n`;

describe('model-api/stray: declarations the models globs miss', () => {
  it('finds the files that declare an unmodeled table, schema-aware, and nothing else', () => {
    const files = [
      { path: 'model/enterprise.ts', text: model('enterprise_invitations') },
      { path: 'legacy/audit.ts', text: model('audit_log', 'audit') },
      { path: 'legacy/other.ts', text: model('audit_log', 'public') },
      // Names the table, but declares no model: a query builder, a test, a comment.
      { path: 'src/repo.ts', text: `const q = { table: 'enterprise_invitations' };\n` },
    ];
    const found = findStrayDeclarations(files, [
      { schema: 'public', table: 'enterprise_invitations' },
      { schema: 'audit', table: 'audit_log' },
      { schema: 'public', table: 'nobody_models_me' },
    ]);
    expect([...found.entries()]).to.deep.equal([
      ['public.enterprise_invitations', ['model/enterprise.ts']],
      ['audit.audit_log', ['legacy/audit.ts']],
    ]);
  });

  it('reads the project sources the globs do not match, never node_modules or dist, and skips files without defineModel', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pcc-stray-'));
    try {
      const write = (p: string, text: string) => {
        mkdirSync(join(root, p, '..'), { recursive: true });
        writeFileSync(join(root, p), text);
      };
      write('models/user.ts', model('users'));
      write('model/enterprise.ts', model('enterprise_invitations'));
      write('node_modules/pkg/model.js', model('enterprise_invitations'));
      write('dist/model/enterprise.js', model('enterprise_invitations'));
      write('src/util.ts', 'export const x = 1;\n');
      const sources = await readUnloadedSources(root, ['models/user.ts']);
      expect(sources.map((s) => s.path)).to.deep.equal(['model/enterprise.ts']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
