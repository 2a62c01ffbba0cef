// Shared test helpers: temp folders, fixture generation once per process, ground truth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'tonghop-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface GroundTruthDoc {
  id: string;
  kind: 'report' | 'programme';
  province: { code: string; name: string } | null;
  docNumber: string | null;
  docType: string | null;
  issueDate: string | null;
  reportingPeriod?: string | null;
  indicators: Record<string, { value: number; qualifier?: string; of?: number }> | null;
}

export function groundTruth(): { documents: GroundTruthDoc[] } {
  return JSON.parse(fs.readFileSync(path.join(process.cwd(), 'fixtures', 'ground-truth.json'), 'utf8'));
}

/** Born-digital fixtures, generated once into fixtures/generated (deterministic, so reusable). */
export async function bornDigitalFixtures(): Promise<string> {
  const dir = path.join(process.cwd(), 'fixtures', 'generated', 'born-digital');
  const gt = groundTruth();
  const missing = gt.documents.some((d) => !fs.existsSync(path.join(dir, `${d.id}.pdf`)));
  if (missing) {
    const { generateFixtures } = await import('../testkit/generator/fixtures.js');
    await generateFixtures(dir);
  }
  return dir;
}

/** The PDF files of a fixture folder (the folder also holds a manifest). */
export function pdfsIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));
}
