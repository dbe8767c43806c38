// The config's shapes (contract section 2): every problem at once, nested unknown keys with the
// nearest known key, the keys the contract added accepted and their wrong shapes rejected.
import { expect } from 'chai';
import { validate } from '../../src/config/validate.ts';
import { defaultUnitCommand } from '../../src/config/defaults.ts';
import { isPccError } from '../../src/errors.ts';
import { closest } from '../../src/util/suggest.ts';

/** The problem lines of the error validate throws, or [] when it accepts the value. */
function problems(raw: unknown): string[] {
  try {
    validate(raw, 'pre-commit-check.config.ts');
    return [];
  } catch (error) {
    if (!isPccError(error) || error.code !== 'CONFIG_INVALID') throw error;
    return error.message.split('\n').slice(1).map((l) => l.replace(/^ {2}- /, ''));
  }
}

describe('config/validate', () => {
  it('accepts the contract\'s example, every key set', () => {
    expect(
      problems({
        models: ['src/models/**/*.{ts,js}'],
        knexfile: 'knexfile.ts',
        database: { url: 'postgres://localhost/app' },
        ignore: { tables: ['legacy_*', 'audit.*'] },
        rules: { 'unmodeled-table': 'off', 'missing-index': 'warn' },
        migrationTimeout: 120,
        generated: [{ run: 'npm run db:types', files: ['src/db/types/**'] }],
        conventions: {
          names: { case: 'snake_case', forbid: { phone: 'phone_number', name: 'first_name + last_name' } },
          requiredColumns: [{ tables: '*', column: 'created_date', type: 'timestamp', notNullable: true }],
          primaryKey: true,
          indexedForeignKeys: true,
          explicitOnDelete: true,
          severity: 'warn',
          ignore: ['legacy_*'],
          since: 'origin/main',
        },
        stages: { static: ['tsc --noEmit'], unit: 'mocha', integration: false },
      }),
    ).to.deep.equal([]);
  });

  it('rejects wrong shapes of migrationTimeout, generated and conventions, each named', () => {
    expect(problems({ migrationTimeout: 0 })).to.deep.equal(["'migrationTimeout' must be a number of seconds greater than 0, at most 2147483 (got 0)"]);
    expect(problems({ migrationTimeout: '30' })).to.have.length(1);
    expect(problems({ migrationTimeout: 1e9 })).to.have.length(1);
    expect(problems({ generated: { run: 'x' } })).to.deep.equal(["'generated' must be an array of { run: 'a command', files: ['globs'] }"]);
    expect(problems({ generated: [{ run: '', files: [] }] })).to.deep.equal([
      "'generated[0].run' must be a command (a non-empty string)",
      "'generated[0].files' must be a non-empty array of globs",
    ]);
    expect(problems({ generated: [{ run: 'x', files: ['a'], file: 'b' }] })).to.deep.equal(["unknown key 'generated[0].file': did you mean 'generated[0].files'?"]);
    const bad = problems({
      conventions: {
        names: { case: 'kebab', forbid: { phone: 1 } },
        requiredColumns: [{ tables: [], column: '' }, 'created_at'],
        primaryKey: 'yes',
        severity: 'fatal',
        ignore: 'legacy_*',
        since: 3,
      },
    });
    expect(bad).to.deep.equal([
      "'conventions.names.case': 'kebab' is not one of 'snake_case', 'camelCase', 'PascalCase'",
      "'conventions.names.forbid' must be an object mapping a forbidden name to what to use instead: { phone: 'phone_number' }",
      "'conventions.requiredColumns[0].tables' must be a table glob or a non-empty array of them ('*' for every table)",
      "'conventions.requiredColumns[0].column' must be a column name",
      "'conventions.requiredColumns[1]' must be { tables: '*', column: 'created_at', type?: 'timestamp', notNullable?: true }",
      "'conventions.primaryKey' must be true, false, 'error' or 'warn'",
      "'conventions.severity' must be 'error' or 'warn'",
      "'conventions.ignore' must be an array of globs",
      "'conventions.since' must be a git ref such as 'origin/main'",
    ]);
  });

  it('reports unknown keys at every level with the nearest known key, or the known ones when none is near', () => {
    expect(problems({ stages: { unti: false }, database: { uri: 'postgres://x' }, ignore: { table: [] }, xyzzy: 1 })).to.deep.equal([
      "unknown key 'xyzzy' (known here: models, from, knexfile, migrations, database, ignore, rules, migrationTimeout, generated, conventions, stages)",
      "unknown key 'database.uri': did you mean 'database.url'?",
      "'database' must be 'embedded' or { url: 'postgres://…' }",
      "unknown key 'ignore.table': did you mean 'ignore.tables'?",
      "unknown key 'stages.unti': did you mean 'stages.unit'?",
    ]);
    // A key that belongs elsewhere is pointed there.
    expect(problems({ unit: 'mocha' })).to.deep.equal(["unknown key 'unit': did you mean 'stages.unit'?"]);
    expect(problems({ conventions: { case: 'snake_case' } })).to.deep.equal(["unknown key 'conventions.case': did you mean 'conventions.names.case'?"]);
  });

  it('accepts the conventions keys issue 15 added: a required column\'s default, explicitOnDelete by nullability', () => {
    expect(
      problems({
        conventions: {
          names: { case: 'snake_case', forbid: { '*_at': '*_date' }, severity: 'error' },
          requiredColumns: [{ tables: ['*'], column: 'created_date', type: 'timestamp', notNullable: true, default: 'now()', severity: 'error' }],
          explicitOnDelete: { nullable: 'SET NULL', notNullable: ['CASCADE', 'RESTRICT'], severity: 'error' },
        },
      }),
    ).to.deep.equal([]);
  });

  it('rejects a bad ON DELETE action or default, and reports unknown keys inside conventions with the nearest one', () => {
    expect(
      problems({
        conventions: {
          requiredColumns: [{ tables: '*', column: 'created_date', default: 0, nullable: false }],
          explicitOnDelete: { nullable: 'SET_NULL', notNullable: [], sevrity: 'error' },
          indexedForeignKey: true,
        },
      }),
    ).to.deep.equal([
      "unknown key 'conventions.indexedForeignKey': did you mean 'conventions.indexedForeignKeys'?",
      "unknown key 'conventions.requiredColumns[0].nullable': did you mean 'conventions.explicitOnDelete.nullable'?",
      "'conventions.requiredColumns[0].default' must be a default as SQL, such as 'now()'",
      "unknown key 'conventions.explicitOnDelete.sevrity': did you mean 'conventions.explicitOnDelete.severity'?",
      "'conventions.explicitOnDelete.nullable' must be one of 'CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION', or a non-empty array of them",
      "'conventions.explicitOnDelete.notNullable' must be one of 'CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION', or a non-empty array of them",
    ]);
    expect(problems({ conventions: { explicitOnDelete: 'always' } })).to.deep.equal([
      "'conventions.explicitOnDelete' must be true, false, 'error', 'warn' or { nullable: 'SET NULL', notNullable: ['CASCADE', 'RESTRICT'] }",
    ]);
  });

  it('rejects a negated table glob, which would ignore every other table', () => {
    expect(problems({ ignore: { tables: ['!audit_*'] } })).to.have.length(1);
  });

  it('rejects generated files outside the project, and an entry that only leaves files out', () => {
    expect(problems({ generated: [{ run: 'x', files: ['src/db/**', '!src/db/keep.ts'] }] })).to.deep.equal([]);
    expect(problems({ generated: [{ run: 'x', files: ['../shared/types.ts', '/etc/passwd', 'src/../../x', '!src/db/keep.ts'] }] })).to.deep.equal([
      "'generated[0].files': '../shared/types.ts' reaches outside the project; list the files the command writes relative to the project root ('src/db/types.ts', 'src/db/types/**')",
      "'generated[0].files': '/etc/passwd' reaches outside the project; list the files the command writes relative to the project root ('src/db/types.ts', 'src/db/types/**')",
      "'generated[0].files': 'src/../../x' reaches outside the project; list the files the command writes relative to the project root ('src/db/types.ts', 'src/db/types/**')",
    ]);
    expect(problems({ generated: [{ run: 'x', files: ['!src/db/keep.ts'] }] })).to.deep.equal([
      "'generated[0].files' must have at least one glob that is not a negation ('!...' only leaves files out)",
    ]);
  });
});

