// `tonghop query`: read-only SQL (the database is opened read-only and query_only).
import { openDatabase } from '../pipeline/db/database.js';
import { toCsv } from '../reports/csv.js';
import { TonghopError } from '../model/errors.js';

export function runQuery(dbFile: string, sql: string, format: 'table' | 'csv' | 'json'): string {
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const stmt = (() => {
      try {
        return db.prepare(sql);
      } catch (err) {
        throw new TonghopError('usage.bad_query', { detail: (err as Error).message }); // the user's SQL, not a bug
      }
    })();
    if (!stmt.reader) throw new TonghopError('usage.read_only_query');
    let rows: Record<string, unknown>[];
    try {
      rows = stmt.all() as Record<string, unknown>[];
    } catch (err) {
      // errors that SQLite only finds while running (a bad JSON path, a type mismatch)
      throw new TonghopError('usage.bad_query', { detail: (err as Error).message });
    }
    const cols = stmt.columns().map((c) => c.name);
    if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
    if (format === 'csv') return toCsv(cols, rows.map((r) => cols.map((c) => r[c] as string)));
    return formatTable(cols, rows.map((r) => cols.map((c) => (r[c] == null ? '' : String(r[c])))));
  } finally {
    db.close();
  }
}

export function formatTable(cols: string[], rows: string[][]): string {
  const widths = cols.map((c, i) => Math.min(60, Math.max(c.length, ...rows.map((r) => r[i].length))));
  const fmt = (r: string[]) => r.map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i]))).join(' | ');
  return `${[fmt(cols), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(fmt), `(${rows.length} dòng)`].join('\n')}\n`;
}
