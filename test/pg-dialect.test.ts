// SQLite's SQL as the repositories write it, turned into PostgreSQL's (pipeline/pg/sql-dialect.ts).
import { toPostgres, scriptToPostgres } from '../pipeline/pg/sql-dialect.js';

describe('toPostgres', () => {
  it('numbers ? in order and gives a repeated @name one parameter', () => {
    expect(toPostgres('SELECT * FROM t WHERE a = ? AND b = ?')).toMatchObject({ text: 'SELECT * FROM t WHERE a = $1 AND b = $2', params: [0, 1] });
    const s = toPostgres('SELECT 1 WHERE (@p IS NULL OR x = @p) AND y = @q');
    expect(s.text).toBe('SELECT 1 WHERE ($1 IS NULL OR x = $1) AND y = $2');
    expect(s.params).toEqual(['p', 'q']);
  });

  it('quotes camelCase names but leaves literals, snake_case and keywords alone', () => {
    const s = toPostgres("SELECT f.document_id AS documentId, 'keepMe?' AS \"quotedName\" FROM fields f ORDER BY documentId");
    expect(s.text).toBe("SELECT f.document_id AS \"documentId\", 'keepMe?' AS \"quotedName\" FROM fields f ORDER BY \"documentId\"");
    expect(s.params).toEqual([]);
  });

  it('rewrites the SQLite functions the repositories use, nested too', () => {
    expect(toPostgres("SELECT IFNULL(a, '') AS x, GROUP_CONCAT(d) AS g, GROUP_CONCAT(e, ';') AS h FROM t").text)
      .toBe("SELECT COALESCE(a, '') AS x, string_agg(CAST(d AS TEXT), ',') AS g, string_agg(CAST(e AS TEXT), ';') AS h FROM t");
    expect(toPostgres('SELECT MAX(a), MAX(b, IFNULL(c, 0)), MIN(x, y) FROM t').text)
      .toBe('SELECT MAX(a), GREATEST(b, COALESCE(c, 0)), LEAST(x, y) FROM t');
    expect(toPostgres("SELECT CAST(v AS REAL) FROM t WHERE n LIKE ? AND m NOT LIKE 'LIKE'").text)
      .toBe("SELECT CAST(v AS DOUBLE PRECISION) FROM t WHERE n ILIKE $1 AND m NOT ILIKE 'LIKE'");
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING and returns the id where the table has one', () => {
    const ids = new Set(['audit_log']);
    expect(toPostgres('INSERT OR IGNORE INTO periods (name) VALUES (?)', ids)).toMatchObject({ text: 'INSERT INTO periods (name) VALUES ($1) ON CONFLICT DO NOTHING', returnsId: false });
    expect(toPostgres('INSERT INTO audit_log (at) VALUES (?);', ids)).toMatchObject({ text: 'INSERT INTO audit_log (at) VALUES ($1) RETURNING id', returnsId: true });
    expect(toPostgres('INSERT INTO audit_log (at) VALUES (?) RETURNING at', ids).returnsId).toBe(false);
    expect(() => toPostgres('INSERT OR REPLACE INTO t VALUES (1)')).toThrow(/INSERT OR REPLACE/);
  });

  it('drops comments and keeps a question mark inside them from becoming a parameter', () => {
    expect(toPostgres('SELECT 1 -- why?\nWHERE a = ?').text).toBe('SELECT 1  \nWHERE a = $1');
  });

  it('rewrites scripts without touching parameters', () => {
    expect(scriptToPostgres("UPDATE t SET a = IFNULL(b, 'x'); SELECT 1 AS oneThing")).toBe("UPDATE t SET a = COALESCE(b, 'x'); SELECT 1 AS \"oneThing\"");
  });
});
