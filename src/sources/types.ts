// Model sources (issue 14): the forms of models a project already has (Drizzle tables, TypeORM
// entities, Knex's table types, Objection classes), read without a database. A full-fidelity source
// turns its tables into the model IR, which then goes through validation, DDL, the catalog and the
// diff like defineModel's models; a shape-only source states tables and columns, compared on that alone.
import type { Finding } from '../diff/findings.ts';
import type { LoadedModel } from '../model-api/types.ts';
import type { ModelSources } from '../config/types.ts';
import type { PackageJson } from '../init/detect.ts';

/** The coarse type a shape-only source can state (a TypeScript type, not a column type). */
export type CoarseType = 'string' | 'number' | 'bigint' | 'boolean' | 'date' | 'json' | 'buffer' | 'array' | 'unknown';

/** A column as a shape-only source states it; what it leaves out is not compared. */
export interface ShapeColumn {
  name: string;
  /** 1-based line where the column is declared, when known: in `file`, else in the table's file. */
  line?: number;
  /** Relative to the project root, forward slashes: where the column is declared when not in the table's file (a row type imported by a Tables key). */
  file?: string;
  type?: CoarseType;
  /** Where the source states the column when it is not a property of a row (Objection: 'idColumn', 'relationMappings.owner'). */
  stated?: string;
  /** true: `| null`; false: not nullable; undefined: the source does not say. */
  nullable?: boolean;
}

/** A table as a shape-only source states it. */
export interface ShapeTable {
  source: keyof ModelSources;
  /** The declaration's name in the source (an interface key, a class name): what findings call the model. */
  name: string;
  /** Relative to the project root, forward slashes. */
  file: string;
  line?: number;
  schema: string;
  table: string;
  /** What the source calls the row's declaration when it has one of its own (Knex types: the row type `User`), for hints. */
  rowType?: { name: string; file: string; line?: number };
  /** true when the source lists every column of the table (a row type): then extra columns are reported. */
  complete: boolean;
  columns: ShapeColumn[];
}

/** What one source read. */
export interface SourceResult {
  /** Full-fidelity models, in the IR, each with the file (and site) of its declaration. */
  models: LoadedModel[];
  /** Shape-only tables. */
  shapes: ShapeTable[];
  /** Problems reading the source (a file that does not compile, an entity that throws): findings naming the file. */
  findings: Finding[];
  /** Files (relative) that failed to load: what they declare is unknown. */
  failed: string[];
}

/** What a source's load is given. */
export interface SourceContext {
  root: string;
  /** migrationTimeout, in seconds: the longest a user's file may take to load. */
  timeoutS: number;
}

/** One model source: one module per source in src/sources/<key>/, listed in src/sources/index.ts. */
export interface ModelSource<K extends keyof ModelSources = keyof ModelSources> {
  key: K;
  /** The files the source reads, absolute (for the caches and the hook's scope); imports are followed by the callers. */
  files(root: string, entry: NonNullable<ModelSources[K]>): Promise<string[]>;
  /** Read the source: never throws for a user's file (a broken one is a finding). */
  load(ctx: SourceContext, entry: NonNullable<ModelSources[K]>): Promise<SourceResult>;
  /** For init: the entry to write when the project has this source, else undefined. */
  detect(root: string, pkg: PackageJson): Promise<ModelSources[K] | undefined>;
  /**
   * A finding about one of this source's models, its hint said in the source's own terms (a Drizzle
   * builder, a TypeORM decorator) instead of defineModel's; absent: findings keep their hints.
   */
  hint?(finding: Finding, model: LoadedModel): Finding;
}
