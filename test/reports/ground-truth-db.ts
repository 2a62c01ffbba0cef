// Test helper: a database holding the fixture set's ground truth as if the pipeline had read
// every document perfectly (header fields and indicators accepted). The report logic is then
// tested against known input in milliseconds; the golden test runs the real pipeline.
import crypto from 'node:crypto';
import path from 'node:path';
import { makeConfig } from '../../pipeline/config.js';
import { openApp, type App } from '../../pipeline/app.js';
import type { FieldRecord, IndicatorRecord } from '../../model/records.js';
import { indicatorByKey } from '../../schemas/indicator-catalogue.js';
import { tempDir, groundTruth, type GroundTruthDoc } from '../helpers.js';

type Truth = GroundTruthDoc & { reportingPeriod?: { label: string } | null; indicators: Record<string, { value: number; qualifier?: string; of?: number }> | null };

const field = (name: string, value: unknown): FieldRecord => ({
  name, value, confidence: 1, status: 'accepted', page: 1, box: { x: 60, y: 90, w: 120, h: 12 }, sourceText: String(value), findings: [], candidates: [],
});

/** Inserts one document as the load stage would have written it. */
export function insertDocument(app: App, d: {
  id: string; category: 'programme' | 'report' | 'other'; docNumber: string | null; issueDate: string | null;
  province: { code: string; name: string } | null; period?: string | null; docType?: string | null;
  indicators?: Record<string, { value: number; qualifier?: string; of?: number }> | null;
  review?: string[];
}): void {
  app.repo.insert({ id: d.id, fileName: `${d.id}.pdf`, sourcePath: null, sha256: crypto.createHash('sha256').update(d.id).digest('hex'), size: 1, storePath: null, status: 'pending' });
  const review = new Set(d.review ?? []);
  const fields = [
    field('docNumber', d.docNumber), field('issueDate', d.issueDate), field('province', d.province), field('docType', d.docType ?? null),
  ].map((f) => (review.has(f.name) ? { ...f, status: 'needs_review' as const, confidence: 0.6 } : f));
  const indicators: IndicatorRecord[] = Object.entries(d.indicators ?? {}).map(([key, v]) => {
    const e = indicatorByKey(key)!;
    return {
      key, label: e.label, value: v.value, unit: e.unit, qualifier: (v.qualifier ?? 'exact') as IndicatorRecord['qualifier'],
      confidence: 1, status: review.has(`indicator:${key}`) ? 'needs_review' : 'accepted', page: 2, box: { x: 70, y: 300, w: 200, h: 12 },
      sourceText: `${v.value} ${e.unit}`, subValues: v.of !== undefined ? [{ label: 'trên tổng số', value: v.of }] : [], findings: [],
    };
  });
  app.repo.replaceExtraction(d.id, {
    pages: 2, text_source: 'text', category: d.category, period: d.period ?? null, doc_type: d.docType ?? null,
    doc_number: d.docNumber, issue_date: d.issueDate, province_code: d.province?.code ?? null, province_name: d.province?.name ?? null,
    issuer: null, title: null,
  }, fields, indicators, []);
  app.repo.refreshStatus(d.id);
}

/** Inserts every ground-truth document as read right (review: names to leave needing review, by document id). */
export function fillGroundTruth(app: App, review: Record<string, string[]> = {}): void {
  for (const d of groundTruth().documents as Truth[]) {
    insertDocument(app, {
      id: d.id, category: d.kind, docNumber: d.docNumber, issueDate: d.issueDate, province: d.province,
      period: d.reportingPeriod?.label ?? null, docType: d.docType, indicators: d.indicators, review: review[d.id],
    });
  }
}

/** A fresh database with every ground-truth document inserted as read right. */
export function groundTruthApp(): App {
  const app = openApp(makeConfig({ dbFile: path.join(tempDir('tonghop-reports-'), 'tonghop.db') }));
  fillGroundTruth(app);
  return app;
}
