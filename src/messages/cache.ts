// User-facing text of the check caches (src/cache/): notes printed with the report, warnings on stderr.

export const cacheMessages = {
  resultHit: 'unchanged since the last clean check (models, migrations, knexfile, config and tool all the same): result served from the cache; run with --no-cache to check again',
  declaredHit: 'models unchanged: the declared schema comes from the cache, not from applying the models again; --no-cache applies them',
  migratedHit: (count: number) =>
    `migrations unchanged: the migrated schema (${count} migration${count === 1 ? '' : 's'}) comes from the cache, not from running them again; --no-cache runs them`,
  snapshotResumed: (count: number) =>
    `the first ${count} migration${count === 1 ? '' : 's'} unchanged: started from their migrated state kept by an earlier run, applied only the ones after; --no-cache runs them all`,
  filesReused: (imported: number, total: number) =>
    imported === 0
      ? `model files unchanged: their models come from the cache, not from importing the files again; --no-cache imports them`
      : `${imported} of ${total} model files changed: only ${imported === 1 ? 'it was' : 'they were'} imported, the others' models come from the cache; --no-cache imports every file`,
  modelsReused: (changed: number, total: number) =>
    changed === 0
      ? `no model's DDL changed: the declared schema comes from the per-model cache; --no-cache applies every model`
      : `${changed} of ${total} models changed: only ${changed === 1 ? 'its' : 'their'} DDL ran, the other tables of the declared schema come from the per-model cache; --no-cache applies every model`,
  corrupt: (file: string, reason: string) => `cache entry ${file} was unusable (${reason}); it is rebuilt`,
  writeFailed: (dir: string, reason: string) =>
    `could not write the cache in ${dir}: ${reason}. Checks still work, only slower; remove that directory or run with --no-cache`,
  hookSkipped: 'no model, migration, knexfile or config file staged: nothing can have drifted',
};
