// The gazetteer's reference tables (migration 002): regions, provinces with their validity and
// the 2025 roll-up, so SQL users and the report views can join on them. Filled at start-up.
import crypto from 'node:crypto';
import type { Db } from './database.js';
import { gazetteer } from '../../schemas/gazetteer.js';
import { provincesAsOf, rollupTable } from '../../extractors/province-gazetteer.js';

/**
 * Loads the gazetteer (schemas/gazetteer.json, through the gazetteer module) into the
 * reference tables of migration 002, so SQL users can join on regions and the 2025 roll-up.
 * Does nothing when the loaded version is current; safe to call on every start.
 */
export function syncGazetteerTables(db: Db): void {
  const sha = crypto.createHash('sha256').update(JSON.stringify(gazetteer)).digest('hex');
  const have = db.prepare("SELECT sha256 FROM reference_versions WHERE name = 'gazetteer'").get() as { sha256: string } | undefined;
  if (have?.sha256 === sha) return;
  const all = [...new Map([...provincesAsOf('2024-12-31'), ...provincesAsOf('2025-01-01'), ...provincesAsOf('2025-07-01'), ...provincesAsOf('9999-12-31')]
    .map((p) => [p.id, p])).values()];
  db.transaction(() => {
    db.prepare('DELETE FROM gazetteer_rollup').run();
    db.prepare('DELETE FROM gazetteer_provinces').run();
    db.prepare('DELETE FROM gazetteer_regions').run();
    const r = db.prepare('INSERT INTO gazetteer_regions (id, name, sort_order) VALUES (?, ?, ?)');
    for (const g of gazetteer.regions) r.run(g.id, g.name, g.order);
    const p = db.prepare(`INSERT INTO gazetteer_provinces (id, code, name, full_name, type, region_id, seed_order, sort_order, valid_from, valid_to, predecessors)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const u of all) p.run(u.id, u.code, u.name, u.fullName, u.type, u.regionId, u.seedOrder, u.order, u.validFrom, u.validTo, u.predecessors.join(','));
    const ru = db.prepare('INSERT INTO gazetteer_rollup (old_code, old_name, new_code, new_name, effective, kind) VALUES (?, ?, ?, ?, ?, ?)');
    for (const x of rollupTable()) ru.run(x.oldCode, x.oldName, x.newCode, x.newName, x.effective, x.kind);
    db.prepare(`INSERT INTO reference_versions (name, sha256, loaded_at) VALUES ('gazetteer', ?, ?)
      ON CONFLICT(name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = excluded.loaded_at`).run(sha, new Date().toISOString());
  })();
}
