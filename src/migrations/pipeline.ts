// Migrations without the round-trip wait. Knex sends a migration's DDL one statement at a time and
// waits for each answer, so the server idles while Node builds the next statement and Node idles
// while the server runs it: at 1,000 tables that is 6,000 waits. Inside a migration's transaction
// a DDL statement's answer is never used, so the pipeline answers it at once and sends the
// statements in the background, in order, as many per round trip as have queued up.
//
// Correctness rests on three rules:
// - only DDL (CREATE, ALTER, DROP, COMMENT, GRANT, REVOKE, DO) without bindings and without a
//   result Knex reads is sent ahead, and only on a connection inside a transaction (between the
//   BEGIN and the COMMIT it was sent), where several statements in one query mean exactly what
//   they mean one by one;
// - every other query (a SELECT, an INSERT, COMMIT, a query on another connection) first waits
//   for everything sent ahead: nothing overtakes, and nothing commits before its DDL has run;
// - when a statement sent ahead fails, every later query of that transaction fails, so the
//   migration fails whatever its code does, and the caller runs it again, one statement at a time
//   (its transaction rolled back, the database is as it was): the outcome and the error the user
//   sees are then exactly Knex's own. The caller uses the pipeline only for a migration Knex runs
//   in one transaction, so that the rollback undoes all of it. See migrateOne.

/** The part of a pg Client the pipeline uses. */
interface PgConnection {
  query(text: string): Promise<unknown>;
}

/** What Knex hands a dialect's _query(). */
interface KnexQueryObject {
  sql?: string;
  bindings?: unknown[];
  output?: unknown;
  returning?: unknown;
  response?: unknown;
}

type RawQuery = (connection: PgConnection, obj: KnexQueryObject) => Promise<KnexQueryObject>;

const DDL = /^\s*(create|alter|drop|comment|grant|revoke|do)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
// The end of a whole transaction; ROLLBACK TO (a savepoint) is not one.
const END = /^\s*(commit|end|abort|rollback\b(?![^;]*\bto\b))/i;

/** The answer Knex gets for a statement sent ahead (or a ROLLBACK already done): what pg gives. */
function response(command: string) {
  return { command: command.toUpperCase(), rowCount: null, oid: null, rows: [], fields: [] };
}

interface Queued {
  connection: PgConnection;
  sql: string;
}

interface Failure {
  error: unknown;
  /** True once we ended the aborted transaction on the server ourselves. */
  rolledBack: boolean;
}

/**
 * Use for a Knex instance that applies migrations (see scratchKnex's `pipeline` option): sends a
 * transaction's DDL ahead, in order, while the migration's code goes on. Off until `run()`.
 */
export class DdlPipeline {
  /** How many statements were sent ahead so far. */
  sentAhead = 0;
  /** How many statements sent ahead failed so far: a migration that failed after one did, is run again without. */
  failedAhead = 0;
  /** How many times work ran one statement at a time (strict()): a migration run again after a failure. */
  strictRuns = 0;
  private enabled = false;
  /** Queries waiting for their turn: a statement issued after one of them must not overtake it. */
  private waiting = 0;
  private queue: Queued[] = [];
  private flushing: Promise<void> | undefined;
  /** Connections inside a transaction, as seen from the statements Knex sent (BEGIN ... COMMIT). */
  private readonly inTransaction = new WeakSet<PgConnection>();
  /** Connections whose transaction had a statement sent ahead fail. */
  private readonly failures = new Map<PgConnection, Failure>();

  /** Use around the work that may send DDL ahead (applying migrations); off again afterwards. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.enabled = true;
    try {
      return await work();
    } finally {
      this.enabled = false;
      await this.drain();
      // Whatever the work did after a failure, no transaction is left open on the server.
      for (const [connection, failure] of this.failures) if (!failure.rolledBack) await connection.query('ROLLBACK').catch(() => {});
      this.failures.clear();
    }
  }

  /** Use around work that must run one statement at a time (a migration run again after a failure). */
  async strict<T>(work: () => Promise<T>): Promise<T> {
    const was = this.enabled;
    this.enabled = false;
    this.strictRuns++;
    try {
      return await work();
    } finally {
      this.enabled = was;
    }
  }

  /** Knex's _query for the pipelined client: `raw` is the dialect's own. */
  async query(connection: PgConnection, obj: KnexQueryObject, raw: RawQuery): Promise<KnexQueryObject> {
    const sql = obj.sql ?? '';
    if (this.failures.has(connection)) return this.afterFailure(connection, obj);
    if (this.enabled && this.waiting === 0 && this.inTransaction.has(connection) && this.canSendAhead(obj)) {
      this.queue.push({ connection, sql });
      this.sentAhead++;
      this.flush();
      obj.response = response(DDL.exec(sql)![1]!);
      // One turn of the event loop per statement: the answers to what was sent are read and the
      // next batch goes out while the migration builds its next statement.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return obj;
    }
    this.waiting++;
    try {
      await this.drain();
    } finally {
      this.waiting--;
    }
    if (this.failures.has(connection)) return this.afterFailure(connection, obj);
    const done = await raw(connection, obj);
    if (BEGIN.test(sql)) this.inTransaction.add(connection);
    else if (END.test(sql)) this.inTransaction.delete(connection);
    return done;
  }

  /** Resolves once everything sent ahead has run (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /**
   * A query in a transaction whose DDL sent ahead failed. The transaction is aborted on the server;
   * end it now, so that nothing Knex or the migration does next can run outside it. Every query
   * then fails with that error, up to the end of the transaction (a ROLLBACK succeeds, a COMMIT
   * fails: the migration fails whatever its code does).
   */
  private async afterFailure(connection: PgConnection, obj: KnexQueryObject): Promise<KnexQueryObject> {
    const failure = this.failures.get(connection)!;
    if (!failure.rolledBack) {
      failure.rolledBack = true;
      await connection.query('ROLLBACK').catch(() => {});
    }
    const sql = obj.sql ?? '';
    if (END.test(sql)) {
      this.failures.delete(connection);
      this.inTransaction.delete(connection);
      if (/^\s*rollback\b/i.test(sql) || /^\s*abort\b/i.test(sql)) {
        obj.response = response('ROLLBACK');
        return obj;
      }
    }
    throw failure.error;
  }

  private canSendAhead(obj: KnexQueryObject): boolean {
    return typeof obj.sql === 'string' && DDL.test(obj.sql) && !obj.output && !obj.returning && !(obj.bindings && obj.bindings.length > 0);
  }

  private flush(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      while (this.queue.length > 0) {
        const { connection } = this.queue[0]!;
        let n = 1;
        while (n < this.queue.length && this.queue[n]!.connection === connection) n++;
        const batch = this.queue.splice(0, n);
        if (this.failures.has(connection)) continue;
        // "\n;\n": a statement that ends in a -- comment cannot swallow the separator.
        try {
          await connection.query(batch.map((q) => q.sql).join('\n;\n'));
        } catch (error) {
          this.failedAhead++;
          this.failures.set(connection, { error, rolledBack: false });
        }
      }
    })().finally(() => {
      this.flushing = undefined;
    });
  }
}
