// SQLite's SQL as this project writes it, turned into PostgreSQL's (issue 16): the statements of
// the SQLite repositories run unchanged on the PostgreSQL store through sync-db.ts. Only the
// handful of SQLite forms the repositories use are rewritten; anything else passes through and,
// if PostgreSQL refuses it, fails loudly with the statement in the message (never silently).
//
//   ? and @name        → $1, $2 … (a name used twice is one parameter)
//   camelCase names    → "camelCase" (PostgreSQL folds unquoted names to lower case)
//   IFNULL(a, b)       → COALESCE(a, b)
//   GROUP_CONCAT(x[,s])→ string_agg(CAST(x AS TEXT), s or ',')
//   MAX(a, b), MIN(a, b) (scalar) → GREATEST, LEAST
//   LIKE               → ILIKE (SQLite's LIKE ignores ASCII case)
//   CAST(… AS REAL)    → CAST(… AS DOUBLE PRECISION) (REAL is 4 bytes in PostgreSQL)
//   INSERT OR IGNORE   → INSERT … ON CONFLICT DO NOTHING
//   INSERT without RETURNING into a table with an id column → … RETURNING id (lastInsertRowid)

/** A statement ready for the pg driver: its text and, per $n, where the value comes from. */
export interface PgStatementText {
  text: string;
  /** params[n-1]: the name of @name, or the 0-based position of a ? */
  params: (string | number)[];
  /** the statement returns `id` only so that run() can report lastInsertRowid */
  returnsId: boolean;
}

const LITERAL = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*/g;
const MARK = '\uE000'; // a private-use character: never in this project's SQL

/** Replaces string literals, quoted names and comments by markers, so rewrites never touch them. */
function mask(sql: string): { code: string; literals: string[] } {
  const literals: string[] = [];
  const code = sql.replace(LITERAL, (m) => (m.startsWith('--') ? ' ' : `${MARK}${literals.push(m) - 1}${MARK}`));
  return { code, literals };
}

const unmask = (code: string, literals: string[]) => code.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => literals[Number(i)]);

/** The index of the parenthesis closing the one at `open`. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses in SQL: ${code.slice(open, open + 80)}`);
}

/** Splits a call's argument list at its top-level commas. */
function topLevelArgs(inner: string): string[] {
  const args: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) { args.push(inner.slice(start, i)); start = i + 1; }
  }
  args.push(inner.slice(start));
  return args;
}

/** Rewrites every call of `fn` (case-insensitive) whose arguments `rewrite` accepts. */
function rewriteCalls(code: string, fn: string, rewrite: (args: string[]) => string | null): string {
  const re = new RegExp(`\\b${fn}\\s*\\(`, 'gi');
  let out = '', at = 0;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m.index < at) continue;
    const open = m.index + m[0].length - 1;
    const close = closing(code, open);
    const args = topLevelArgs(code.slice(open + 1, close));
    const replaced = rewrite(args.map((a) => rewriteAll(a)));
    if (replaced == null) continue;
    out += code.slice(at, m.index) + replaced;
    at = close + 1;
    re.lastIndex = at;
  }
  return out + code.slice(at);
}

function rewriteAll(code: string): string {
  let c = rewriteCalls(code, 'GROUP_CONCAT', (a) => `string_agg(CAST(${a[0].trim()} AS TEXT), ${a[1]?.trim() ?? "','"})`);
  c = rewriteCalls(c, 'IFNULL', (a) => `COALESCE(${a.join(',')})`);
  c = rewriteCalls(c, 'MAX', (a) => (a.length > 1 ? `GREATEST(${a.join(',')})` : null));
  c = rewriteCalls(c, 'MIN', (a) => (a.length > 1 ? `LEAST(${a.join(',')})` : null));
  return c;
}

/** Turns one SQLite statement into PostgreSQL's. `idTables`: tables that have an `id` column. */
export function toPostgres(sql: string, idTables: ReadonlySet<string> = new Set()): PgStatementText {
  const { code: masked, literals } = mask(sql);
  const params: (string | number)[] = [];
  let positional = 0;
  let code = masked.replace(/\?(?!\d)|@([A-Za-z_]\w*)/g, (_m, name: string | undefined) => {
    if (name === undefined) return `$${params.push(positional++)}`;
    const seen = params.indexOf(name);
    return `$${seen >= 0 ? seen + 1 : params.push(name)}`;
  });
  code = code.replace(/(?<![\w$"])([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, '"$1"');
  code = rewriteAll(code);
  code = code.replace(/\bLIKE\b/gi, 'ILIKE');
  code = code.replace(/\bAS\s+REAL\b/gi, 'AS DOUBLE PRECISION');
  if (/\bINSERT\s+OR\s+REPLACE\b/i.test(code)) throw new Error(`INSERT OR REPLACE has no PostgreSQL form here: ${sql.slice(0, 120)}`);
  const ignore = /\bINSERT\s+OR\s+IGNORE\b/i.test(code);
  if (ignore) code = code.replace(/\bINSERT\s+OR\s+IGNORE\b/i, 'INSERT');
  code = code.trim().replace(/;\s*$/, '');
  const insertInto = /^INSERT\s+INTO\s+(\w+)/i.exec(code)?.[1]?.toLowerCase();
  const hasReturning = /\bRETURNING\b/i.test(code);
  if (ignore) {
    const r = /\bRETURNING\b/i.exec(code);
    code = r ? `${code.slice(0, r.index)}ON CONFLICT DO NOTHING ${code.slice(r.index)}` : `${code} ON CONFLICT DO NOTHING`;
  }
  const returnsId = !!insertInto && !hasReturning && idTables.has(insertInto);
  if (returnsId) code += ' RETURNING id';
  return { text: unmask(code, literals), params, returnsId };
}

/** A whole script (migrations, exec()): the same rewrites, no parameters. */
export function scriptToPostgres(sql: string): string {
  const { code, literals } = mask(sql);
  return unmask(rewriteAll(code.replace(/(?<![\w$"])([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, '"$1"')), literals);
}
