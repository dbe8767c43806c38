// The parts of TypeORM's metadata this source reads, typed structurally: typeorm is the project's
// optional peer, never imported statically (a project without it must load the tool fine).

/** ColumnMetadata, the fields read. */
export interface TypeormColumn {
  propertyName: string;
  databaseName: string;
  type: unknown;
  length: string;
  precision?: number | null;
  scale?: number;
  isNullable: boolean;
  isPrimary: boolean;
  isGenerated: boolean;
  generationStrategy?: 'uuid' | 'increment' | 'rowid' | 'identity';
  generatedIdentity?: 'ALWAYS' | 'BY DEFAULT';
  default?: unknown;
  enum?: Array<string | number>;
  enumName?: string;
  isArray: boolean;
  generatedType?: 'VIRTUAL' | 'STORED';
  asExpression?: string;
  comment?: string;
  collation?: string;
  isVirtual?: boolean;
  isVirtualProperty?: boolean;
  /** The entity (or embedded) class the property belongs to. */
  target: unknown;
  relationMetadata?: { propertyName: string; target: unknown } | undefined;
}

/** IndexMetadata. */
export interface TypeormIndex {
  givenName?: string;
  name: string;
  columns: TypeormColumn[];
  isUnique: boolean;
  isSpatial: boolean;
  isFulltext?: boolean;
  where?: string;
  isNullsNotDistinct?: boolean;
  expression?: unknown;
  target?: unknown;
  givenColumnNames?: unknown;
}

/** UniqueMetadata. */
export interface TypeormUnique {
  givenName?: string;
  name: string;
  columns: TypeormColumn[];
  target?: unknown;
}

/** CheckMetadata. */
export interface TypeormCheck {
  givenName?: string;
  name: string;
  expression: string;
}

/** ForeignKeyMetadata. */
export interface TypeormForeignKey {
  name: string;
  columns: TypeormColumn[];
  referencedColumns: TypeormColumn[];
  referencedEntityMetadata: TypeormEntityMetadata;
  onDelete?: string;
  onUpdate?: string;
  deferrable?: string;
}

/** RelationMetadata, the fields read. */
export interface TypeormRelation {
  propertyName: string;
  target: unknown;
  isManyToMany: boolean;
  junctionEntityMetadata?: TypeormEntityMetadata;
}

/** EntityMetadata, the fields read. */
export interface TypeormEntityMetadata {
  name: string;
  target: unknown;
  tableName: string;
  schema?: string;
  tableType: string;
  comment?: string;
  columns: TypeormColumn[];
  indices: TypeormIndex[];
  uniques: TypeormUnique[];
  checks: TypeormCheck[];
  exclusions: unknown[];
  foreignKeys: TypeormForeignKey[];
  relations: TypeormRelation[];
  parentEntityMetadata?: TypeormEntityMetadata;
}

/** The Postgres driver: how TypeORM itself renders a column's type and default. */
export interface TypeormDriver {
  options: { schema?: string };
  normalizeType(column: { type?: unknown; length?: unknown; precision?: unknown; scale?: unknown }): string;
  normalizeDefault(column: TypeormColumn): string | undefined;
  getColumnLength(column: TypeormColumn): string;
  createFullType(column: { type: string; length?: string; precision?: number | null; scale?: number; isArray?: boolean }): string;
  uuidGenerator?: string;
}

/** A DataSource, the parts used. */
export interface TypeormDataSource {
  options: Record<string, unknown> & { entities?: unknown };
  driver: TypeormDriver;
  entityMetadatas: TypeormEntityMetadata[];
  buildMetadatas(): Promise<void>;
}
