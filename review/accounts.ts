// Accounts, sign-in and sessions of the review UI (issue 17). Used by the server (login,
// sessions) and by `tonghop user` (add, list, disable, passwd). Every sign-in, sign-out and
// failed sign-in goes to the audit log.
import crypto from 'node:crypto';
import { TonghopError } from '../model/errors.js';
import { type AccountsRepository, ROLES, toAccount, type Account, type AccountRow, type Role } from './accounts.repository.js';
import { MIN_PASSWORD_LENGTH, dummyHash, hashPassword, verifyPassword } from './passwords.js';

export type { Account, Role };
export { ROLES };

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** How sign-in failures are slowed, then locked (per account and per address). */
export interface ThrottlePolicy {
  /** failures allowed before each next try has to wait */
  free: number;
  /** failures after which the key is locked */
  lockAt: number;
  /** first wait after `free` failures; doubles with each further failure up to maxDelayMs */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a lockout ends by itself after this long */
  lockMs: number;
  /** failures older than this are forgotten */
  windowMs: number;
}

export interface AuthPolicy {
  account: ThrottlePolicy;
  address: ThrottlePolicy;
  /** absolute session lifetime, and the idle time after which a session ends */
  sessionMs: number;
  idleMs: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  account: { free: 3, lockAt: 10, baseDelayMs: 1000, maxDelayMs: 60_000, lockMs: 15 * 60_000, windowMs: 60 * 60_000 },
  address: { free: 10, lockAt: 50, baseDelayMs: 500, maxDelayMs: 30_000, lockMs: 15 * 60_000, windowMs: 60 * 60_000 },
  sessionMs: 12 * 3600_000,
  idleMs: 2 * 3600_000,
};

export type LoginOutcome =
  | { ok: true; account: Account; sessionId: string; maxAgeS: number }
  | { ok: false; code: 'login.failed' }
  | { ok: false; code: 'login.throttled' | 'login.locked'; retryAfterS: number };

type Gate = { state: 'open' } | { state: 'slowed' | 'locked'; until: number };

const iso = (t: number) => new Date(t).toISOString();
export const sessionHash = (id: string) => crypto.createHash('sha256').update(id).digest('hex');

const ROLE_RANK: Record<Role, number> = { reviewer: 0, lead: 1, admin: 2 };
/** Roles are ranked: a lead may do what a reviewer does, an admin what a lead does. */
export const hasRole = (a: Pick<Account, 'role'>, needed: Role) => ROLE_RANK[a.role] >= ROLE_RANK[needed];

export class Accounts {
  constructor(readonly repo: AccountsRepository, private readonly policy: AuthPolicy = DEFAULT_AUTH_POLICY,
    private readonly now: () => number = Date.now) {}

  /** Whether the UI runs with accounts (any account that can sign in). */
  enabled(): boolean { return this.repo.activeCount() > 0; }

  async add(username: string, role: Role, password: string, displayName: string | null, by: { id: number | null; name: string | null; address: string | null }): Promise<Account> {
    const name = username.trim().toLowerCase();
    if (!USERNAME.test(name)) throw new TonghopError('user.bad_name', { name: username });
    if (!ROLES.includes(role)) throw new TonghopError('usage.invalid_option', { option: '--role', value: role });
    checkPassword(password);
    if (this.repo.byName(name)) throw new TonghopError('user.exists', { name });
    const hash = await hashPassword(password);
    const at = iso(this.now());
    const id = this.repo.transaction(() => {
      const id = this.repo.insert({ username: name, displayName: displayName?.trim().slice(0, 80) || null, role, passwordHash: hash }, at);
      this.repo.audit({ at, accountId: by.id, username: by.name, action: 'user_add', address: by.address, detail: { user: name, role } });
      return id;
    });
    return toAccount(this.repo.byId(id)!);
  }

  list(): AccountRow[] { return this.repo.list(); }

  /** Disables (or re-enables) an account; its sessions end at once. */
  setDisabled(username: string, disabled: boolean, by: { id: number | null; name: string | null; address: string | null }): void {
    const a = this.mustGet(username);
    const at = iso(this.now());
    this.repo.transaction(() => {
      this.repo.update(a.id, { disabled }, at);
      if (disabled) this.repo.deleteSessionsOf(a.id);
      this.repo.audit({ at, accountId: by.id, username: by.name, action: disabled ? 'user_disable' : 'user_enable', address: by.address, detail: { user: a.username } });
    });
  }

  setRole(username: string, role: Role, by: { id: number | null; name: string | null; address: string | null }): void {
    const a = this.mustGet(username);
    const at = iso(this.now());
    this.repo.transaction(() => {
      this.repo.update(a.id, { role }, at);
      this.repo.audit({ at, accountId: by.id, username: by.name, action: 'user_role', address: by.address, detail: { user: a.username, role } });
    });
  }

  /** A new password; the account's sessions end (whoever had it must sign in again). */
  async setPassword(username: string, password: string, by: { id: number | null; name: string | null; address: string | null }): Promise<void> {
    const a = this.mustGet(username);
    checkPassword(password);
    const hash = await hashPassword(password);
    const at = iso(this.now());
    this.repo.transaction(() => {
      this.repo.update(a.id, { passwordHash: hash }, at);
      this.repo.deleteSessionsOf(a.id);
      this.repo.audit({ at, accountId: by.id, username: by.name, action: 'user_passwd', address: by.address, detail: { user: a.username } });
    });
  }

