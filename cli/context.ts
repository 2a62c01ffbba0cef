// What a command module gets from the CLI entry: the configuration, resolved when a command
// runs (after commander has parsed --db). Its own module so command modules and the list of
// registrations (commands.ts) do not import each other.
import type { Command } from 'commander';
import type { Config } from '../pipeline/config.js';

export interface CliContext {
  config: () => Config;
  /** --trust or $TONGHOP_TRUST made absolute, for commands that run without a SQLite config (the PostgreSQL worker) */
  trustDir?: () => string | null;
}
export type RegisterCommands = (program: Command, ctx: CliContext) => void;