describe('config/defaults: the unit-test command when the config names none', () => {
  it('is the test:unit script, else the test script (npm\'s placeholder aside), else mocha when installed, else none', () => {
    expect(defaultUnitCommand({ scripts: { test: 'jest', 'test:unit': 'jest unit' } })).to.deep.equal({ command: 'npm run --silent test:unit', source: 'test:unit script' });
    expect(defaultUnitCommand({ scripts: { test: 'vitest run' } })).to.deep.equal({ command: 'npm test --silent', source: 'test script' });
    expect(defaultUnitCommand({ scripts: { test: 'echo "Error: no test specified" && exit 1' }, devDependencies: { mocha: '^11' } })).to.deep.equal({ command: 'mocha', source: 'mocha' });
    expect(defaultUnitCommand({ scripts: { test: 'echo "Error: no test specified" && exit 1' } })).to.deep.equal({ command: false, source: 'none' });
    expect(defaultUnitCommand(null)).to.deep.equal({ command: false, source: 'none' });
  });
});

describe('util/suggest', () => {
  it('finds the nearest name (a swap is one edit), and none when nothing is near', () => {
    expect(closest('stgaes', ['models', 'stages'])).to.equal('stages');
    expect(closest('migrationtimeout', ['migrationTimeout', 'models'])).to.equal('migrationTimeout');
    expect(closest('xyzzy', ['models', 'stages'])).to.equal(undefined);
  });
});

describe('config/validate: from (model sources, issue 14)', () => {
  it('accepts every source key with its shape', () => {
    expect(problems({ from: { knexTypes: ['src/types/*.d.ts'], drizzle: ['src/db/schema.ts'], typeorm: 'src/data-source.ts', objection: ['src/models/*.ts'] } })).to.deep.equal([]);
  });

  it('rejects wrong shapes and unknown sources, each named', () => {
    const got = problems({ from: { drizzle: [], typeorm: ['a.ts'], prisma: ['schema.prisma'], drizle: ['x'] } });
    expect(got.some((p) => p.includes("'from.drizzle'"))).to.equal(true);
    expect(got.some((p) => p.includes("'from.typeorm'"))).to.equal(true);
    expect(got.some((p) => p.includes('from.prisma'))).to.equal(true);
    expect(got.some((p) => p.includes('from.drizle') && p.includes('from.drizzle'))).to.equal(true);
    expect(problems({ from: 'drizzle' })).to.have.length(1);
  });
});
