// The generated fixture set: ground truth faithful to the seed's appendices, indicator
// values that add up to the national totals, byte-deterministic PDFs whose text layer
// carries each document's own number and date line.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  buildGroundTruth, docTypeOf, loadCatalogue, loadGroundTruth, parseSeed, PROVINCE_CODES,
} from '../testkit/generator/ground-truth.js';
import { generateFixtures, type FixtureManifest } from '../testkit/generator/fixtures.js';

const ROOT = process.cwd();
// The seed national report is committed (fixtures/seed/), so the rebuild check always runs.
const SEED = path.join(ROOT, 'fixtures', 'seed', '000_3e761f724fd1898d.txt');

const gt = loadGroundTruth();
const catalogue = loadCatalogue();
const reports = gt.documents.filter((d) => d.kind === 'report');
const programmes = gt.documents.filter((d) => d.kind === 'programme');

describe('ground truth from the seed appendices', () => {
  it('has one report per numbered Phụ lục II row and one programme per Phụ lục I document', () => {
    // Phụ lục II: 34 rows marked X, plus Lai Châu (number and date, no X).
    expect(reports).toHaveLength(35);
    expect(reports.filter((d) => d.seedMarked)).toHaveLength(34);
    expect(reports.filter((d) => !d.seedMarked).map((d) => d.province.name)).toEqual(['Lai Châu']);
    // Phụ lục I: 53 rows marked; TP Hồ Chí Minh has no number (no document); Quảng Bình has two.
    expect(programmes).toHaveLength(53);
    expect(gt.documents).toHaveLength(88);
    expect(gt.counts).toEqual({ documents: 88, reports: 35, programmes: 53, appendix1Marked: 53, appendix2Marked: 34 });
    expect(programmes.filter((d) => d.province.name === 'Quảng Bình').map((d) => d.docNumber))
      .toEqual(['142/CTPH-UBND-MTTQ', '245/KHPH-UBMT-SLĐTBXH']);
    expect(programmes.some((d) => d.province.code === '79')).toBe(false);
  });

  it('counts agree with a fresh parse of the seed, and the committed file is up to date', () => {
    const seedText = readFileSync(SEED, 'utf8');
    const seed = parseSeed(seedText);
    const numbered = (rows: typeof seed.appendix1.rows) =>
      rows.reduce((n, r) => n + r.rawNumber.split(/\s+/).filter((t) => /^\d+\//.test(t)).length, 0);
    expect(reports).toHaveLength(numbered(seed.appendix2.rows));
    expect(programmes).toHaveLength(numbered(seed.appendix1.rows));
    const rebuilt = buildGroundTruth(seedText, catalogue);
    expect(rebuilt).toEqual(gt);
  });

  it('normalises numbers, keeps types from the symbol and codes from the gazetteer map', () => {
    const ids = new Set(gt.documents.map((d) => d.id));
    expect(ids.size).toBe(gt.documents.length);
    for (const d of gt.documents) {
      expect(d.docNumber).not.toMatch(/\s/);
      expect(d.docType).toBe(docTypeOf(d.docNumber));
      expect(d.form).toBe(d.docType === null ? 'cong-van' : 'standard');
      expect(d.province.code).toBe(PROVINCE_CODES[d.province.name]);
      expect(d.issuer).toBe(d.issuerLines.join(' / '));
      expect(d.issueDate).toMatch(/^20(19|2[23])-\d\d-\d\d$/);
    }
    const byNumber = new Map(gt.documents.map((d) => [d.docNumber, d]));
    expect(byNumber.get('437/CTPH-LĐTBXH-MTTQ')?.province.name).toBe('Cao Bằng');
    expect(byNumber.get('1520/SLĐTBXH-BTXHTEBĐG')?.docType).toBeNull();
    expect(byNumber.get('3417/SLĐTBHXH-UBMTTQ')).toMatchObject({ kind: 'programme', docType: null });
    expect(byNumber.get('280/BC-SLĐTBXH')).toMatchObject({ id: 'bc-ha-giang-280', issueDate: '2023-06-29', place: 'Hà Giang' });
    expect(byNumber.get('1530/BC-SLĐTBXH')).toMatchObject({ place: 'Buôn Ma Thuột', province: { code: '66', name: 'Đắk Lắk' } });
  });

  it('records the seed artefacts it resolved', () => {
    const codes = gt.seedArtefacts.map((a) => `${a.code}:${a.province}`);
    expect(codes).toEqual(expect.arrayContaining([
      'seed.marked_without_number:TP Hồ Chí Minh',
      'seed.stray_space_in_number:Cao Bằng',
      'seed.two_documents_in_one_cell:Quảng Bình',
      'seed.number_without_mark:Lai Châu',
      'seed.cong_van_number_for_programme:Hải Dương',
    ]));
    const cao = gt.seedArtefacts.find((a) => a.code === 'seed.stray_space_in_number' && a.province === 'Cao Bằng');
    expect(cao).toMatchObject({ raw: '437/CTPH-LĐT BXH-MTTQ', resolution: '437/CTPH-LĐTBXH-MTTQ' });
  });
});

describe('indicator values', () => {
  it('sum exactly to every catalogue seed total (and the x/y pair to its "of")', () => {
    for (const c of catalogue) {
      const values = reports.map((r) => r.indicators?.[c.key]).filter((v) => v !== undefined);
      expect({ key: c.key, total: values.reduce((a, v) => a + v.value, 0) }).toEqual({ key: c.key, total: c.seedTotal });
      if (c.seedOf !== undefined) {
        expect({ key: c.key, of: values.reduce((a, v) => a + (v.of ?? 0), 0) }).toEqual({ key: c.key, of: c.seedOf });
      }
      expect(values.length).toBeGreaterThan(0);
      expect(values.length).toBeLessThan(reports.length);
      const t = gt.indicatorTotals.find((x) => x.key === c.key);
      expect(t?.total).toBe(c.seedTotal);
      expect(t?.provinces).toBe(values.length);
    }
  });

  it('are well-formed: whole millions of đồng, breakdowns that add up, "hơn" only in prose', () => {
    for (const r of reports) {
      expect(r.indicators).not.toBeNull();
      for (const [key, v] of Object.entries(r.indicators ?? {})) {
        expect(v.value).toBeGreaterThan(0);
        if (v.unit === 'đồng') expect(v.value % 1_000_000).toBe(0);
        if (v.subValues) expect(v.subValues.reduce((a, s) => a + s.value, 0)).toBe(v.value);
        if (v.qualifier === 'at_least') expect(v.placement).toBe('prose');
        if (v.of !== undefined) expect(v.of).toBeGreaterThanOrEqual(v.value);
        expect(catalogue.some((c) => c.key === key)).toBe(true);
      }
      const f = r.indicators!.fund_mobilised;
      if (f) expect(f.value).toBe(r.indicators!.poor_fund.value + r.indicators!.social_security_direct.value);
    }
    const placements = reports.flatMap((r) => Object.values(r.indicators ?? {}).map((v) => v.placement));
    for (const p of ['prose', 'table', 'both'] as const) expect(placements.filter((x) => x === p).length).toBeGreaterThan(50);
  });
});

// ---------------------------------------------------------------------------------------

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function pdfText(file: string): Promise<{ pages: number; first: string }> {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    isEvalSupported: false,
    standardFontDataUrl: path.join(process.cwd(), 'node_modules/pdfjs-dist/standard_fonts/'),
    verbosity: 0,
  }).promise;
  try {
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    const first = content.items
      .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : ''))
      .join('')
      .normalize('NFC');
    return { pages: doc.numPages, first };
  } finally {
    await doc.destroy();
  }
}

