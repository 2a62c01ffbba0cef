// The real-document corpus (fixtures/realdocs): header truth per document and its markdown.
// Only the testkit and the accuracy harness read this; the pipeline only sees rendered PDFs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REALDOCS_DIR = path.join(REPO_ROOT, 'fixtures', 'realdocs');

/** One line of truth.jsonl (fields described in fixtures/realdocs/README.md). */
export interface RealTruth {
  id: string;
  docNumber: string;
  issueDate: string;
  placeInDateLine: string;
  docType: string | null;
  titleType: string | null;
  title: string;
  issuerLines: string[];
  province: string | null;
  provinceCode: string | null;
  provinceNameOnly: boolean;
  level: 'provincial' | 'national';
  docStartLine: number;
  headerEndLine: number;
  docEndLine: number;
  shape: string[];
  /** the corpus's own tune/measure split (the harness's split is in split.ts) */
  split: 'tune' | 'measure';
}

export function loadTruth(dir: string = REALDOCS_DIR): RealTruth[] {
  return fs.readFileSync(path.join(dir, 'truth.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as RealTruth);
}

/** The document's source lines docStartLine..docEndLine (1-based, inclusive). */
export function readDocLines(t: RealTruth, dir: string = REALDOCS_DIR): string[] {
  const all = fs.readFileSync(path.join(dir, 'docs', `${t.id}.md`), 'utf8').normalize('NFC').split(/\r?\n/);
  return all.slice(t.docStartLine - 1, t.docEndLine);
}
