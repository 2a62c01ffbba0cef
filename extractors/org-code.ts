// Electronic organisation identifiers (mã định danh điện tử, QCVN 102:2016/BTTTT and Quyết định
// 20/2020/QĐ-TTg), as edXML envelopes give them for sender and receivers: four dot-separated
// levels, most specific first ("000.00.15.H22": level 4 000, level 3 00, level 2 15, level 1
// H22). A level-1 part H01–H63 names a provincial People's Committee, so every body under it
// (its departments, districts, communes) belongs to that province, whatever its name says.
// The table (schemas/org-codes.json) maps H-codes to gazetteer units; a date after the 2025
// merger follows the gazetteer's successors.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { provinceByCode, successorAsOf, type Province } from './province-gazetteer.js';

const OrgCodesSchema = z.object({
  $comment: z.string().optional(),
  sources: z.record(z.string(), z.string()),
  unitsAsOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  provinces: z.array(z.object({ level1: z.string().regex(/^H\d{2}$/), unit: z.string().regex(/^\d{2}$/), name: z.string() })).length(63),
});

const table = OrgCodesSchema.parse(JSON.parse(readFileSync(new URL('../schemas/org-codes.json', import.meta.url), 'utf8')));
const unitByLevel1 = new Map(table.provinces.map((p) => [p.level1, p.unit]));
// A bad edit to the table fails on import, not on the first package that needs it.
for (const p of table.provinces) {
  if (provinceByCode(p.unit, table.unitsAsOf)?.name !== p.name) throw new Error(`schemas/org-codes.json: ${p.level1} ${p.unit} is not ${p.name} in the gazetteer`);
}

export interface OrgCode { level4: string; level3: string; level2: string; level1: string }

/** Splits an identifier into its levels; null when it is not one ("000.00.15.H22", spaces tolerated). */
export function parseOrgCode(id: string | null | undefined): OrgCode | null {
  const m = (id ?? '').replace(/\s+/g, '').toUpperCase().match(/^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/);
  return m ? { level4: m[1], level3: m[2], level2: m[3], level1: m[4] } : null;
}

/**
 * The province an organisation belongs to, as of a date (ISO), from its identifier's level-1
 * part; null for an identifier outside the provincial H-codes (ministries, national bodies) or
 * not an identifier at all.
 */
export function provinceOfOrgCode(id: string | null | undefined, asOf?: string): Province | null {
  const code = parseOrgCode(id);
  const unit = code ? unitByLevel1.get(code.level1) : undefined;
  if (!unit) return null;
  if (!asOf || asOf <= table.unitsAsOf) return provinceByCode(unit, table.unitsAsOf);
  return successorAsOf(unit, table.unitsAsOf, asOf);
}
