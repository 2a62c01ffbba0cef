// What the inbox service itself refuses (the pipeline's own codes, such as pdf.encrypted or
// file.empty, come from the stages). Codes and messages live in the registry (model/errors.ts);
// tests and the UI key on `code`.
import { messageFor, type ErrorCode } from '../../model/errors.js';

export interface Reason { code: ErrorCode; message: string }

export const INBOX_REASONS = {
  folder: { code: 'inbox.folder', message: messageFor('inbox.folder') },
  symlink: { code: 'inbox.symlink', message: messageFor('inbox.symlink') },
} as const satisfies Record<string, Reason>;

/** A file the service could not read; `errno` is the system's code (EACCES, EIO, ...). */
export const unreadableReason = (errno: string): Reason => ({ code: 'inbox.unreadable', message: messageFor('inbox.unreadable', { errno }) });
