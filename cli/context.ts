// What a command module gets from the CLI entry: the configuration, resolved when a command
// runs (after commander has parsed --db). Its own module so command modules and the list of
// registrations (commands.ts) do not import each other.
import type { Command } from 'commander';
import type { Config } from '../pipeline/config.js';

export interface CliContext {
  /**
   * postgres: the command runs on the PostgreSQL store too (through the synchronous store of
   * pipeline/pg/sync-db.ts); without it a postgres:// --db is refused with usage.not_on_postgres
   */
  config: (opts?: { postgres?: boolean }) => Config;
  /** --trust or $TONGHOP_TRUST made absolute, for commands that run without a SQLite config (the PostgreSQL worker) */
  trustDir?: () => string | null;
}
export type RegisterCommands = (program: Command, ctx: CliContext) => void;
