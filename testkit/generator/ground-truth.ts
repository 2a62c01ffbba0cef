// Builds fixtures/ground-truth.json from the seed national report (Báo cáo 150/BC-LĐTBXH):
// one provincial report per numbered row of Phụ lục II, one coordination programme per
// document of Phụ lục I, with synthetic indicator values for the reports that sum exactly
// to the catalogue's seed totals. Deterministic: a fixed-seed PRNG, one stream per purpose.
//
//   node --import tsx scripts/build-ground-truth.ts [SEED_TEXT] [OUT_JSON]
//
// The pipeline never reads this file; tests compare the pipeline's output against it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { mulberry32 } from './prng.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GROUND_TRUTH_PATH = path.join(ROOT, 'fixtures', 'ground-truth.json');
const SEED_FILE = '000_3e761f724fd1898d.txt';
export const DEFAULT_SEED_PATH = path.join(ROOT, 'fixtures', 'seed', SEED_FILE);
const CATALOGUE_PATH = path.join(ROOT, 'schemas', 'indicator-catalogue.json');

/** Changing this reshuffles every synthetic value; keep it fixed. */
export const PRNG_SEED = 20231027;

// ---------------------------------------------------------------------------------------
// Deterministic randomness

export { mulberry32 };

/** FNV-1a over UTF-16 code units. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A PRNG stream named by its purpose, so adding a document never reshuffles another. */
export class Rand {
  private readonly next: () => number;
  constructor(...labels: string[]) {
    this.next = mulberry32(hash32(labels.join('|')) ^ PRNG_SEED);
  }
  float(): number { return this.next(); }
  range(lo: number, hi: number): number { return lo + (hi - lo) * this.next(); }
  /** integer in [lo, hi] inclusive */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  /** standard normal (Box–Muller) */
  gauss(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

// ---------------------------------------------------------------------------------------
// Reference data

/** Seed province names (as Phụ lục I/II print them) → GSO codes. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  'Hà Nội': '01', 'Hà Giang': '02', 'Cao Bằng': '04', 'Bắc Kạn': '06', 'Tuyên Quang': '08',
  'Lào Cai': '10', 'Điện Biên': '11', 'Lai Châu': '12', 'Sơn La': '14', 'Yên Bái': '15',
  'Hòa Bình': '17', 'Thái Nguyên': '19', 'Lạng Sơn': '20', 'Quảng Ninh': '22', 'Bắc Giang': '24',
  'Phú Thọ': '25', 'Vĩnh Phúc': '26', 'Bắc Ninh': '27', 'Hải Dương': '30', 'Hải Phòng': '31',
  'Hưng Yên': '33', 'Thái Bình': '34', 'Hà Nam': '35', 'Nam Định': '36', 'Ninh Bình': '37',
  'Thanh Hóa': '38', 'Nghệ An': '40', 'Hà Tĩnh': '42', 'Quảng Bình': '44', 'Quảng Trị': '45',
  'Thừa Thiên Huế': '46', 'Đà Nẵng': '48', 'Quảng Nam': '49', 'Quảng Ngãi': '51', 'Bình Định': '52',
  'Phú Yên': '54', 'Khánh Hòa': '56', 'Ninh Thuận': '58', 'Bình Thuận': '60', 'Kon Tum': '62',
  'Gia Lai': '64', 'Đắk Lắk': '66', 'Đắk Nông': '67', 'Lâm Đồng': '68', 'Bình Phước': '70',
  'Tây Ninh': '72', 'Bình Dương': '74', 'Đồng Nai': '75', 'Bà Rịa - Vũng Tàu': '77',
  'TP Hồ Chí Minh': '79', 'Long An': '80', 'Tiền Giang': '82', 'Bến Tre': '83', 'Trà Vinh': '84',
  'Vĩnh Long': '86', 'Đồng Tháp': '87', 'An Giang': '89', 'Kiên Giang': '91', 'Cần Thơ': '92',
  'Hậu Giang': '93', 'Sóc Trăng': '94', 'Bạc Liêu': '95', 'Cà Mau': '96',
};

/** Centrally-run cities: "thành phố", not "tỉnh". Value: the name used in running text. */
const CITY_NAMES: Readonly<Record<string, string>> = {
  'Hà Nội': 'Hà Nội', 'Hải Phòng': 'Hải Phòng', 'Đà Nẵng': 'Đà Nẵng', 'Cần Thơ': 'Cần Thơ',
  'TP Hồ Chí Minh': 'Hồ Chí Minh',
};

/** Date-line place where it is the provincial capital rather than the province's name. */
const DATE_LINE_PLACE: Readonly<Record<string, string>> = {
  'Đắk Lắk': 'Buôn Ma Thuột', 'Gia Lai': 'Pleiku', 'Phú Thọ': 'Việt Trì', 'Bình Định': 'Quy Nhơn',
  'Khánh Hòa': 'Nha Trang', 'Lâm Đồng': 'Đà Lạt', 'Thừa Thiên Huế': 'Huế', 'Quảng Nam': 'Tam Kỳ',
  'Kiên Giang': 'Rạch Giá', 'Đắk Nông': 'Gia Nghĩa', 'Bà Rịa - Vũng Tàu': 'Bà Rịa',
  'TP Hồ Chí Minh': 'Thành phố Hồ Chí Minh',
};

/** Type abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III, plus the joint-programme forms). */
const DOC_TYPE_CODES = new Set([
  'BC', 'CTr', 'CTrPH', 'CTPH', 'KH', 'KHPH', 'QĐ', 'NQ', 'CT', 'TB', 'HD', 'TTr', 'ĐA', 'PA', 'BB', 'KL',
]);

const TYPE_NAMES: Readonly<Record<string, string>> = {
  BC: 'BÁO CÁO', CTr: 'CHƯƠNG TRÌNH PHỐI HỢP', CTrPH: 'CHƯƠNG TRÌNH PHỐI HỢP', CTPH: 'CHƯƠNG TRÌNH PHỐI HỢP',
  KH: 'KẾ HOẠCH PHỐI HỢP', KHPH: 'KẾ HOẠCH PHỐI HỢP',
};

export const MINISTRY_PROGRAMME = { number: '109/CTr-BLĐTBXH-MTTW', date: '11/01/2023' } as const;

// ---------------------------------------------------------------------------------------
// The ground-truth shape (also what generate-fixtures and the tests read)

const qualifierSchema = z.enum(['exact', 'at_least']);
const placementSchema = z.enum(['prose', 'table', 'both']);

export const indicatorTruthSchema = z.object({
  /** counts as counted; money in đồng (whole millions) */
  value: z.number().int().nonnegative(),
  /** the "y" of an "x/y" pair (public_info_points) */
  of: z.number().int().nonnegative().optional(),
  unit: z.string(),
  qualifier: qualifierSchema,
  /** where the generated document states it: prose, the summary table, or both (same value) */
  placement: placementSchema,
  /** yearly breakdown printed in parentheses; sums to value; never to be added again */
  subValues: z.array(z.object({ label: z.string(), value: z.number().int().nonnegative() })).optional(),
});

const issuerBlockSchema = z.object({
  /** the superior body's line (not bold), e.g. "UBND TỈNH HÀ GIANG" */
  parent: z.string().nullable(),
  /** the issuing body's name as printed, one entry per printed line (bold) */
  name: z.array(z.string()).min(1),
});

const signerSchema = z.object({ lines: z.array(z.string()), name: z.string() });

export const groundTruthDocumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(['report', 'programme']),
  /** 'cong-van': no type name; the subject is a "V/v ..." line under the number */
  form: z.enum(['standard', 'cong-van']),
  appendix: z.enum(['I', 'II']),
  seedRow: z.object({ tt: z.number().int(), region: z.string(), number: z.string(), date: z.string() }),
  /** the seed row carries the X mark (false only for Lai Châu's report) */
  seedMarked: z.boolean(),
  province: z.object({ code: z.string().regex(/^\d\d$/), name: z.string() }),
  docNumber: z.string().regex(/^\S+$/),
  docType: z.string().nullable(),
  issueDate: z.string().regex(/^\d{4}-\d\d-\d\d$/),
  issuers: z.array(issuerBlockSchema).min(1),
  /** every printed issuer line, in reading order */
  issuerLines: z.array(z.string()),
  /** issuerLines joined with ' / ' (the export's `issuer`) */
  issuer: z.string(),
  place: z.string(),
  typeName: z.string().nullable(),
  /** the title under the type name; for a công văn the subject after "V/v " */
  title: z.string(),
  reportingPeriod: z.object({ label: z.string(), months: z.number().int(), year: z.number().int() }).nullable(),
  signers: z.array(signerSchema).min(1),
  indicators: z.record(z.string(), indicatorTruthSchema).nullable(),
});

