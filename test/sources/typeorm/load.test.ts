// The TypeORM source reading real entities through the project's own typeorm (no database needed:
// the metadata is built without a connection), and what it says when it cannot.
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO, linkDependencies, makeProject, type TempProject } from '../../helpers/project.ts';
import { makeFinding } from '../../../src/diff/findings.ts';
import { typeormHint } from '../../../src/sources/typeorm/hint.ts';
import { findSourceFiles, loadProjectModels } from '../../../src/sources/index.ts';
import { definitionSite } from '../../../src/model-api/site.ts';
import { detectDataSource } from '../../../src/sources/typeorm/detect.ts';
import { dataSource, typeormProject, userEntity } from './project.ts';

const load = (p: TempProject, entry = 'src/data-source.ts') => loadProjectModels({ root: p.dir, models: [], from: { typeorm: entry } }, { timeoutS: 60 });

describe('sources/typeorm: loading a DataSource without connecting', function () {
  this.timeout(60_000);
  const projects: TempProject[] = [];
  const project = (files: Record<string, string>) => {
    const p = makeProject(files);
    linkDependencies(p.dir);
    projects.push(p);
    return p;
  };
  after(() => projects.forEach((p) => p.remove()));

  it('reads the entities, typed from their annotations, with the file and line of @Entity', async () => {
    const p = project({ ...typeormProject(), 'src/entity/User.ts': userEntity('\n  @Column({ default: 0 })\n  logins!: number;\n') });
    const r = await load(p);
    expect(r.findings).to.deep.equal([]);
    expect(r.models.map((m) => [m.name, m.file, m.source])).to.deep.equal([['User', 'src/entity/User.ts', 'typeorm']]);
    const cols = r.models[0]!.model.columns;
    expect(cols.id!.kind).to.equal('increments');
    expect(cols.email).to.include({ kind: 'specificType', sqlType: 'varchar', nullable: false });
    expect(cols.logins).to.deep.include({ kind: 'integer', default: { kind: 'value', value: 0 } });
    expect(definitionSite(r.models[0]!.model)).to.deep.equal({ file: `${p.dir}/src/entity/User.ts`, line: 3 });
    // a second load in the same process (modules cached, decorators not run again) knows the same site
    const again = await load(p);
    expect(again.models.map((m) => m.file)).to.deep.equal(['src/entity/User.ts']);
    expect(definitionSite(again.models[0]!.model)).to.deep.equal({ file: `${p.dir}/src/entity/User.ts`, line: 3 });
  });

  it('compiles the entities with legacy decorators when the project has no tsconfig.json, or one without them', async () => {
    const files: Record<string, string> = { ...typeormProject() };
    delete files['tsconfig.json'];
    const none = await load(project(files));
    expect(none.findings).to.deep.equal([]);
    expect(none.models.map((m) => m.name)).to.deep.equal(['User']);
    const plain = await load(project({ ...typeormProject(), 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }) }));
    expect(plain.findings).to.deep.equal([]);
    expect(plain.models.map((m) => m.name)).to.deep.equal(['User']);
  });

  it('expands entity globs given as strings, and counts their files as the source\'s', async () => {
    const p = project({ ...typeormProject(), 'src/data-source.ts': dataSource([]).replace('entities: [],', "entities: ['src/entity/*.ts'],") });
    const r = await load(p);
    expect(r.findings).to.deep.equal([]);
    expect(r.models.map((m) => m.name)).to.deep.equal(['User']);
    const files = await findSourceFiles({ root: p.dir, from: { typeorm: 'src/data-source.ts' }, source: null });
    expect(files).to.deep.equal([`${p.dir}/src/data-source.ts`, `${p.dir}/src/entity/User.ts`]);
  });

  it('names the property whose type cannot be known without the compiler (an imported type), and says to write it', async () => {
    const p = project({
      ...typeormProject(),
      'src/entity/status.ts': "export enum Status { Open = 'open', Closed = 'closed' }\n",
      'src/entity/User.ts': userEntity('\n  @Column()\n  status!: Status;\n').replace("from 'typeorm';", "from 'typeorm';\nimport { Status } from './status.ts';"),
    });
    const r = await load(p);
    expect(r.models).to.deep.equal([]);
    expect(r.failed).to.deep.equal(['src/data-source.ts']);
    expect(r.findings).to.have.length(1);
    const f = r.findings[0]!;
    expect(f).to.include({ code: 'invalid-model', file: 'src/data-source.ts' });
    expect(f.message).to.contain('User.status (Status, src/entity/User.ts:13)');
    expect(f.hint).to.contain("@Column({ type: 'varchar' }) status: Status");
  });

  it('reads a type from an enum declared in the entity file, as the compiler would', async () => {
    const entity = userEntity('\n  @Column()\n  status!: Status;\n').replace('@Entity(', "export enum Status { Open = 'open' }\n\n@Entity(");
    const r = await load(project({ ...typeormProject(), 'src/entity/User.ts': entity }));
    expect(r.findings).to.deep.equal([]);
    expect(r.models[0]!.model.columns.status).to.include({ kind: 'specificType', sqlType: 'varchar' });
  });

  it('is an invalid-model finding naming the file when it exports no DataSource, or throws', async () => {
    const none = await load(project({ ...typeormProject(), 'src/data-source.ts': 'export const x = 1;\n' }));
    expect(none.findings.map((f) => [f.code, f.file, f.message])).to.deep.equal([['invalid-model', 'src/data-source.ts', 'TypeORM data source src/data-source.ts exports no DataSource, so no entity is checked']]);
    const throws = await load(project({ ...typeormProject(), 'src/data-source.ts': `${dataSource(['User'])}\nthrow new Error('no DATABASE_URL');\n` }));
    expect(throws.findings.map((f) => f.message)).to.deep.equal(['TypeORM data source src/data-source.ts failed to load: no DATABASE_URL']);
    expect(throws.failed).to.deep.equal(['src/data-source.ts']);
  });

  it('says typeorm is not installed when the project has none', async () => {
    const files = typeormProject();
    const r = await load(project({ ...files, 'package.json': JSON.stringify({ name: 'app', type: 'module' }) }));
    expect(r.findings.map((f) => f.message)).to.deep.equal([`from.typeorm names src/data-source.ts, but the package typeorm is not installed in ${projects.at(-1)!.dir}`]);
  });

  it('init finds the module that creates the DataSource, only in a project that depends on typeorm', async () => {
    const p = project({ ...typeormProject(), 'src/db/connection.ts': dataSource(['User']).replace(/entity/g, '../entity') });
    p.write('src/data-source.ts', 'export {};\n');
    expect(await detectDataSource(p.dir, { dependencies: { typeorm: '^1.1.0' } })).to.equal('src/db/connection.ts');
    expect(await detectDataSource(p.dir, { dependencies: {} })).to.equal(undefined);
  });
});

