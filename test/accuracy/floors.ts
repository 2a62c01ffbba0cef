// Shared by the realdocs e2e tests: run `npm run accuracy` with --json, and compare a corpus
// summary with the floors (right counts) and ceilings (silent errors) measured earlier.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CorpusSummary } from '../../testkit/realdocs/tally.js';
import { formatSummary } from '../../testkit/realdocs/tally.js';
import { tempDir } from '../helpers.js';

export type Field = 'docNumber' | 'issueDate' | 'province' | 'docType' | 'title' | 'issuer';
/**
 * right: floors; silent: ceilings on wrong-and-accepted plus missing; wrongAccepted (optional,
 * per field): ceilings on wrong-and-accepted alone — for title and issuer, whose "missing" also
 * counts a scan's value not claimed with a finding (extractors/ocr-claims.ts).
 */
export interface Floors { right: Record<Field, number>; silent: Record<Field, number>; wrongAccepted?: Partial<Record<Field, number>>; straightThrough: number }

/** scripts/accuracy.ts in a child process (the CLI's path), its --json read back; tables printed. */
export async function runAccuracy(args: string[]): Promise<CorpusSummary[]> {
  const json = path.join(tempDir('tonghop-accuracy-test-'), 'accuracy.json');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/accuracy.ts', ...args, '--json', json], {
    cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024,
  });
  const corpora = (JSON.parse(fs.readFileSync(json, 'utf8')) as { corpora: CorpusSummary[] }).corpora;
  for (const c of corpora) console.log(formatSummary(c));
  return corpora;
}

/** What fell below the floors (empty when nothing did). */
export function regressions(c: CorpusSummary, b: Floors): string[] {
  const out: string[] = [];
  for (const f of Object.keys(b.right) as Field[]) {
    const t = c.fields[f];
    if (t.right < b.right[f]) out.push(`${f}: đúng ${t.right} < ${b.right[f]}`);
    if (t.wrongAccepted + t.missing > b.silent[f]) out.push(`${f}: lỗi không báo ${t.wrongAccepted + t.missing} > ${b.silent[f]}`);
    const wa = b.wrongAccepted?.[f];
    if (wa !== undefined && t.wrongAccepted > wa) out.push(`${f}: sai, đã chấp nhận ${t.wrongAccepted} > ${wa}`);
  }
  if (c.straightThrough < b.straightThrough) out.push(`thông qua thẳng ${c.straightThrough} < ${b.straightThrough}`);
  return out;
}
