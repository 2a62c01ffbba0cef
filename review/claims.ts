// Claims on review items (issue 17): opening an item claims it for a few minutes, the open page
// renews it, a decision releases it; someone else's live claim blocks deciding and is skipped
// by "next". A lead may release a claim or assign the item to someone for longer.
import type { Account } from './accounts.repository.js';
import type { ClaimRow, ClaimsRepository } from './claims.repository.js';
import type { ItemKey } from './review.repository.js';

export const CLAIM_MS = 5 * 60_000;
export const ASSIGN_MS = 8 * 3600_000;

const iso = (t: number) => new Date(t).toISOString();

export interface Holder { accountId: number; name: string; until: string; assigned: boolean }

const holderOf = (c: ClaimRow): Holder => ({ accountId: c.account_id, name: c.display_name || c.username, until: c.expires_at, assigned: c.assigned_by != null });

export class Claims {
  constructor(readonly repo: ClaimsRepository, private readonly now: () => number = Date.now, private readonly claimMs = CLAIM_MS) {}

  holder(k: ItemKey): Holder | null {
    const c = this.repo.get(k, iso(this.now()));
    return c ? holderOf(c) : null;
  }

  /** Claims (or renews) the item for `me` unless someone else holds it; returns the holder either way. */
  claim(k: ItemKey, me: Account): Holder {
    return this.repo.transaction(() => {
      const now = this.now();
      const cur = this.repo.get(k, iso(now));
      if (cur && cur.account_id !== me.id) return holderOf(cur);
      this.repo.put(k, me.id, iso(now), iso(now + this.claimMs));
      return holderOf(this.repo.get(k, iso(now))!);
    });
  }

  /** Someone other than `me` holds the item now. */
  heldByOther(k: ItemKey, me: Account): Holder | null {
    const h = this.holder(k);
    return h && h.accountId !== me.id ? h : null;
  }

  /** Seconds since `me` claimed the item (the time spent on it), or null. */
  openSeconds(k: ItemKey, me: Account): number | null {
    const c = this.repo.get(k, iso(this.now()));
    return c && c.account_id === me.id ? Math.max(0, Math.round((this.now() - Date.parse(c.claimed_at)) / 100) / 10) : null;
  }

  release(k: ItemKey): boolean { return this.repo.release(k) > 0; }

  assign(k: ItemKey, to: Account, by: Account): void {
    const now = this.now();
    this.repo.transaction(() => {
      this.repo.release(k);
      this.repo.put(k, to.id, iso(now), iso(now + ASSIGN_MS), by.id);
    });
  }

  mine(me: Account): ClaimRow[] { return this.repo.heldBy(me.id, iso(this.now())); }
  all(): ClaimRow[] { return this.repo.all(iso(this.now())); }
}
