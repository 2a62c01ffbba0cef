// The province gazetteer (gazetteer.json) validated once at load and frozen.
// Referential checks live here so a bad edit to the JSON fails on import, not in a report.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const RegionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  order: z.number().int().positive(),
});

export const UnitSchema = z.object({
  /** bare code for the pre-2025 units, "code@validFrom" for later ones: codes are reused */
  id: z.string().min(2),
  code: z.string().regex(/^\d{2}$/),
  /** short name as the seed report prints it */
  name: z.string().min(2),
  fullName: z.string().min(2).optional(),
  type: z.enum(['tinh', 'thanh_pho']),
  regionId: z.string(),
  seedOrder: z.number().int().min(1).max(63).nullable(),
  validFrom: isoDate.nullable(),
  /** exclusive: the first day the unit no longer exists */
  validTo: isoDate.nullable(),
  predecessors: z.array(z.string()).default([]),
  /** id of the predecessor holding the political-administrative centre (its code is reused) */
  centreOf: z.string().optional(),
  basis: z.string().optional(),
  variants: z.array(z.string()).default([]),
  capitals: z.array(z.string()).default([]),
});

export const GazetteerSchema = z
  .object({
    $comment: z.string().optional(),
    sources: z.record(z.string(), z.string()),
    regions: z.array(RegionSchema).length(6),
    units: z.array(UnitSchema).min(1),
  })
  .superRefine((g, ctx) => {
    const byId = new Map(g.units.map((u) => [u.id, u]));
    if (byId.size !== g.units.length) ctx.addIssue({ code: 'custom', message: 'duplicate unit id' });
    const regionIds = new Set(g.regions.map((r) => r.id));
    for (const u of g.units) {
      if (!regionIds.has(u.regionId)) ctx.addIssue({ code: 'custom', message: `${u.id}: unknown region ${u.regionId}` });
      if (u.basis && !(u.basis in g.sources)) ctx.addIssue({ code: 'custom', message: `${u.id}: unknown basis ${u.basis}` });
      for (const p of u.predecessors) {
        const pred = byId.get(p);
        // a predecessor must end exactly when its successor starts
        if (!pred || pred.validTo !== u.validFrom) {
          ctx.addIssue({ code: 'custom', message: `${u.id}: predecessor ${p} missing or not ending on ${u.validFrom}` });
        }
      }
      if (u.centreOf) {
        const c = byId.get(u.centreOf);
        if (!c || c.code !== u.code || !u.predecessors.includes(u.centreOf)) {
          ctx.addIssue({ code: 'custom', message: `${u.id}: code must be the centre province's old code` });
        }
      }
    }
  });

export type Region = z.infer<typeof RegionSchema>;
export type GazetteerUnit = z.infer<typeof UnitSchema>;
export type Gazetteer = z.infer<typeof GazetteerSchema>;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export const gazetteer: Gazetteer = deepFreeze(
  GazetteerSchema.parse(JSON.parse(readFileSync(new URL('./gazetteer.json', import.meta.url), 'utf8'))),
);
