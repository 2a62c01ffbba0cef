// The reliability table (issue 12 part 4): every value the pipeline gave a confidence to, per
// kind of value, with whether it was right against the truth and whether a finding held it back
// regardless of confidence. Collected from the tune parts of every corpus; the thresholds in
// model/thresholds.ts come from this table by `chooseThreshold`.
import { severityOf } from '../model/findings.js';
import type { Finding } from '../model/document.js';
import type { IndicatorRecord } from '../model/records.js';
import { DEFAULT_ACCEPT_THRESHOLD } from '../model/acceptance.js';
import { ACCEPT_THRESHOLDS, chooseThreshold, thresholdFor, MAX_WRONG_ACCEPTED, MAX_WRONG_UPPER_BOUND, VALUE_KINDS, type Observation, type ValueKind } from '../model/thresholds.js';
import type { ExportedDocument } from '../reports/export-documents.js';

/** source: where an indicator figure was read (printed apart in the table, one threshold for both) */
export interface KindObservation extends Observation { kind: ValueKind; corpus: string; source?: 'table' | 'prose' }

/** Lower edges of the confidence bands of the table; each is also a candidate threshold. */
export const BIN_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99] as const;

export const HEADER_KINDS = ['docNumber', 'issueDate', 'province', 'docType'] as const;

/** A finding stronger than 'info' sends the value to review whatever its confidence. */
export const holds = (findings: readonly unknown[] | undefined): boolean =>
  (findings ?? []).some((f) => severityOf(f as Finding) !== 'info');


/** The four header fields and the category of one exported document, each graded by `isRight`. */
export function headerObservations(corpus: string, d: ExportedDocument, isRight: (kind: (typeof HEADER_KINDS)[number] | 'category') => boolean | null): KindObservation[] {
  const out: KindObservation[] = [];
  if (d.status === 'failed') return out;
  for (const kind of [...HEADER_KINDS, 'category'] as const) {
    const f = d.fields[kind];
    const right = isRight(kind);
    if (!f || right === null) continue;
    out.push({ kind, corpus, confidence: f.confidence, right, held: holds(f.findings) });
  }
  return out;
}

/**
 * A table figure's source text is its row's cells joined with " | " (extractors/indicators/
 * table.ts); a prose figure's is its sentence. A figure stated in both keeps the table's place.
 */
export const indicatorSource = (sourceText: string | null): 'table' | 'prose' => (sourceText?.includes(' | ') ? 'table' : 'prose');

/** A document's figures against the figures its truth states (a figure the truth lacks is wrong). */
export function indicatorObservations(corpus: string, records: readonly IndicatorRecord[], truth: Record<string, { value: number }>): KindObservation[] {
  return records.map((r) => ({
    kind: 'indicator', source: indicatorSource(r.sourceText), corpus, confidence: r.confidence, right: truth[r.key]?.value === r.value, held: holds(r.findings),
  }));
}

const band = (c: number): number => {
  let i = 0;
  while (i + 1 < BIN_EDGES.length && c >= BIN_EDGES[i + 1]) i++;
  return i;
};

const label = (i: number) => (i + 1 < BIN_EDGES.length ? `${BIN_EDGES[i].toFixed(2)}–${BIN_EDGES[i + 1].toFixed(2)}` : `≥ ${BIN_EDGES[i].toFixed(2)}`);

function bandRows(obs: readonly KindObservation[]): string[] {
  const rows = ['| độ tin cậy | đúng | sai | bị giữ lại (đúng / sai) |', '|---|---|---|---|'];
  for (let i = 0; i < BIN_EDGES.length; i++) {
    const b = obs.filter((o) => band(o.confidence) === i);
    if (!b.length) continue;
    const free = b.filter((o) => !o.held);
    const held = b.filter((o) => o.held);
    rows.push(`| ${label(i)} | ${free.filter((o) => o.right).length} | ${free.filter((o) => !o.right).length} | ${held.filter((o) => o.right).length} / ${held.filter((o) => !o.right).length} |`);
  }
  return rows;
}

/** Per kind: rows per confidence band (right / wrong, and those held by a finding), then the rule's choice. */
export function formatReliability(obs: readonly KindObservation[]): string {
  const corpora = [...new Set(obs.map((o) => o.corpus))];
  const lines = [
    `## Bảng độ tin cậy (${obs.length} giá trị; bộ dữ liệu: ${corpora.join(', ')})`,
    '',
    `Quy tắc: ngưỡng là mức thấp nhất t sao cho trong các giá trị không bị phát hiện nào giữ lại và có độ tin cậy ≥ t, tỷ lệ sai ≤ ${(100 * MAX_WRONG_ACCEPTED).toFixed(1)} % và cận trên Wilson 95 % ≤ ${(100 * MAX_WRONG_UPPER_BOUND).toFixed(1)} %, và mỗi dải thêm vào khi hạ mức (từ trên xuống) cũng sai ≤ ${(100 * MAX_WRONG_ACCEPTED).toFixed(1)} %. Ngưỡng dùng không thấp hơn ngưỡng cấu hình.`,
    '',
  ];
  for (const kind of VALUE_KINDS) {
    const mine = obs.filter((o) => o.kind === kind);
    if (!mine.length) continue;
    lines.push(`### ${kind} (${mine.length} giá trị)`, '', ...bandRows(mine));
    // table cells and prose share one scale (0.5 + 0.5 × label match): one bar, the two shown apart
    for (const source of ['table', 'prose'] as const) {
      const part = mine.filter((o) => o.source === source);
      if (part.length) lines.push('', `${kind}, ${source === 'table' ? 'ô bảng' : 'lời văn'} (${part.length} giá trị):`, '', ...bandRows(part));
    }
    const c = chooseThreshold(mine, BIN_EDGES.slice(1));
    const chosen = c.threshold === null ? 'không mức nào đạt quy tắc' : `≥ ${c.threshold}: ${c.wrong} sai / ${c.support} giá trị, cận trên Wilson ${(100 * c.upper).toFixed(2)} %`;
    const bar = thresholdFor(kind, DEFAULT_ACCEPT_THRESHOLD);
    // below the configured bar the bands hold few values: the cut alone does not lower the bar
    const between = c.threshold !== null && c.threshold < bar ? mine.filter((o) => !o.held && o.confidence >= c.threshold! && o.confidence < bar).length : 0;
    lines.push('', `Quy tắc chọn: ${chosen}. Ngưỡng đang dùng: ${bar} (model/thresholds.ts: ${ACCEPT_THRESHOLDS[kind]}, không dưới ngưỡng cấu hình ${DEFAULT_ACCEPT_THRESHOLD})${between || c.threshold !== null && c.threshold < bar ? `; giữa ${c.threshold} và ${bar} chỉ có ${between} giá trị` : ''}.`, '');
  }
  return lines.join('\n');
}