describe('sources/typeorm: what the metadata says, in the model IR', function () {
  this.timeout(60_000);
  let p: TempProject;
  after(() => p?.remove());

  it('keeps generated columns, comments, deferrable and composite foreign keys, spatial and partial indexes', async () => {
    const account = `import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'accounts', schema: 'billing', comment: 'one per tenant' })
export class Account {
  @PrimaryColumn({ type: 'int' })
  tenant!: number;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'int', generatedType: 'STORED', asExpression: 'tenant * 2', comment: 'derived' })
  twice!: number;
}
`;
    const invoice = `import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './Account.ts';

@Entity('invoices')
@Index(['area'], { spatial: true })
@Index(['total'], { unique: true, where: 'total > 0' })
export class Invoice {
  @PrimaryGeneratedColumn('identity')
  id!: number;

  @Column({ type: 'geometry', nullable: true })
  area!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 0 })
  total!: string;

  @ManyToOne(() => Account, { onUpdate: 'CASCADE', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn([{ name: 'tenant', referencedColumnName: 'tenant' }, { name: 'account_code', referencedColumnName: 'code' }])
  account!: Account;
}
`;
    p = makeProject({ ...typeormProject(), 'src/data-source.ts': dataSource(['Account', 'Invoice']), 'src/entity/Account.ts': account, 'src/entity/Invoice.ts': invoice });
    linkDependencies(p.dir);
    const r = await load(p);
    expect(r.findings).to.deep.equal([]);
    const [acc, inv] = ['Account', 'Invoice'].map((n) => r.models.find((m) => m.name === n)!.model);
    expect(acc).to.include({ schema: 'billing', table: 'accounts', comment: 'one per tenant' });
    expect(acc!.columns.twice).to.deep.include({ kind: 'integer', generated: { sql: 'tenant * 2' }, comment: 'derived' });
    expect(acc!.columns.code).to.include({ kind: 'string', length: 20, primary: true });
    expect(inv!.columns.id).to.include({ kind: 'integer', identity: 'byDefault' });
    expect(inv!.columns.total).to.include({ kind: 'decimal', precision: 12, scale: 0 });
    expect(inv!.columns.area).to.include({ kind: 'specificType', sqlType: 'geometry', nullable: true });
    expect(JSON.parse(JSON.stringify(inv!.foreignKeys))).to.deep.equal([
      { columns: ['tenant', 'account_code'], references: { schema: 'billing', table: 'accounts', columns: ['tenant', 'code'] }, onDelete: 'NO ACTION', onUpdate: 'CASCADE', deferrable: 'deferred' },
    ]);
    expect(inv!.indexes.map((i) => ({ columns: i.columns, unique: i.unique, where: i.where, using: i.using })).sort((a, b) => a.columns[0]!.localeCompare(b.columns[0]!))).to.deep.equal([
      { columns: ['area'], unique: undefined, where: undefined, using: 'gist' },
      { columns: ['total'], unique: true, where: 'total > 0', using: undefined },
    ]);
  });
});

describe('sources/typeorm: hints about a ManyToMany junction table', function () {
  this.timeout(60_000);

  it('point at the owner\'s @JoinTable, at the line of its relation', async () => {
    const root = join(REPO, 'test/fixtures/typeorm-clean');
    const r = await loadProjectModels({ root, models: [], from: { typeorm: 'src/data-source.ts' } }, { timeoutS: 60 });
    const junction = r.models.find((m) => m.name === 'post_labels')!;
    expect(junction.file).to.equal('src/entity/Post.ts');
    const finding = makeFinding('type-mismatch', {
      model: 'post_labels',
      schema: 'public',
      table: 'post_labels',
      columns: ['label_id'],
      expected: 'integer',
      actual: 'bigint',
      file: junction.file,
      message: 'differs',
      hint: "change it in a migration: table.integer('label_id').alter(); or, if the database is right, declare it in the model as label_id: t.bigInteger()",
    });
    const told = typeormHint(finding, junction);
    expect(told.hint).to.equal(
      "change it in a migration: table.integer('label_id').alter(); or, if the database is right, make the @ManyToMany + @JoinTable of Post.labels (its name, joinColumn and inverseJoinColumn) say what the database has",
    );
    expect(told.line).to.equal(30);
  });
});
