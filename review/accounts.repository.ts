// Every query about review accounts (issue 17): accounts, sessions, the login throttle, the
// audit log and the review settings. Kept apart from review.repository.ts so another store
// (PostgreSQL) can implement the same methods.
import type { Db } from '../pipeline/db/database.js';

export type Role = 'reviewer' | 'lead' | 'admin';
export const ROLES: readonly Role[] = ['reviewer', 'lead', 'admin'];

export interface AccountRow {
  id: number; username: string; display_name: string | null; role: Role; password_hash: string;
  disabled: number; created_at: string; updated_at: string;
}

/** The account a request acts as (no password hash). */
export interface Account { id: number; username: string; displayName: string; role: Role }

export interface ThrottleRow { key: string; failures: number; last_failure: string; locked_until: string | null }

export interface AuditRow {
  id: number; at: string; account_id: number | null; username: string | null; action: string; address: string | null; detail: string | null;
}

export const toAccount = (r: AccountRow): Account => ({ id: r.id, username: r.username, displayName: r.display_name || r.username, role: r.role });

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T { return this.db.transaction(fn)(); }

  /** Accounts that can sign in; zero means the UI keeps its single-user loopback mode. */
  activeCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM accounts WHERE disabled = 0').get() as { n: number }).n;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  }

  byName(username: string): AccountRow | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as AccountRow | undefined;
  }

  byId(id: number): AccountRow | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  }

  list(): AccountRow[] {
    return this.db.prepare('SELECT * FROM accounts ORDER BY username').all() as AccountRow[];
  }

  insert(a: { username: string; displayName: string | null; role: Role; passwordHash: string }, at: string): number {
    return Number(this.db.prepare(`INSERT INTO accounts (username, display_name, role, password_hash, disabled, created_at, updated_at)
      VALUES (?, ?, ?, ?, 0, ?, ?)`).run(a.username, a.displayName, a.role, a.passwordHash, at, at).lastInsertRowid);
  }

  update(id: number, cols: { role?: Role; passwordHash?: string; disabled?: boolean; displayName?: string | null }, at: string): void {
    const cur = this.byId(id);
    if (!cur) return;
    this.db.prepare('UPDATE accounts SET role = ?, password_hash = ?, disabled = ?, display_name = ?, updated_at = ? WHERE id = ?').run(
      cols.role ?? cur.role, cols.passwordHash ?? cur.password_hash, cols.disabled === undefined ? cur.disabled : cols.disabled ? 1 : 0,
      cols.displayName === undefined ? cur.display_name : cols.displayName, at, id);
  }

  // ---- sessions --------------------------------------------------------------------------------

  insertSession(s: { idHash: string; accountId: number; address: string | null; at: string; expiresAt: string }): void {
    this.db.prepare('INSERT INTO sessions (id_hash, account_id, address, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.idHash, s.accountId, s.address, s.at, s.at, s.expiresAt);
  }

  /** The live session's account: not expired, not idle too long, account not disabled. */
  sessionAccount(idHash: string, now: string, idleSince: string): (AccountRow & { last_seen: string }) | undefined {
    return this.db.prepare(`SELECT a.*, s.last_seen FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.id_hash = ? AND s.expires_at > ? AND s.last_seen > ? AND a.disabled = 0`).get(idHash, now, idleSince) as (AccountRow & { last_seen: string }) | undefined;
  }

  touchSession(idHash: string, at: string): void {
    this.db.prepare('UPDATE sessions SET last_seen = ? WHERE id_hash = ?').run(at, idHash);
  }

  deleteSession(idHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  deleteSessionsOf(accountId: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE account_id = ?').run(accountId).changes;
  }

  deleteExpiredSessions(now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }

  // ---- login throttle --------------------------------------------------------------------------

  throttle(key: string): ThrottleRow | undefined {
    return this.db.prepare('SELECT * FROM login_throttle WHERE key = ?').get(key) as ThrottleRow | undefined;
  }

  putThrottle(r: ThrottleRow): void {
    this.db.prepare(`INSERT INTO login_throttle (key, failures, last_failure, locked_until) VALUES (@key, @failures, @last_failure, @locked_until)
      ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure, locked_until = excluded.locked_until`).run(r);
  }

  clearThrottle(key: string): void {
    this.db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key);
  }

  // ---- audit log -------------------------------------------------------------------------------

  audit(e: { at: string; accountId: number | null; username: string | null; action: string; address: string | null; detail?: unknown }): void {
    this.db.prepare('INSERT INTO audit_log (at, account_id, username, action, address, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.accountId, e.username, e.action, e.address, e.detail === undefined ? null : JSON.stringify(e.detail));
  }

  auditBetween(from: string, to: string): AuditRow[] {
    return this.db.prepare('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY at, id').all(from, to) as AuditRow[];
  }

  // ---- settings --------------------------------------------------------------------------------

  setting(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM review_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /** A setting written once: the first process to ask stores `value`, every later one reads that. */
  settingOnce(key: string, value: string, at: string): string {
    this.db.prepare('INSERT OR IGNORE INTO review_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, NULL)').run(key, value, at);
    return this.setting(key) ?? value;
  }

  putSetting(key: string, value: string, at: string, by: number | null): void {
    this.db.prepare(`INSERT INTO review_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`).run(key, value, at, by);
  }
}
