// Which store a `--db` value names: a postgres:// or postgresql:// URL is PostgreSQL, anything
// else a SQLite file (the default). No driver is loaded here, so the check costs nothing.
export const isPostgresUrl = (db: string | undefined | null): db is string => !!db && /^postgres(ql)?:\/\//i.test(db);

/** The URL with its password hidden, for messages and logs. */
export const redactUrl = (url: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
