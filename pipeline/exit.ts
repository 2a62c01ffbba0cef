// How a command that stopped on an error ends: an expected error (TonghopError) prints its
// Vietnamese message and code, and exits with its category's status (model/errors.ts); anything
// else is a bug: message and stack trace, status 1. A single bad input file during `ingest` or
// `watch` never gets here: it is recorded as failed and the run goes on.
import { TonghopError } from '../model/errors.js';

export interface FatalReport { status: number; text: string }

/** What to print on stderr and which exit status to use for an error that ended a command. */
export function describeFatal(err: unknown): FatalReport {
  if (err instanceof TonghopError) return { status: err.exitStatus, text: `Lỗi: ${err.message} (${err.code})\n` };
  const e = err instanceof Error ? err : new Error(String(err));
  // An unexpected exception: the stack is for whoever fixes it.
  return { status: 1, text: `Lỗi không lường trước: ${e.message}\n${e.stack ?? ''}\n` };
}

/** Ends the process for an error that stopped a command (the CLI's last catch). */
export function exitOnError(err: unknown): never {
  const { status, text } = describeFatal(err);
  process.stderr.write(text);
  process.exit(status);
}

