// A finding about an entity, told in TypeORM's terms: its line is the property's (or the entity's),
// and the model half of its hint names the decorator to write on the entity instead of defineModel's
// t.* calls. The migration half is kept as it is (it is Knex code either way).
import type { Finding } from '../../diff/findings.ts';
import type { LoadedModel } from '../../model-api/types.ts';
import { typeormHintText as h } from '../../messages/typeorm.ts';
import { definitionSite } from '../../model-api/site.ts';
import { entityOrigin, type EntityOrigin } from './convert.ts';

/** The migration half and the condition of a hint ("add it in a migration: ...; or, if the database is right, "). */
function halves(hint: string): { migration: string; condition: string } | undefined {
  const m = /^(.*?); or, (if [^,]+, )/s.exec(hint);
  if (m) return { migration: m[1]!, condition: m[2]! };
  const first = /^(.*?); or (drop it in a migration: .*)$/s.exec(hint);
  return first ? { migration: first[2]!, condition: '' } : undefined;
}

const list = (columns: readonly string[]) => `[${columns.map((c) => `'${c}'`).join(', ')}]`;

/** A database type as @Column options: varchar(100) is type: 'varchar', length: 100; numeric(10,2) has precision and scale. */
export function typeOption(sqlType: string): string {
  const m = /^(.+?)\((\d+)(?:,\s*(\d+))?\)(.*)$/.exec(sqlType.trim());
  if (!m) return `type: '${sqlType}'`;
  const base = `${m[1]}${m[4]}`.trim();
  if (m[3] !== undefined) return `type: '${base}', precision: ${m[2]}, scale: ${m[3]}`;
  return /char|bit/.test(base) ? `type: '${base}', length: ${m[2]}` : `type: '${base}', precision: ${m[2]}`;
}

/** A foreign key's actions as a relation's options: "... ON DELETE CASCADE" is onDelete: 'CASCADE'; undefined when none is named. */
export function relationOptions(actual: string): string | undefined {
  const out: string[] = [];
  const del = /ON DELETE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)/.exec(actual);
  const upd = /ON UPDATE (CASCADE|SET NULL|SET DEFAULT|RESTRICT|NO ACTION)/.exec(actual);
  const def = /DEFERRABLE INITIALLY (DEFERRED|IMMEDIATE)/.exec(actual);
  if (del) out.push(`onDelete: '${del[1]}'`);
  if (upd) out.push(`onUpdate: '${upd[1]}'`);
  if (def) out.push(`deferrable: 'INITIALLY ${def[1]}'`);
  return out.length > 0 ? out.join(', ') : undefined;
}

/** The entity-side fix for a finding, in TypeORM's terms; undefined when the finding has none to give. */
function entityFix(f: Finding, origin: EntityOrigin): string | undefined {
  // a junction table is declared by its owner's @JoinTable, not by columns of its own
  if (origin.junction) return h.joinTable(`${origin.junction.owner}.${origin.junction.property}`);
  const column = f.columns[0];
  const prop = column === undefined ? undefined : origin.columns.get(column);
  const where = prop ? `${origin.className}.${prop.property}` : `${origin.className}`;
  const decorator = prop?.relation ? h.joinColumnOf(where) : h.columnOf(where);
  switch (f.code) {
    case 'nullability-mismatch':
      return /NOT NULL in the database/.test(f.message) ? h.remove('nullable: true', decorator) : h.write('nullable: true', decorator);
    case 'type-mismatch':
      return h.write(typeOption(f.actual ?? ''), decorator);
    case 'default-mismatch':
      return f.actual === null ? h.remove('default', decorator) : h.write(`default: () => ${JSON.stringify(f.actual)}`, decorator);
    case 'enum-mismatch':
      return h.write(`enum: ${f.actual ?? '[...]'}`, decorator);
    case 'generated-mismatch':
      return f.actual === null ? h.remove('generatedType and asExpression', decorator) : h.write(`generatedType: 'STORED', asExpression: ${JSON.stringify(f.actual)}`, decorator);
    case 'comment-mismatch':
      return f.actual === null ? h.remove('comment', prop ? decorator : h.entityOf(origin.className)) : h.write(`comment: ${JSON.stringify(f.actual)}`, prop ? decorator : h.entityOf(origin.className));
    case 'missing-index':
      return h.removeFrom(`the @Index on ${list(f.columns)}`, origin.className);
    case 'missing-unique':
      return h.removeFrom(`the unique constraint on ${list(f.columns)} (@Unique, or unique: true on @Column)`, origin.className);
    case 'missing-check':
      return h.removeFrom(`@Check(${f.expected ?? ''})`, origin.className);
    case 'missing-foreign-key':
      return h.write('createForeignKeyConstraints: false', h.relationOf(where));
    case 'foreign-key-mismatch': {
      const options = relationOptions(f.actual ?? '');
      return options ? h.write(options, h.relationOf(where)) : h.matchRelation(h.relationOf(where), f.actual ?? '');
    }
    case 'primary-key-mismatch':
      return h.primary(origin.className, f.actual ?? '');
    case 'unmodeled-column':
      return h.declareColumn(origin.className, column ?? '', f.actual ?? '');
    case 'unmodeled-index':
      return h.addTo(`@Index(${list(f.columns)})`, origin.className);
    case 'unmodeled-unique':
      return h.addTo(`@Unique(${list(f.columns)})`, origin.className);
    case 'unmodeled-foreign-key':
      return h.declareRelation(origin.className, list(f.columns), f.object ?? '');
    default:
      return undefined;
  }
}

/** Findings about one column: they point at its property; the others at the entity. */
const COLUMN_CODES = new Set<Finding['code']>([
  'missing-column',
  'type-mismatch',
  'nullability-mismatch',
  'default-mismatch',
  'enum-mismatch',
  'generated-mismatch',
  'comment-mismatch',
  'missing-foreign-key',
  'foreign-key-mismatch',
]);

/** Use as the TypeORM source's hint(): the finding with its property's line and a hint in TypeORM's terms. */
export function typeormHint(f: Finding, lm: LoadedModel): Finding {
  const origin = entityOrigin(lm.model);
  if (!origin) return f;
  const line = COLUMN_CODES.has(f.code) ? origin.columns.get(f.columns[0] ?? '')?.line : definitionSite(lm.model)?.line;
  const out: Finding = line !== undefined && f.line === undefined ? { ...f, line } : f;
  const parts = halves(f.hint);
  const fix = entityFix(f, origin);
  if (!parts || !fix) return out;
  return { ...out, hint: parts.condition ? `${parts.migration}; or, ${parts.condition}${fix}` : `${fix}; or ${parts.migration}` };
}
