// The harness's tune / report split of the real documents: a rule, not a list.
//
// report = every document the corpus itself marks `split: "measure"` (about a third,
// stratified by level and type by the corpus's builder) plus the tune documents whose id
// hash falls under REPORT_EXTRA, which tops the report part up to about 40 %. Tuning on the
// harness's tune part therefore never touches the corpus's measure part, and a new
// document lands on a side by its own id alone.
import { createHash } from 'node:crypto';
import type { RealTruth } from './corpus.js';

export type Part = 'tune' | 'report';

/** fraction of the corpus's tune documents moved to the report part (≈ 0.4·299 − 95 of 204) */
export const REPORT_EXTRA = 0.12;

/** A stable number in [0, 1) from the document id. */
export function idFraction(id: string, salt = 'realdocs-split-v1'): number {
  const h = createHash('sha256').update(`${salt}:${id}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

export function partOf(t: Pick<RealTruth, 'id' | 'split'>): Part {
  if (t.split === 'measure') return 'report';
  return idFraction(t.id) < REPORT_EXTRA ? 'report' : 'tune';
}
