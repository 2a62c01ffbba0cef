// The other-hands corpus as `npm run accuracy` corpora: each part born-digital, and its scanned
// first pages (OCR from testkit/other-hands/ocr-snapshots). Prints the per-part table of
// score.ts plus indicator precision; returns the reliability observations too.
import path from 'node:path';
import type { KindObservation } from '../reliability.js';
import { generateOtherHands, type Part } from './corpus.js';
import { measureFiles, OTHER_HANDS_DIR } from './measure.js';
import { generateOtherHandsScans, OTHER_HANDS_OCR_SNAPSHOTS } from './scans.js';
import { formatScores, type PartScore } from './score.js';

export const OTHER_HANDS_CORPORA = ['other-hands-tune', 'other-hands-report', 'other-hands-tune-scanned', 'other-hands-report-scanned'] as const;
export type OtherHandsCorpus = (typeof OTHER_HANDS_CORPORA)[number];

export interface OtherHandsRun { name: OtherHandsCorpus; score: PartScore; seconds: number; observations: KindObservation[] }

export async function runOtherHandsCorpus(name: OtherHandsCorpus): Promise<OtherHandsRun> {
  const part: Part = name.includes('-tune') ? 'tune' : 'report';
  if (name.endsWith('-scanned')) {
    const dir = path.join(OTHER_HANDS_DIR, 'scanned');
    const mine = (await generateOtherHandsScans(dir)).filter((d) => d.part === part);
    const r = await measureFiles(mine.map((d) => path.join(dir, d.file)), mine, { ocrCacheDir: OTHER_HANDS_OCR_SNAPSHOTS, corpus: name });
    return { name, ...r };
  }
  // only this part is rendered: the other part's files are left alone
  const m = await generateOtherHands(path.join(OTHER_HANDS_DIR, part), { part });
  const r = await measureFiles(m.documents.map((d) => path.join(OTHER_HANDS_DIR, part, d.file)), m.documents, { corpus: name });
  return { name, ...r };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');

export function formatOtherHands(r: OtherHandsRun): string {
  const s = r.score;
  const i = s.indicators;
  return [
    `### ${r.name}: ${s.documents} tệp, ${r.seconds.toFixed(1)} giây`,
    '',
    formatScores([[r.name, s]]),
    '',
    `Thông qua thẳng: ${s.straightThrough}/${s.documents} (${pct(s.straightThrough, s.documents)}), trong đó mọi giá trị đúng: ${s.straightThroughRight}.`,
    `Chỉ tiêu: độ phủ ${pct(i.found, i.truth)}, độ chính xác của giá trị đã chấp nhận ${pct(i.accepted - i.wrongAccepted, i.accepted)}.`,
    '',
  ].join('\n');
}
