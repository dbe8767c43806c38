// User-facing text of model loading and validation (findings invalid-model, duplicate-model, unresolved-reference).

export const modelMessages = {
  loadFailed: (file: string, reason: string) => `Model file ${file} failed to load: ${reason}`,
  loadFailedHint: 'fix the error in this file (it must import and run with no build step); until then its models are not checked',
  exitCalled: (file: string, call: string) =>
    `Model file ${file} called ${call} while loading: that would end the check before it finished, so the file was not loaded`,
  exitCalledHint:
    'remove the process.exit() call: model files are imported by the check and the pre-commit hook, so they must only declare models (throw an error to signal a problem); or narrow the `models` globs so this file is not matched',
  loadTimedOut: (file: string, seconds: number) => `Model file ${file} did not finish loading within ${seconds} s (migrationTimeout), so it was not loaded`,
  loadTimedOutHint:
    'a model file must only declare models: remove top-level work that waits (a connection, a server, a promise that never settles); if it is only slow, raise migrationTimeout (seconds) in pre-commit-check.config.ts',
  lateFailure: (file: string, error: string) => `Model file ${file} loaded, but code it left running failed afterwards: ${error}`,
  lateFailureHint: 'remove the timer or the promise this file starts without awaiting it: a model file must only declare models',
  noModel: (file: string) => `Model file ${file} exports no model, so nothing in it is checked`,
  noModelHint: "export each model: export const User = defineModel({ table: 'users', columns: { ... } }); or narrow the `models` globs so this file is not matched",
  duplicate: (table: string, names: string[], files: string[]) =>
    `Table ${table} is declared by ${names.length} models: ${names.map((n, i) => `${n} (${files[i]})`).join(', ')}`,
  duplicateHint: 'keep one model per table: delete or merge the others, and import the one that stays everywhere',
  undeclaredColumn: (model: string, what: string, column: string) =>
    `Model ${model}: ${what} names column '${column}', which the model does not declare`,
  undeclaredColumnHint: (column: string) => `declare '${column}' in columns, or remove it from the index/constraint`,
  noColumns: (model: string) => `Model ${model} declares no columns`,
  noColumnsHint: 'add its columns: columns: { id: t.increments(), ... }',
  badTable: (model: string) => `Model ${model} has no table name`,
  badTableHint: "set table: 'table_name' in defineModel",
  enumConflict: (type: string, a: string, b: string) => `Enum type ${type} is declared with different labels by ${a} and ${b}`,
  enumConflictHint: 'declare the enum once (a shared const of its labels) and use it in both models',
  enumNoValues: (model: string, column: string) => `Model ${model}: enum column '${column}' has no labels`,
  unresolvedTable: (model: string, column: string, target: string) =>
    `Model ${model}: column '${column}' references ${target}, which no model declares`,
  unresolvedTableHint: (target: string) => `add a model for ${target}, or fix the reference (write 'schema.table.column' for another schema)`,
  unresolvedColumn: (model: string, column: string, target: string, targetModel: string) =>
    `Model ${model}: column '${column}' references ${target}, but model ${targetModel} declares no such column`,
  unresolvedColumnHint: (targetModel: string) => `declare the referenced column in ${targetModel}, or fix the reference`,
  nulCharacter: (model: string, text: string) =>
    `Model ${model}: ${JSON.stringify(text)} contains a NUL character (\\u0000), which PostgreSQL cannot store in a name or a text`,
  nulCharacterHint: 'remove the NUL character (often a stray \\0 or \\x00 escape) from that name or text',
  unquotable: (what: 'identifier' | 'literal', value: string) =>
    `the ${what === 'identifier' ? 'name' : 'text'} ${JSON.stringify(value)} contains a NUL character (\\u0000), which PostgreSQL cannot store`,
  ddlFailed: (model: string, error: string) => `Model ${model} could not be turned into a table: ${error}`,
  longNames: (model: string, file: string, names: string[]) =>
    `model ${model} (${file}) has ${names.length === 1 ? 'a name' : 'names'} over 63 bytes, which PostgreSQL cuts to their first 63 bytes: ${names.map((n) => `'${n}'`).join(', ')}; the model is checked with the cut names, as PostgreSQL stores them (shorten them to say what you mean)`,
  notUniqueTarget: (model: string, table: string, columns: string[], referencing: string[]) =>
    `Model ${model} declares no primary key or unique on ${table}(${columns.join(', ')}), which ${referencing.length} foreign key${referencing.length > 1 ? 's' : ''} reference${referencing.length > 1 ? '' : 's'} (${referencing.join(', ')}): PostgreSQL needs one to create them; those foreign keys are left out of the comparison, the rest of every model is compared`,
  notUniqueTargetHint: (columns: string[]) =>
    columns.length === 1
      ? `make column ${columns[0]} unique again in the model: add .unique() (or .primary()) to its declaration`
      : `make those columns unique again in the model: uniques: [{ columns: [${columns.map((c) => `'${c}'`).join(', ')}] }]`,
  ddlFailedHint: 'fix the model (a check expression, a default or a type Postgres rejects); the error above is from PostgreSQL',
};