const seedArtefactSchema = z.object({
  code: z.string(),
  appendix: z.enum(['I', 'II']).nullable(),
  province: z.string().nullable(),
  raw: z.string(),
  resolution: z.string(),
  explanation: z.string(),
});

const appendixSchema = z.object({
  title: z.string(),
  total: z.number().int(),
  of: z.number().int(),
  rows: z.array(z.object({
    tt: z.number().int(), region: z.string(), province: z.string(), code: z.string(), marked: z.boolean(),
    documents: z.array(z.object({ docNumber: z.string(), issueDate: z.string() })),
  })),
});

export const groundTruthSchema = z.object({
  version: z.literal(1),
  note: z.string(),
  /** catalogueTotalsSha256: over each indicator's key, unit, aggregate and seed totals only (synonyms may change freely) */
  source: z.object({ file: z.string(), sha256: z.string(), catalogueTotalsSha256: z.string() }),
  prng: z.object({ algorithm: z.literal('mulberry32'), seed: z.number().int() }),
  counts: z.object({
    documents: z.number().int(), reports: z.number().int(), programmes: z.number().int(),
    appendix1Marked: z.number().int(), appendix2Marked: z.number().int(),
  }),
  documents: z.array(groundTruthDocumentSchema),
  indicatorTotals: z.array(z.object({
    key: z.string(), unit: z.string(), seedTotal: z.number(), seedOf: z.number().optional(),
    total: z.number(), totalOf: z.number().optional(), provinces: z.number().int(),
    byProvince: z.record(z.string(), z.number()),
  })),
  appendices: z.object({ 'appendix-1': appendixSchema, 'appendix-2': appendixSchema }),
  seedArtefacts: z.array(seedArtefactSchema),
});