describe('generated born-digital PDFs', () => {
  const dirs: string[] = [];
  let first: string[] = [];
  let firstDir = '';
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('are byte-deterministic across runs, one per ground-truth document', async () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'tonghop-fx-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'tonghop-fx-b-'));
    dirs.push(a, b);
    first = await generateFixtures(a);
    const second = await generateFixtures(b);
    firstDir = a;
    expect(first.map((f) => path.basename(f)).sort()).toEqual(gt.documents.map((d) => `${d.id}.pdf`).sort());
    expect(second.map((f) => path.basename(f))).toEqual(first.map((f) => path.basename(f)));
    const differing = first.filter((f, i) => sha256(f) !== sha256(second[i]));
    expect(differing).toEqual([]);
    expect(readFileSync(path.join(a, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(b, 'manifest.json'), 'utf8'));
  }, 240_000);

  it('carry each document\'s own "Số:" line and place-and-date line in the text layer', async () => {
    expect(first.length).toBe(gt.documents.length);
    const manifest = JSON.parse(readFileSync(path.join(firstDir, 'manifest.json'), 'utf8')) as FixtureManifest;
    const byId = new Map(gt.documents.map((d) => [d.id, d]));
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    const compact = (s: string) => s.replace(/\s+/g, '');
    for (const m of manifest.documents) {
      const d = byId.get(m.id)!;
      const { pages, first: text } = await pdfText(path.join(firstDir, m.file));
      expect({ id: m.id, pages }).toEqual({ id: m.id, pages: m.pages });
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(3);
      // the number as printed (sometimes with a stray space), and normalised it is the truth
      expect(compact(m.printedNumberLine)).toBe(`Số:${d.docNumber}`);
      expect({ id: m.id, number: squash(text).includes(m.printedNumberLine) }).toEqual({ id: m.id, number: true });
      // the date line names the place and the issue date
      const dm = /^(.+), ngày (\d\d?) tháng (\d\d?) năm (\d{4})$/.exec(m.printedDateLine);
      expect(dm).not.toBeNull();
      expect(dm![1]).toBe(d.place);
      expect(`${dm![4]}-${dm![3].padStart(2, '0')}-${dm![2].padStart(2, '0')}`).toBe(d.issueDate);
      expect({ id: m.id, date: squash(text).includes(m.printedDateLine) }).toEqual({ id: m.id, date: true });
      // every indicator was written where the ground truth says: prose, table or both
      expect(Object.keys(m.indicators).sort()).toEqual(Object.keys(d.indicators ?? {}).sort());
      for (const [key, mi] of Object.entries(m.indicators)) {
        const where = { key, prose: mi.prosePages.length > 0, table: mi.tablePages.length > 0 };
        expect(where).toEqual({ key, prose: mi.placement !== 'table', table: mi.placement !== 'prose' });
      }
    }
  }, 240_000);
});