  private mustGet(username: string): AccountRow {
    const a = this.repo.byName(username.trim().toLowerCase());
    if (!a) throw new TonghopError('user.not_found', { name: username });
    return a;
  }

  /**
   * Sign-in: the throttle first (per account and per address; a wait or a lockout refuses even
   * the right password), then the password (an unknown name costs the same scrypt as a known
   * one), then a brand-new session id (never one the browser brought: no fixation).
   */
  async login(usernameRaw: string, password: string, address: string): Promise<LoginOutcome> {
    const username = usernameRaw.trim().toLowerCase().slice(0, 40);
    const keys = { account: `u:${username}`, address: `a:${address}` };
    const gate = this.worst(this.gate(keys.account, this.policy.account), this.gate(keys.address, this.policy.address));
    const row = this.repo.byName(username);
    const who = { accountId: row?.id ?? null, username: username || null, address };
    if (gate.state !== 'open') {
      const code = gate.state === 'locked' ? 'login.locked' : 'login.throttled';
      this.repo.audit({ at: iso(this.now()), ...who, action: gate.state === 'locked' ? 'login_locked' : 'login_throttled' });
      return { ok: false, code, retryAfterS: Math.max(1, Math.ceil((gate.until - this.now()) / 1000)) };
    }
    const good = await verifyPassword(password, row?.password_hash ?? await dummyHash());
    if (!row || !good || row.disabled) {
      this.fail(keys.account, this.policy.account);
      this.fail(keys.address, this.policy.address);
      this.repo.audit({ at: iso(this.now()), ...who, action: 'login_failed', detail: row?.disabled ? { disabled: true } : undefined });
      return { ok: false, code: 'login.failed' };
    }
    this.repo.clearThrottle(keys.account);
    const sessionId = crypto.randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.policy.sessionMs;
    this.repo.transaction(() => {
      this.repo.deleteExpiredSessions(iso(now));
      this.repo.insertSession({ idHash: sessionHash(sessionId), accountId: row.id, address, at: iso(now), expiresAt: iso(expiresAt) });
      this.repo.audit({ at: iso(now), ...who, action: 'login' });
    });
    return { ok: true, account: toAccount(row), sessionId, maxAgeS: Math.floor(this.policy.sessionMs / 1000) };
  }

  /** The account of a live session, or null (expired, idle too long, unknown, or account disabled). */
  session(sessionId: string | undefined): Account | null {
    if (!sessionId || !/^[A-Za-z0-9_-]{40,64}$/.test(sessionId)) return null;
    const now = this.now();
    const h = sessionHash(sessionId);
    const row = this.repo.sessionAccount(h, iso(now), iso(now - this.policy.idleMs));
    if (!row) return null;
    // last_seen is written at most once a minute: a page load is not a write each time
    if (now - Date.parse(row.last_seen) > 60_000) this.repo.touchSession(h, iso(now));
    return toAccount(row);
  }

  logout(sessionId: string, account: Account, address: string): void {
    this.repo.deleteSession(sessionHash(sessionId));
    this.repo.audit({ at: iso(this.now()), accountId: account.id, username: account.username, action: 'logout', address });
  }

  audit(e: { account: Account | null; action: string; address: string | null; detail?: unknown }): void {
    this.repo.audit({ at: iso(this.now()), accountId: e.account?.id ?? null, username: e.account?.username ?? null, action: e.action, address: e.address, detail: e.detail });
  }

  private gate(key: string, p: ThrottlePolicy): Gate {
    const r = this.repo.throttle(key);
    if (!r) return { state: 'open' };
    const now = this.now();
    if (r.locked_until) {
      if (Date.parse(r.locked_until) > now) return { state: 'locked', until: Date.parse(r.locked_until) };
      this.repo.clearThrottle(key); // the lockout has ended by itself
      return { state: 'open' };
    }
    const last = Date.parse(r.last_failure);
    if (now - last > p.windowMs) { this.repo.clearThrottle(key); return { state: 'open' }; }
    if (r.failures < p.free) return { state: 'open' };
    const wait = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** (r.failures - p.free));
    return now < last + wait ? { state: 'slowed', until: last + wait } : { state: 'open' };
  }

  private worst(a: Gate, b: Gate): Gate {
    const rank = { open: 0, slowed: 1, locked: 2 } as const;
    if (rank[a.state] !== rank[b.state]) return rank[a.state] > rank[b.state] ? a : b;
    return a.state === 'open' || b.state === 'open' ? a : (a.until >= b.until ? a : b);
  }

  private fail(key: string, p: ThrottlePolicy): void {
    const now = this.now();
    const r = this.repo.throttle(key);
    const failures = (r && now - Date.parse(r.last_failure) <= p.windowMs ? r.failures : 0) + 1;
    this.repo.putThrottle({ key, failures, last_failure: iso(now), locked_until: failures >= p.lockAt ? iso(now + p.lockMs) : null });
  }
}

function checkPassword(pw: string): void {
  if ([...pw].length < MIN_PASSWORD_LENGTH) throw new TonghopError('user.weak_password', { min: MIN_PASSWORD_LENGTH });
}
