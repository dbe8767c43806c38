// init's pre-commit-check.config.ts: what init detected in the project, written as the config file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INIT } from '../messages/runner.ts';
import { detectKnexfile, detectSqlMigrations, detectModelsDir, detectStaticCommands, detectUnitCommand, findPccConfig, type PackageJson } from './detect.ts';
import { detectSources } from '../sources/index.ts';
import { configFile, type ConfigTemplateInput } from './templates.ts';
import type { InitContext } from './types.ts';

const CONFIG_FILE = 'pre-commit-check.config.ts';

/** Use for what goes into the generated config: everything init detects in the project, model sources included. */
export async function detectConfigInput(root: string, pkg: PackageJson): Promise<ConfigTemplateInput> {
  const knexfile = detectKnexfile(root);
  return {
    modelsDir: detectModelsDir(root),
    sources: await detectSources(root, pkg),
    knexfile,
    // No knexfile: a folder of SQL migrations (drizzle-kit, Prisma, dbmate, plain) takes its place.
    sqlMigrations: knexfile ? null : detectSqlMigrations(root),
    static: detectStaticCommands(root, pkg),
    unit: detectUnitCommand(pkg),
  };
}

/** Use in init: writes the config file when the project has none (replaces init's own file only with force). */
export async function writeConfigFile(ctx: InitContext): Promise<void> {
  const { root, pkg, force, act, next } = ctx;
  const configWhere = findPccConfig(root, pkg);
  const input = await detectConfigInput(root, pkg);
  const configText = configFile(input);
  const configPath = join(root, CONFIG_FILE);
  if (!configWhere) {
    writeFileSync(configPath, configText);
    act('created', CONFIG_FILE, INIT.configCreated);
    if (!input.modelsDir && Object.keys(input.sources ?? {}).length === 0) next.push(INIT.nextModels);
    if (!input.knexfile && !input.sqlMigrations) next.push(INIT.nextKnexfile);
  } else if (configWhere === CONFIG_FILE && force && readFileSync(configPath, 'utf8') !== configText) {
    writeFileSync(configPath, configText);
    act('updated', CONFIG_FILE, INIT.configReplaced);
  } else {
    act('unchanged', configWhere.startsWith('package.json') ? 'package.json' : configWhere, INIT.configPresent(configWhere));
  }
}