export type IndicatorTruth = z.infer<typeof indicatorTruthSchema>;
export type GroundTruthDocument = z.infer<typeof groundTruthDocumentSchema>;
export type GroundTruth = z.infer<typeof groundTruthSchema>;
export type SeedArtefact = z.infer<typeof seedArtefactSchema>;

export function loadGroundTruth(file = GROUND_TRUTH_PATH): GroundTruth {
  return groundTruthSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

// ---------------------------------------------------------------------------------------
// Catalogue

const catalogueSchema = z.object({
  indicators: z.array(z.object({
    key: z.string(), label: z.string(), unit: z.string(), aggregate: z.enum(['sum', 'pair']),
    seedTotal: z.number(), seedOf: z.number().optional(), seedQualifier: z.string().optional(),
    synonyms: z.array(z.string()),
  }).loose()),
}).loose();
export type CatalogueIndicator = z.infer<typeof catalogueSchema>['indicators'][number];

export function loadCatalogue(file = CATALOGUE_PATH): CatalogueIndicator[] {
  return catalogueSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).indicators;
}

// ---------------------------------------------------------------------------------------
// Small text helpers

/** "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau" */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** "28/9/2023" → "2023-09-28" */
function isoDate(dmy: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dmy);
  if (!m) throw new Error(`not a d/m/yyyy date: ${dmy}`);
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

export function docTypeOf(docNumber: string): string | null {
  const symbol = docNumber.split('/').slice(1).join('/');
  const first = symbol.split(/[-/]/)[0];
  return DOC_TYPE_CODES.has(first) ? first : null;
}

// ---------------------------------------------------------------------------------------
// Seed parsing

interface SeedRow {
  appendix: 'I' | 'II';
  tt: number;
  region: string;
  province: string;
  marked: boolean;
  rawNumber: string;
  rawDate: string;
}

interface SeedAppendix { appendix: 'I' | 'II'; title: string; total: number; rows: SeedRow[] }

function parseAppendix(lines: string[], appendix: 'I' | 'II'): SeedAppendix {
  const rows: SeedRow[] = [];
  let region = '';
  let total = NaN;
  const titleLines: string[] = [];
  for (const line of lines) {
    const cells = line.split('\t').map((c) => c.trim());
    if (cells.length < 3) {
      if (!rows.length && line.trim() && !line.startsWith('(') && !line.startsWith('của')) titleLines.push(line.trim());
      continue;
    }
    if (cells[0] === 'TT') continue; // repeated header row
    if (cells[1] === 'Tổng cộng') { total = Number(cells[2]); continue; }
    if (/^[IVX]+$/.test(cells[0])) { region = cells[1]; continue; }
    if (!/^\d+$/.test(cells[0])) throw new Error(`Phụ lục ${appendix}: unexpected row ${JSON.stringify(line)}`);
    const province = cells[1];
    if (!(province in PROVINCE_CODES)) throw new Error(`Phụ lục ${appendix}: unknown province ${province}`);
    rows.push({
      appendix, tt: Number(cells[0]), region, province,
      marked: cells[2] === 'X', rawNumber: cells[3] ?? '', rawDate: cells[4] ?? '',
    });
  }
  if (rows.length !== 63) throw new Error(`Phụ lục ${appendix}: ${rows.length} rows, expected 63`);
  return { appendix, title: titleLines.join(' '), total, rows };
}

interface SeedReport {
  text: string;
  appendix1: SeedAppendix;
  appendix2: SeedAppendix;
  /** footnote ³: provinces the text says have not reported */
  notReportedFootnote: string[];
  notReportedClaimed: number;
}

export function parseSeed(text: string): SeedReport {
  const nfc = text.normalize('NFC');
  const lines = nfc.split(/\r?\n/);
  const i1 = lines.findIndex((l) => l.trim() === 'Phụ lục I');
  const i2 = lines.findIndex((l) => l.trim() === 'Phụ lục II');
  if (i1 < 0 || i2 < i1) throw new Error('seed: Phụ lục I / II not found');
  const fn = /³ Gồm: ([^\n]+)\./.exec(nfc);
  const claimed = /còn (\d+) tỉnh, thành phố chưa có báo cáo/.exec(nfc);
  return {
    text: nfc,
    appendix1: parseAppendix(lines.slice(i1 + 1, i2), 'I'),
    appendix2: parseAppendix(lines.slice(i2 + 1), 'II'),
    notReportedFootnote: fn ? fn[1].split(',').map((s) => s.trim()) : [],
    notReportedClaimed: claimed ? Number(claimed[1]) : NaN,
  };
}

