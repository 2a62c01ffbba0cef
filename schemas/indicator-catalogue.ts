// The indicator catalogue (issue 5): data in indicator-catalogue.json, validated here once
// and frozen. Extractors match phrases against `synonyms` (and the label); a synonym may
// contain "…" where any few words may stand ("lượt người … khám chữa bệnh").
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const IndicatorEntrySchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** as the national report prints it */
  label: z.string().min(1),
  /** what the value counts; money is always "đồng" */
  unit: z.string().min(1),
  /** other words a report may put right after the number for this unit ("bản" for "tờ") */
  unitAliases: z.array(z.string().min(1)).optional(),
  /** sum, or "x/y" pairs (value x out of y) */
  aggregate: z.enum(['sum', 'pair']),
  /** seed section it feeds, e.g. "II.1.2" */
  section: z.string().regex(/^[IVX]+(\.\d+)*$/),
  seedTotal: z.number().nonnegative(),
  seedQualifier: z.enum(['exact', 'at_least', 'approx']).optional(),
  /** for pairs: the "of" part of the seed figure */
  seedOf: z.number().nonnegative().optional(),
  /** the entries this one is the sum of, in any one report (fund_mobilised = poor_fund + social_security_direct) */
  sumOf: z.array(z.string()).optional(),
  synonyms: z.array(z.string().min(1)).min(1),
});

export const IndicatorCatalogueSchema = z.object({
  version: z.number().int().positive(),
  note: z.string().optional(),
  indicators: z.array(IndicatorEntrySchema).min(1),
}).superRefine((cat, ctx) => {
  const seen = new Set<string>();
  for (const [i, e] of cat.indicators.entries()) {
    if (seen.has(e.key)) ctx.addIssue({ code: 'custom', message: `duplicate key ${e.key}`, path: ['indicators', i, 'key'] });
    seen.add(e.key);
    if (e.aggregate === 'pair' && e.seedOf === undefined) ctx.addIssue({ code: 'custom', message: `pair ${e.key} needs seedOf`, path: ['indicators', i] });
  }
  const keys = new Set(cat.indicators.map((e) => e.key));
  for (const [i, e] of cat.indicators.entries()) {
    for (const k of e.sumOf ?? []) if (!keys.has(k) || k === e.key) ctx.addIssue({ code: 'custom', message: `${e.key}.sumOf names ${k}`, path: ['indicators', i, 'sumOf'] });
  }
});

export type IndicatorEntry = Readonly<z.infer<typeof IndicatorEntrySchema>>;
export type IndicatorCatalogue = Readonly<{ version: number; note?: string; indicators: readonly IndicatorEntry[] }>;

let loaded: IndicatorCatalogue | null = null;
let byKey: Map<string, IndicatorEntry> | null = null;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Validates a catalogue object (throws a ZodError on a bad one). */
export function parseCatalogue(data: unknown): IndicatorCatalogue {
  const parsed = IndicatorCatalogueSchema.parse(data);
  for (const e of parsed.indicators) {
    e.label = e.label.normalize('NFC');
    e.unit = e.unit.normalize('NFC');
    e.synonyms = e.synonyms.map((s) => s.normalize('NFC'));
    if (e.unitAliases) e.unitAliases = e.unitAliases.map((s) => s.normalize('NFC'));
  }
  return deepFreeze(parsed);
}

/** The catalogue, read from schemas/indicator-catalogue.json once, validated and frozen. */
export function catalogue(): IndicatorCatalogue {
  if (!loaded) {
    const url = new URL('./indicator-catalogue.json', import.meta.url);
    loaded = parseCatalogue(JSON.parse(readFileSync(url, 'utf8')));
    byKey = new Map(loaded.indicators.map((e) => [e.key, e]));
  }
  return loaded;
}

export function indicatorByKey(key: string): IndicatorEntry | undefined {
  catalogue();
  return byKey!.get(key);
}
