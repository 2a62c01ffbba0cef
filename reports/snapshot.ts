// A report, an export or a follow-up table is read at one instant (issue 16): all its queries in
// one transaction, so a review decision or a worker committing in the middle of the read cannot
// give a table half before and half after. On PostgreSQL (pipeline/pg/sync-db.ts) that
// transaction is REPEATABLE READ (one snapshot) and READ ONLY (a reading command never writes,
// and a statement that tried would fail loudly); on SQLite a transaction already reads one
// snapshot of the file.
import { isPostgresDb, type Db } from '../pipeline/db/database.js';

/** Runs fn inside one read-only snapshot of the database and returns what it returns. */
export function readSnapshot<R>(db: Db, fn: () => R): R {
  return db.transaction(() => {
    // must be the transaction's first statement (PostgreSQL refuses SET TRANSACTION after a query)
    if (isPostgresDb(db)) db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return fn();
  })();
}