/**
 * A number cell may hold several documents ("142/CTPH-UBND-MTTQ 245/KHPH-UBMT-SLĐTBXH") or one
 * number broken by a stray space ("437/CTPH-LĐT BXH-MTTQ"): a token that starts "digits/" opens
 * a new document, any other token continues the previous one.
 */
function splitNumberCell(cell: string): { raw: string; number: string }[] {
  const out: { raw: string; number: string }[] = [];
  for (const token of cell.split(/\s+/).filter(Boolean)) {
    if (/^\d+\//.test(token) || !out.length) out.push({ raw: token, number: token });
    else {
      const last = out[out.length - 1];
      last.raw += ` ${token}`;
      last.number += token;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Issuers, places, titles

function isCity(province: string): boolean { return province in CITY_NAMES; }
function unitWord(province: string): string { return isCity(province) ? 'thành phố' : 'tỉnh'; }
/** "tỉnh Hà Giang" / "thành phố Hà Nội" */
function provincePhrase(province: string): string {
  return `${unitWord(province)} ${CITY_NAMES[province] ?? province}`;
}
/** "TỈNH HÀ GIANG" / "THÀNH PHỐ HỒ CHÍ MINH" */
function provinceUpper(province: string): string { return provincePhrase(province).toUpperCase(); }

type IssuerBlock = z.infer<typeof issuerBlockSchema>;

function soBlock(province: string, rand: Rand, joint: boolean): IssuerBlock {
  const P = provinceUpper(province);
  const ubnd = province === 'TP Hồ Chí Minh' || rand.chance(0.35) ? `ỦY BAN NHÂN DÂN ${P}` : `UBND ${P}`;
  if (joint) {
    return rand.pick<IssuerBlock>([
      { parent: null, name: ['SỞ LAO ĐỘNG - THƯƠNG BINH', `VÀ XÃ HỘI ${P}`] },
      { parent: ubnd, name: ['SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'] },
      { parent: ubnd, name: ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'] },
    ]);
  }
  return rand.chance(0.6)
    ? { parent: ubnd, name: ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'] }
    : { parent: ubnd, name: ['SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'] };
}

function mttqBlock(province: string, rand: Rand, standingBoard: boolean): IssuerBlock {
  const P = provinceUpper(province);
  if (standingBoard) {
    return rand.chance(0.5)
      ? { parent: `ỦY BAN MTTQ VIỆT NAM ${P}`, name: ['BAN THƯỜNG TRỰC'] }
      : { parent: null, name: ['BAN THƯỜNG TRỰC', 'ỦY BAN MTTQ VIỆT NAM', P] };
  }
  return rand.pick<IssuerBlock>([
    { parent: null, name: ['ỦY BAN MTTQ VIỆT NAM', P] },
    { parent: null, name: ['ỦY BAN MẶT TRẬN TỔ QUỐC', `VIỆT NAM ${P}`] },
  ]);
}

function ubndBlock(province: string): IssuerBlock {
  return { parent: null, name: ['ỦY BAN NHÂN DÂN', provinceUpper(province)] };
}

/** Joint programme issuers, in the order their abbreviations appear in the symbol. */
function programmeIssuers(docNumber: string, province: string, rand: Rand): IssuerBlock[] {
  const parts = docNumber.split('/').slice(1).join('/').split(/[-/]/);
  const bodies: IssuerBlock[] = [];
  const seen = new Set<string>();
  const standingBoard = parts.includes('BTT') || parts.some((p) => p.startsWith('BTT'));
  for (const p of parts) {
    let body: 'so' | 'mttq' | 'ubnd' | null = null;
    if (/^S?LĐTB?H?XH$/.test(p)) body = 'so';
    else if (/MTTQ|^UBMT/.test(p)) body = 'mttq';
    else if (p === 'UBND') body = 'ubnd';
    if (!body || seen.has(body)) continue;
    seen.add(body);
    if (body === 'so') bodies.push(soBlock(province, rand, true));
    if (body === 'mttq') bodies.push(mttqBlock(province, rand, standingBoard));
    if (body === 'ubnd') bodies.push(ubndBlock(province));
  }
  if (!bodies.length) throw new Error(`no issuer recognised in ${docNumber}`);
  return bodies;
}

function flattenIssuers(blocks: IssuerBlock[]): string[] {
  return blocks.flatMap((b) => (b.parent ? [b.parent, ...b.name] : b.name));
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Lò', 'Hà', 'Triệu', 'Nông', 'Lương', 'Phan'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Quang', 'Hữu', 'Ngọc', 'Xuân', 'Thu', 'Hồng', 'Công', 'Thị Kim', 'Đình'];
const GIVEN = ['Hùng', 'Lan', 'Hương', 'Dũng', 'Tuấn', 'Hải', 'Bình', 'Thắng', 'Hà', 'Nga', 'Sơn', 'Long', 'Phương', 'Hạnh', 'Tâm', 'Khoa', 'Cường', 'Huyền', 'Thảo', 'Vinh', 'Quý', 'Trung'];

function personName(rand: Rand): string {
  return `${rand.pick(FAMILY)} ${rand.pick(MIDDLE)} ${rand.pick(GIVEN)}`;
}

function soSigner(rand: Rand): z.infer<typeof signerSchema> {
  const lines = rand.chance(0.7) ? ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'] : ['GIÁM ĐỐC'];
  return { lines, name: personName(rand) };
}

function signerFor(block: IssuerBlock, province: string, rand: Rand): z.infer<typeof signerSchema> {
  const all = [block.parent ?? '', ...block.name].join(' ');
  if (/MTTQ|MẶT TRẬN/.test(all)) {
    return {
      lines: ['TM. BAN THƯỜNG TRỰC', `ỦY BAN MTTQ VIỆT NAM ${provinceUpper(province)}`, rand.chance(0.5) ? 'CHỦ TỊCH' : 'PHÓ CHỦ TỊCH'],
      name: personName(rand),
    };
  }
  if (/^ỦY BAN NHÂN DÂN$/.test(block.name[0])) {
    return { lines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: personName(rand) };
  }
  return soSigner(rand);
}

function reportingPeriod(isoIssue: string, rand: Rand): { label: string; months: number; year: number } {
  const month = Number(isoIssue.slice(5, 7));
  const months = month >= 8 && rand.chance(0.5) ? 7 : 6;
  const label = rand.chance(0.3) ? `0${months} tháng đầu năm 2023` : `${months} tháng đầu năm 2023`;
  return { label, months, year: 2023 };
}

const NTP = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025';
const MINISTRY_PROG_FULL = `Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa Bộ Lao động - Thương binh và Xã hội và Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam`;

function reportTitle(province: string, period: string, form: 'standard' | 'cong-van', rand: Rand): string {
  const where = provincePhrase(province);
  if (form === 'cong-van') {
    return rand.pick([
      `Báo cáo kết quả thực hiện Chương trình phối hợp ${period}`,
      `Báo cáo kết quả thực hiện Chương trình phối hợp số ${MINISTRY_PROGRAMME.number}`,
      `Báo cáo kết quả ${period} thực hiện Chương trình phối hợp về giảm nghèo bền vững`,
    ]);
  }
  return rand.pick([
    `Kết quả thực hiện ${MINISTRY_PROG_FULL} về thực hiện ${NTP}, ${period}`,
    `Kết quả ${period} thực hiện Chương trình phối hợp về thực hiện ${NTP} trên địa bàn ${where}`,
    `Kết quả thực hiện Chương trình phối hợp giữa Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${where} ${period}`,
    `Kết quả thực hiện Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ${period}`,
  ]);
}

function programmeTitle(province: string, issueDate: string, form: 'standard' | 'cong-van', rand: Rand): string {
  const where = provincePhrase(province);
  if (issueDate < '2021-01-01') {
    return `Phối hợp thực hiện công tác giảm nghèo bền vững và bảo đảm an sinh xã hội trên địa bàn ${where} giai đoạn 2020-2025`;
  }
  if (form === 'cong-van') return `Phối hợp thực hiện ${NTP} trên địa bàn ${where}`;
  return rand.pick([
    `Phối hợp thực hiện ${NTP} trên địa bàn ${where}`,
    `Về việc phối hợp thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025`,
    `Giữa Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${where} về thực hiện ${NTP}`,
  ]);
}

// ---------------------------------------------------------------------------------------
// Indicator values

/** Indicators drawn over the same provinces with correlated weights. */
const INDICATOR_GROUPS: string[][] = [
  ['print_publications', 'print_copies'],
  ['training_courses', 'trainees'],
  ['poverty_projects', 'project_households'],
  ['fund_mobilised', 'poor_fund', 'social_security_direct'],
  ['inspection_teams_provincial', 'inspection_teams_district'],
];

const MILLION = 1_000_000;

/**
 * Splits `total` into one value per weight, each ≥ min. Most values are rounded to a
 * "nice" granularity (10, 100, 1000...) as real reports round; the largest share absorbs
 * the remainder, so the sum is exact.
 */
function partition(total: number, weights: number[], min: number, rand: Rand): number[] {
  const n = weights.length;
  if (total < n * min) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
  const rest = total - n * min;
  const W = weights.reduce((a, b) => a + b, 0);
  let absorber = 0;
  weights.forEach((w, i) => { if (w > weights[absorber]) absorber = i; });
  const values = weights.map((w, i) => {
    if (i === absorber) return 0;
    const share = min + (rest * w) / W;
    const grains = [1, 1, 1];
    if (share >= 50) grains.push(10);
    if (share >= 500) grains.push(100, 10);
    if (share >= 5000) grains.push(1000, 100);
    if (share >= 50000) grains.push(10000, 1000);
    const g = rand.chance(0.45) ? 1 : rand.pick(grains);
    return Math.max(min, Math.floor(share / g) * g);
  });
  values[absorber] = total - values.reduce((a, b) => a + b, 0);
  if (values[absorber] < min) throw new Error('partition: absorber below minimum');
  return values;
}

interface ReportSlot { id: string; code: string }

type IndicatorDraft = { value: number; of?: number; qualifier: 'exact' | 'at_least'; subValues?: { label: string; value: number }[] };

/** key → (report id → draft) */
function drawIndicators(catalogue: CatalogueIndicator[], reports: ReportSlot[]): Map<string, Map<string, IndicatorDraft>> {
  const out = new Map<string, Map<string, IndicatorDraft>>();
  const N = reports.length;
  const byKey = new Map(catalogue.map((c) => [c.key, c]));
  const grouped = new Set(INDICATOR_GROUPS.flat());
  const groups = [...INDICATOR_GROUPS, ...catalogue.filter((c) => !grouped.has(c.key)).map((c) => [c.key])];

  for (const group of groups) {
    const rand = new Rand('indicators', group.join('+'));
    const members = group.map((k) => {
      const c = byKey.get(k);
      if (!c) throw new Error(`catalogue has no indicator ${k}`);
      return c;
    });
    const isMoney = members[0].unit === 'đồng';
    const unitTotals = members.map((c) => (isMoney ? c.seedTotal / MILLION : c.seedTotal));
    // Small totals (6 clusters, 16 courses) come from a few provinces only.
    const cap = Math.min(N, ...unitTotals.map((t) => (t >= 2 * N ? N : Math.max(1, Math.floor(t / 2)))));
    const n = Math.max(1, Math.min(cap, Math.round(rand.range(0.4, 0.9) * N)));
    const chosen = rand.shuffle(reports).slice(0, n);
    chosen.sort((a, b) => reports.indexOf(a) - reports.indexOf(b));
    const base = chosen.map(() => Math.exp(0.9 * rand.gauss()));

    const drafts = new Map<string, number[]>();
    members.forEach((c, mi) => {
      if (c.key === 'fund_mobilised') return; // the sum of its two parts, below
      const weights = base.map((w) => w * Math.exp(0.35 * rand.gauss()));
      const min = isMoney ? 20 : 1;
      drafts.set(c.key, partition(unitTotals[mi], weights, min, rand));
    });
    if (group.includes('fund_mobilised')) {
      const a = drafts.get('poor_fund')!;
      const b = drafts.get('social_security_direct')!;
      drafts.set('fund_mobilised', a.map((v, i) => v + b[i]));
    }

    for (const c of members) {
      const values = drafts.get(c.key)!;
      const perReport = new Map<string, IndicatorDraft>();
      let ofs: number[] | undefined;
      if (c.aggregate === 'pair') {
        const extra = partition((c.seedOf ?? 0) - c.seedTotal, base.map((w) => w * Math.exp(0.3 * rand.gauss())), 0, rand);
        ofs = values.map((v, i) => v + extra[i]);
      }
      chosen.forEach((r, i) => {
        const v = values[i];
        const pAtLeast = c.aggregate === 'pair' ? 0 : c.seedQualifier === 'at_least' ? 0.22 : 0.06;
        const qualifier = v >= 20 && rand.chance(pAtLeast) ? 'at_least' : 'exact';
        const draft: IndicatorDraft = { value: isMoney ? v * MILLION : v, qualifier };
        if (ofs) draft.of = ofs[i];
        if (isMoney && (c.key === 'fund_mobilised' || c.key === 'poor_fund') && v >= 1000 && rand.chance(0.3)) {
          const y2022 = Math.max(10, Math.round((v * rand.range(0.1, 0.45)) / 10) * 10);
          draft.subValues = [
            { label: 'năm 2022', value: y2022 * MILLION },
            { label: 'năm 2023', value: (v - y2022) * MILLION },
          ];
        }
        perReport.set(r.id, draft);
      });
      out.set(c.key, perReport);
    }
  }
  return out;
}

function placementFor(draft: IndicatorDraft, rand: Rand): 'prose' | 'table' | 'both' {
  const r = rand.float();
  if (draft.qualifier === 'at_least') return 'prose'; // "hơn 1.234" has no place in a table cell
  const placement = r < 0.45 ? 'prose' : r < 0.7 ? 'both' : 'table';
  if (draft.subValues && placement === 'table') return 'both'; // the breakdown is printed in prose
  return placement;
}

// ---------------------------------------------------------------------------------------
// Building

export function buildGroundTruth(seedText: string, catalogue: CatalogueIndicator[]): GroundTruth {
  const seed = parseSeed(seedText);
  const artefacts: SeedArtefact[] = [];
  const documents: GroundTruthDocument[] = [];
  const appendixRows: Record<'I' | 'II', GroundTruth['appendices']['appendix-1']['rows']> = { I: [], II: [] };

  for (const app of [seed.appendix1, seed.appendix2]) {
    const kind = app.appendix === 'I' ? 'programme' : 'report';
    const marked = app.rows.filter((r) => r.marked).length;
    if (marked !== app.total) {
      artefacts.push({
        code: 'seed.total_mismatch', appendix: app.appendix, province: null, raw: `Tổng cộng ${app.total}`,
        resolution: `${marked} marked rows`, explanation: `The "Tổng cộng" row says ${app.total}, the X marks count ${marked}.`,
      });
    }
    for (const row of app.rows) {
      const code = PROVINCE_CODES[row.province];
      const numbers = splitNumberCell(row.rawNumber);
      const dates = row.rawDate.split(/\s+/).filter(Boolean);
      if (numbers.length !== dates.length) throw new Error(`${row.province}: ${numbers.length} numbers, ${dates.length} dates`);
      appendixRows[app.appendix].push({
        tt: row.tt, region: row.region, province: row.province, code, marked: row.marked,
        documents: numbers.map((n, i) => ({ docNumber: n.number, issueDate: isoDate(dates[i]) })),
      });

      if (row.marked && !numbers.length) {
        artefacts.push({
          code: 'seed.marked_without_number', appendix: app.appendix, province: row.province, raw: `${row.tt}\t${row.province}\tX\t\t`,
          resolution: 'no fixture document',
          explanation: app.appendix === 'I'
            ? 'Marked as having issued a coordination programme but no number or date is given. Footnote 1 explains: the Standing Board of the city\'s Fatherland Front sent Công văn số 6120/MTTQ-BTT ngày 07/6/2023 asking the City People\'s Committee to go on signing a Kế hoạch phối hợp; there is no programme document to generate.'
            : 'Marked as reported but no number or date is given; there is no document to generate.',
        });
      }
      if (!row.marked && numbers.length) {
        artefacts.push({
          code: 'seed.number_without_mark', appendix: app.appendix, province: row.province, raw: `${row.tt}\t${row.province}\t\t${row.rawNumber}\t${row.rawDate}`,
          resolution: 'kept as a document with seedMarked: false',
          explanation: 'The row has a document number and date but no X, so the seed does not count it (34 reports, and its footnote 3 does not list the province as missing either). The document exists; a pipeline that finds it will mark the province, one more than the seed.',
        });
      }
      if (numbers.length > 1) {
        artefacts.push({
          code: 'seed.two_documents_in_one_cell', appendix: app.appendix, province: row.province,
          raw: `${row.rawNumber}\t${row.rawDate}`, resolution: numbers.map((n) => n.number).join(' + '),
          explanation: 'One cell holds two documents (number and date cells each hold two values); each becomes its own fixture document.',
        });
      }

      numbers.forEach((n, i) => {
        if (n.raw !== n.number) {
          artefacts.push({
            code: 'seed.stray_space_in_number', appendix: app.appendix, province: row.province, raw: n.raw, resolution: n.number,
            explanation: 'Word/PDF conversion split the symbol with a space; the real number has none.',
          });
        }
        const docNumber = n.number;
        const docType = docTypeOf(docNumber);
        const issueDate = isoDate(dates[i]);
        const form = docType === null ? 'cong-van' : 'standard';
        if (docType === null && kind === 'programme') {
          artefacts.push({
            code: 'seed.cong_van_number_for_programme', appendix: app.appendix, province: row.province, raw: docNumber,
            resolution: 'programme fixture in công văn form, docType null',
            explanation: 'Phụ lục I lists a number with no type part (công văn form; "SLĐTBHXH" also carries an extra H, kept as printed). The fixture is a công văn whose subject is the coordination.',
          });
        }
        if (docNumber.includes('/', docNumber.indexOf('/') + 1)) {
          artefacts.push({
            code: 'seed.slash_in_symbol', appendix: app.appendix, province: row.province, raw: docNumber, resolution: docNumber,
            explanation: 'The symbol separates its parts with "/" as well as "-" (an older programme, cited in footnote 1); kept as printed.',
          });
        }
        const numPart = docNumber.split('/')[0];
        const id = `${slug(docType ?? 'cv')}-${slug(row.province)}-${numPart}`;
        const rand = new Rand('document', id);
        const issuers = kind === 'report' ? [soBlock(row.province, rand, false)] : programmeIssuers(docNumber, row.province, rand);
        const issuerLines = flattenIssuers(issuers);
        const period = kind === 'report' ? reportingPeriod(issueDate, rand) : null;
        const title = kind === 'report'
          ? reportTitle(row.province, period!.label, form, rand)
          : programmeTitle(row.province, issueDate, form, rand);
        const signers = kind === 'report' || form === 'cong-van'
          ? [soSigner(rand)]
          : issuers.map((b) => signerFor(b, row.province, rand));
        documents.push({
          id, kind, form, appendix: app.appendix,
          seedRow: { tt: row.tt, region: row.region, number: n.raw, date: dates[i] },
          seedMarked: row.marked,
          province: { code, name: row.province },
          docNumber, docType, issueDate,
          issuers, issuerLines, issuer: issuerLines.join(' / '),
          place: DATE_LINE_PLACE[row.province] ?? row.province,
          typeName: docType ? TYPE_NAMES[docType] ?? null : null,
          title,
          reportingPeriod: period,
          signers,
          indicators: null,
        });
      });
    }
  }

  const notReported = seed.appendix2.rows.filter((r) => !r.marked).map((r) => r.province);
  const missingFromFootnote = notReported.filter((p) => !seed.notReportedFootnote.includes(p));
  if (seed.notReportedFootnote.length !== seed.notReportedClaimed || missingFromFootnote.length) {
    artefacts.push({
      code: 'seed.footnote_count_mismatch', appendix: 'II', province: missingFromFootnote.join(', ') || null,
      raw: `còn ${seed.notReportedClaimed} tỉnh, thành phố chưa có báo cáo³ (footnote lists ${seed.notReportedFootnote.length})`,
      resolution: 'informational',
      explanation: `The text says ${seed.notReportedClaimed} provinces have not reported; footnote 3 names ${seed.notReportedFootnote.length}; Phụ lục II has ${notReported.length} unmarked rows. Missing from the footnote: ${missingFromFootnote.join(', ') || 'none'}.`,
    });
  }

  // Indicators: over every report document (Lai Châu's included), summing to the seed totals.
  const reports = documents.filter((d) => d.kind === 'report');
  const drafts = drawIndicators(catalogue, reports.map((r) => ({ id: r.id, code: r.province.code })));
  for (const r of reports) {
    const indicators: Record<string, IndicatorTruth> = {};
    for (const c of catalogue) {
      const d = drafts.get(c.key)?.get(r.id);
      if (!d) continue;
      const placement = placementFor(d, new Rand('placement', r.id, c.key));
      indicators[c.key] = {
        value: d.value, ...(d.of !== undefined ? { of: d.of } : {}), unit: c.unit, qualifier: d.qualifier, placement,
        ...(d.subValues ? { subValues: d.subValues } : {}),
      };
    }
    r.indicators = indicators;
  }

  const indicatorTotals = catalogue.map((c) => {
    const byProvince: Record<string, number> = {};
    let total = 0;
    let totalOf = 0;
    for (const r of reports) {
      const v = r.indicators?.[c.key];
      if (!v) continue;
      byProvince[r.province.code] = v.value;
      total += v.value;
      totalOf += v.of ?? 0;
    }
    if (total !== c.seedTotal) throw new Error(`${c.key}: values sum to ${total}, seed total ${c.seedTotal}`);
    if (c.seedOf !== undefined && totalOf !== c.seedOf) throw new Error(`${c.key}: 'of' sums to ${totalOf}, seed ${c.seedOf}`);
    return {
      key: c.key, unit: c.unit, seedTotal: c.seedTotal, ...(c.seedOf !== undefined ? { seedOf: c.seedOf } : {}),
      total, ...(c.seedOf !== undefined ? { totalOf } : {}), provinces: Object.keys(byProvince).length, byProvince,
    };
  });

  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const appendix = (a: SeedAppendix, rows: GroundTruth['appendices']['appendix-1']['rows']) => ({
    title: a.title, total: a.total, of: 63, rows,
  });
  const gt: GroundTruth = {
    version: 1,
    note: 'Generated by scripts/build-ground-truth.ts from the seed national report; do not edit by hand. See fixtures/README.md.',
    source: {
      file: `fixtures/seed/${SEED_FILE}`,
      sha256: sha(seedText),
      catalogueTotalsSha256: sha(JSON.stringify(catalogue.map((c) => [c.key, c.unit, c.aggregate, c.seedTotal, c.seedOf ?? null]))),
    },
    prng: { algorithm: 'mulberry32', seed: PRNG_SEED },
    counts: {
      documents: documents.length,
      reports: reports.length,
      programmes: documents.length - reports.length,
      appendix1Marked: seed.appendix1.rows.filter((r) => r.marked).length,
      appendix2Marked: seed.appendix2.rows.filter((r) => r.marked).length,
    },
    documents,
    indicatorTotals,
    appendices: {
      'appendix-1': appendix(seed.appendix1, appendixRows.I),
      'appendix-2': appendix(seed.appendix2, appendixRows.II),
    },
    seedArtefacts: artefacts,
  };
  return groundTruthSchema.parse(gt);
}
