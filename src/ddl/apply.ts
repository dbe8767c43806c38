// Applies the models' DDL to an empty (scratch) database, one transaction per unit, so one bad model
// (a check that does not parse, an index on an undeclared column) never stops the others.
import os from 'node:os';
import type { Knex } from 'knex';
import type { LoadedModel } from '../model-api/types.ts';
import { planModels, type DdlPhase, type DdlPlan, type DdlUnit } from './compile.ts';

/** A model whose DDL failed: `sql` is the statement Postgres rejected (absent when it never compiled). */
export interface FailedModel {
  model: LoadedModel;
  error: Error;
  sql?: string;
  /** Where it failed; 'compile' = before any SQL ran. A model failing at 'foreignKey' has its table. */
  phase: DdlPhase | 'compile';
}

/** A foreign key not attempted because its target table is not declared by any model, or its model failed. */
export interface SkippedForeignKey {
  model: LoadedModel;
  label: string;
  target: string;
  /** The referencing columns. */
  columns: string[];
  /** The referenced columns (known for 'target-not-unique'). */
  refColumns?: string[];
  /** 'target-not-unique': the target model declares no primary key or unique on the referenced columns. */
  reason: 'undeclared-target' | 'target-failed' | 'target-not-unique';
  sql: string;
}

export interface ApplyResult {
  /** Models created in full, in input order. */
  applied: LoadedModel[];
  /** One entry per failed model (its first error), in input order. */
  failed: FailedModel[];
  skippedForeignKeys: SkippedForeignKey[];
}

/** The slice of node-postgres' Client that we use: Knex hands us its pooled connection. */
interface RawConnection {
  query(text: string): Promise<{ rows?: Array<Record<string, unknown>> }>;
}

export interface ApplyOptions {
  /**
   * The server is our own embedded one, on this machine: lower the priority of the backend that
   * runs the models' DDL, so that the migrations running beside it (the longer, sequential chain of
   * the check) get the CPU first. Never set for a user's server.
   */
  lowPriority?: boolean;
}

/**
 * Create, in an empty database reached through `knex`, what the models declare. Statements run on
 * one pooled connection as plain text (not through knex.raw, which would rewrite '?' in check
 * expressions and defaults), each unit in its own transaction.
 */
export async function applyModels(knex: Knex, models: LoadedModel[], options: ApplyOptions = {}): Promise<ApplyResult> {
  return applyPlan(knex, planModels(knex, models), models, options);
}

/**
 * Use when the plan is already made (the declared side of a one-model change runs a part of the
 * whole models' plan, so that every generated name is the one the whole plan gives): run its units
 * as applyModels does. `models` are the ones reported in the result; a failure of any other model the
 * units belong to is reported too, after them.
 */
export async function applyPlan(knex: Knex, plan: DdlPlan, models: LoadedModel[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const failures = new Map<LoadedModel, FailedModel>();
  const skippedForeignKeys: SkippedForeignKey[] = [];
  for (const { model, error } of plan.compileErrors) failures.set(model, { model, error, phase: 'compile' });

  // What to do with a unit, given the failures so far: run it, skip it, or skip a foreign key.
  const decide = (unit: DdlUnit): 'run' | 'skip' | SkippedForeignKey => {
    const live = unit.models.filter((m) => !failures.has(m));
    if ((unit.phase === 'table' || unit.phase === 'foreignKey') && live.length === 0) return 'skip';
    if (unit.phase === 'foreignKey' && unit.target !== undefined) {
      const targetModel = plan.tables.get(unit.target);
      if (!targetModel || failures.has(targetModel)) {
        return { model: unit.models[0]!, label: unit.label, target: unit.target, columns: unit.columns ?? [], reason: targetModel ? 'target-failed' : 'undeclared-target', sql: unit.statements.join(';\n') };
      }
    }
    return 'run';
  };

  const connection = (await knex.client.acquireConnection()) as RawConnection;
  try {
    if (options.lowPriority) await lowerPriority(connection);
    // Optimistic: units go in chunks, each chunk one transaction and one round trip (1,000 tables
    // are thousands of statements). Only a chunk that fails is run again unit by unit, to find and
    // name each failing model; the next chunks are batched again.
    const runOne = async (unit: DdlUnit): Promise<void> => {
      const decision = decide(unit);
      if (decision === 'skip') return;
      if (decision !== 'run') {
        skippedForeignKeys.push(decision);
        return;
      }
      const outcome = await runUnit(connection, unit);
      // 42830 invalid_foreign_key: the target's model no longer makes those columns unique. One cause,
      // the target's (the check reports it once there); the referencing model is still compared.
      if (outcome && unit.phase === 'foreignKey' && (outcome.error as { code?: string }).code === '42830') {
        skippedForeignKeys.push({ model: unit.models[0]!, label: unit.label, target: unit.target ?? '', columns: unit.columns ?? [], refColumns: unit.refColumns, reason: 'target-not-unique', sql: outcome.sql });
        return;
      }
      if (outcome) {
        for (const m of unit.models.filter((x) => !failures.has(x))) {
          failures.set(m, { model: m, error: outcome.error, sql: outcome.sql, phase: unit.phase });
        }
      }
    };
    for (const chunk of chunks(plan.units)) {
      const decisions = chunk.map((unit) => ({ unit, decision: decide(unit) }));
      const statements = decisions.filter((d) => d.decision === 'run').flatMap((d) => d.unit.statements);
      if (await runScript(connection, statements)) {
        for (const d of decisions) if (typeof d.decision === 'object') skippedForeignKeys.push(d.decision);
      } else {
        for (const unit of chunk) await runOne(unit);
      }
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }

  const others = [...failures.keys()].filter((m) => !models.includes(m));
  return {
    applied: models.filter((m) => !failures.has(m)),
    failed: [...models, ...others].filter((m) => failures.has(m)).map((m) => failures.get(m)!),
    skippedForeignKeys,
  };
}

/** Renice the connection's backend process (nice 10); best effort, an error changes nothing. */
async function lowerPriority(connection: RawConnection): Promise<void> {
  try {
    const { rows } = await connection.query('select pg_backend_pid() as pid');
    os.setPriority(Number(rows?.[0]?.pid), 10);
  } catch {
    // not permitted, or not a local process: the DDL just runs at normal priority
  }
}

/** Statements per transaction: one round trip each, and few enough locks for a server with default settings. */
const CHUNK = 400;

/** Use to split units into consecutive chunks of about CHUNK statements (a unit is never split). */
function chunks(units: DdlUnit[]): DdlUnit[][] {
  const out: DdlUnit[][] = [];
  let current: DdlUnit[] = [];
  let size = 0;
  for (const unit of units) {
    if (size > 0 && size + unit.statements.length > CHUNK) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unit.statements.length;
  }
  if (current.length) out.push(current);
  return out;
}

/** Run statements in one transaction, as one multi-statement query; false (rolled back) on any error. */
async function runScript(connection: RawConnection, statements: string[]): Promise<boolean> {
  if (statements.length === 0) return true;
  try {
    await connection.query(`begin;\n${statements.join(';\n')};\ncommit`);
    return true;
  } catch {
    await connection.query('rollback').catch(() => undefined);
    return false;
  }
}

async function runUnit(connection: RawConnection, unit: DdlUnit): Promise<{ error: Error; sql: string } | undefined> {
  let current = '';
  try {
    await connection.query('begin');
    for (const statement of unit.statements) {
      current = statement;
      await connection.query(statement);
    }
    await connection.query('commit');
    return undefined;
  } catch (e) {
    await connection.query('rollback').catch(() => undefined);
    const error = e instanceof Error ? e : new Error(String(e));
    return { error, sql: current };
  }
}
