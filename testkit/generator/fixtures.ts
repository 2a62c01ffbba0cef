// Renders fixtures/ground-truth.json into born-digital PDFs of provincial documents in the
// Nghị định 30/2020/NĐ-CP layout: two-column header (issuer and "Số:" left; Quốc hiệu,
// Tiêu ngữ and the italic place-and-date line right), bold centred type name and title,
// body citing other documents (distractors), indicator prose, a bordered summary table with
// a plan column (distractor), "Nơi nhận" and a signature block.
//
//   node --import tsx scripts/generate-fixtures.ts [OUT_DIR]   (npm run fixtures)
//
// Byte-deterministic: fixed CreationDate (pdfkit derives the file ID from the info
// dictionary), every choice drawn from PRNG streams named by document id.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import {
  loadCatalogue, loadGroundTruth, MINISTRY_PROGRAMME, Rand,
  type GroundTruth, type GroundTruthDocument, type IndicatorTruth,
} from './ground-truth.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'fixtures', 'generated', 'born-digital');

type Doc = PDFKit.PDFDocument;

// ---------------------------------------------------------------------------------------
// Fonts (DejaVu: every Vietnamese precomposed glyph), read once per process

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// The fontkit that pdfkit itself uses (a dependency of pdfkit, not of this project).
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buf: Buffer): FontkitFont };

interface FontkitPosition { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(cp: number): unknown;
  layout(text: string, features?: unknown): { glyphs: unknown[]; positions: FontkitPosition[] };
}

type Family = 'DejaVuSerif' | 'DejaVuSerifCondensed';

/**
 * One parsed font per file for the whole process, with a layout cache shared by every
 * document: shaping each word with fontkit is most of pdfkit's time, and the fixture set
 * repeats the same words. pdfkit scales the positions it gets in place, so each call
 * returns fresh position objects; glyphs are read-only and shared. Output is unchanged.
 */
const fontCache = new Map<string, FontkitFont>();
function sharedFont(file: string): FontkitFont {
  let f = fontCache.get(file);
  if (f) return f;
  const font = fontkit.create(readFileSync(path.join(FONT_DIR, file)));
  // fontkit caches one glyph object per id, with the code points it was first created with.
  // Subsetting creates composite glyphs' components (the "a" in "ả") with none, and shared
  // across documents that would leave a later document's plain "a" without a ToUnicode
  // entry. Creating every mapped glyph from the cmap first makes code points canonical.
  for (const cp of font.characterSet) font.glyphForCodePoint(cp);
  const runs = new Map<string, { glyphs: unknown[]; positions: FontkitPosition[] }>();
  const layout = (text: string, features?: unknown) => {
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      const r = font.layout(text, features);
      run = { glyphs: r.glyphs, positions: r.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })) };
      runs.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() { return positions.reduce((w, p) => w + p.xAdvance, 0); },
    };
  };
  f = new Proxy(font as object, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as FontkitFont;
  fontCache.set(file, f);
  return f;
}

const R = 'R', B = 'B', I = 'I', BI = 'BI';
function registerFonts(doc: Doc, family: Family): void {
  // pdfkit accepts any object with a fontkit-like layout() as a font source
  const src = (file: string) => sharedFont(file) as unknown as Buffer;
  doc.registerFont(R, src(`${family}.ttf`));
  doc.registerFont(B, src(`${family}-Bold.ttf`));
  doc.registerFont(I, src(`${family}-Italic.ttf`));
  doc.registerFont(BI, src(`${family}-BoldItalic.ttf`));
}

// ---------------------------------------------------------------------------------------
// Vietnamese number, money and date formatting

export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** whole millions → "12,5" (tỷ) */
function tyDecimal(millions: number): string {
  const frac = String(millions % 1000).padStart(3, '0').replace(/0+$/, '');
  const whole = groupThousands(Math.floor(millions / 1000));
  return frac ? `${whole},${frac}` : whole;
}

/** đồng (whole millions) → "12,5 tỷ đồng" | "830 triệu đồng" | "3 tỷ 508 triệu đồng" | ... */
function formatMoney(dong: number, rand: Rand): string {
  const m = dong / 1_000_000;
  if (m < 1000) return `${groupThousands(m)} triệu đồng`;
  const forms = ['trieu', 'trieu'];
  if (m % 10 === 0) forms.push('ty', 'ty', 'ty');
  else forms.push('ty');
  if (m % 1000 !== 0) forms.push('ty-trieu', 'ty-trieu');
  forms.push('dong');
  switch (rand.pick(forms)) {
    case 'ty': return `${tyDecimal(m)} tỷ đồng`;
    case 'ty-trieu': return `${groupThousands(Math.floor(m / 1000))} tỷ ${m % 1000} triệu đồng`;
    case 'dong': return `${groupThousands(dong)} đồng`;
    default: return `${groupThousands(m)} triệu đồng`;
  }
}

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

/** "14/6/2023" or "14/06/2023" */
function shortDate(iso: string, pad: boolean): string {
  const [y, m, d] = isoParts(iso);
  const p = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
  return `${p(d)}/${p(m)}/${y}`;
}

/** Nghị định 30: day < 10 and months 1–2 get a leading zero; some offices pad every month. */
function dateLine(place: string, iso: string, padAllMonths: boolean): string {
  const [y, m, d] = isoParts(iso);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 || padAllMonths ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

function addDays(iso: string, days: number): string {
  const t = Date.UTC(...(isoParts(iso).map((v, i) => (i === 1 ? v - 1 : v)) as [number, number, number]));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

function randomDate(rand: Rand, lo: string, hi: string): string {
  const a = Date.parse(`${lo}T00:00:00Z`);
  const b = Date.parse(`${hi}T00:00:00Z`);
  return new Date(a + Math.floor(rand.float() * Math.max(1, (b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------
// Per-document layout style

interface Style {
  family: Family;
  body: number;
  header: number;
  table: number;
  margins: { top: number; bottom: number; left: number; right: number };
  lineGap: number;
  paraGap: number;
  indent: number;
  align: 'justify' | 'left';
  leftColFrac: number;
  padSmall: boolean;
  padDates: boolean;
  padMonths: boolean;
  numberSpaced: boolean;
  jointHeader: 'stacked' | 'side-by-side';
  tableAtEnd: boolean;
  titleRule: boolean;
  tableHeaderFill: boolean;
}

function styleFor(d: GroundTruthDocument): Style {
  const r = new Rand('layout', d.id);
  return {
    family: r.chance(0.6) ? 'DejaVuSerifCondensed' : 'DejaVuSerif',
    body: r.pick([12.5, 13, 13, 13.5, 14]),
    header: r.pick([11.5, 12, 12, 12.5]),
    table: r.pick([10.5, 11, 11.5, 12]),
    margins: {
      top: Math.round(r.range(52, 72)), bottom: Math.round(r.range(50, 66)),
      left: Math.round(r.range(76, 90)), right: Math.round(r.range(42, 58)),
    },
    lineGap: Math.round(r.range(0.5, 3.5) * 2) / 2,
    paraGap: Math.round(r.range(2, 7)),
    indent: Math.round(r.range(24, 38)),
    align: r.chance(0.8) ? 'justify' : 'left',
    leftColFrac: r.range(0.4, 0.46),
    padSmall: r.chance(0.5),
    padDates: r.chance(0.35),
    padMonths: r.chance(0.25),
    numberSpaced: r.chance(0.12),
    jointHeader: r.chance(0.5) ? 'stacked' : 'side-by-side',
    tableAtEnd: r.chance(0.35),
    titleRule: r.chance(0.6),
    tableHeaderFill: r.chance(0.3),
  };
}

// ---------------------------------------------------------------------------------------
// Content: a list of blocks, rendered below

type Block =
  | { t: 'heading'; text: string; italic?: boolean; centred?: boolean }
  | { t: 'para'; text: string; keys?: string[]; italic?: boolean; noIndent?: boolean }
  | { t: 'table'; caption: string[]; header: string[]; rows: TableRow[] };

interface TableRow { cells: string[]; group?: boolean; key?: string }

interface Content {
  /** after the title (công văn: "Kính gửi") */
  salutation: string | null;
  body: Block[];
  /** after the signature, on a new page ("Phụ lục") */
  appendix: Block[];
  recipients: string[];
}

const MINISTRY = 'Bộ Lao động - Thương binh và Xã hội';
const NTP = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025';
const CV_329 = { number: '329/CV-VPQGGN', date: '2023-06-14' };
const QD_90 = { number: '90/QĐ-TTg', date: '2022-01-18' };

function provinceWords(d: GroundTruthDocument): { unit: string; name: string; phrase: string } {
  const cities: Record<string, string> = { 'Hà Nội': 'Hà Nội', 'Hải Phòng': 'Hải Phòng', 'Đà Nẵng': 'Đà Nẵng', 'Cần Thơ': 'Cần Thơ', 'TP Hồ Chí Minh': 'Hồ Chí Minh' };
  const city = cities[d.province.name];
  const unit = city ? 'thành phố' : 'tỉnh';
  const name = city ?? d.province.name;
  return { unit, name, phrase: `${unit} ${name}` };
}

/** Number with the qualifier the ground truth records ("hơn 3.120"). */
class Numbers {
  constructor(private readonly rand: Rand, private readonly style: Style) {}
  count(n: number): string {
    return n < 10 && this.style.padSmall ? `0${n}` : groupThousands(n);
  }
  qualified(v: IndicatorTruth, text: string): string {
    return v.qualifier === 'at_least' ? `${this.rand.pick(['hơn', 'trên'])} ${text}` : text;
  }
  value(v: IndicatorTruth): string {
    if (v.unit === 'đồng') {
      let s = this.qualified(v, formatMoney(v.value, this.rand));
      if (v.subValues?.length) {
        s += ` (${v.subValues.map((sv) => `${sv.label}: ${groupThousands(sv.value / 1_000_000)} triệu đồng`).join('; ')})`;
      }
      return s;
    }
    if (v.of !== undefined) return this.qualified(v, `${this.count(v.value)}/${groupThousands(v.of)}`);
    return this.qualified(v, this.count(v.value));
  }
}

type Inds = Record<string, IndicatorTruth>;

/** Prose clauses for one section: running text or a dash list, pairs phrased together. */
interface Phrase { keys: string[]; running: string[]; list: string[] }

function sectionPhrases(section: number): Phrase[] {
  switch (section) {
    case 1: return [
      { keys: ['radio_programs', 'tv_programs'], running: ['sản xuất và phát sóng {radio_programs} chương trình phát thanh, {tv_programs} chương trình truyền hình', 'phát sóng {radio_programs} chương trình trên sóng phát thanh và {tv_programs} chương trình trên sóng truyền hình'], list: [] },
      { keys: ['radio_programs'], running: ['sản xuất và phát sóng {radio_programs} chương trình phát thanh', 'phát sóng {radio_programs} chương trình phát thanh về công tác giảm nghèo', 'duy trì {radio_programs} chương trình trên sóng phát thanh'], list: ['Số chương trình phát thanh: {radio_programs}', 'Chương trình phát thanh: {radio_programs} chương trình'] },
      { keys: ['tv_programs'], running: ['{tv_programs} chương trình truyền hình', 'sản xuất {tv_programs} chương trình trên sóng truyền hình'], list: ['Số chương trình truyền hình: {tv_programs}', 'Chương trình truyền hình: {tv_programs} chương trình'] },
      { keys: ['print_publications', 'print_copies'], running: ['{print_publications} ấn phẩm báo in với số lượng phát hành {print_copies} tờ', 'phát hành {print_publications} ấn phẩm báo in, số lượng phát hành {print_copies} tờ'], list: [] },
      { keys: ['print_publications'], running: ['{print_publications} ấn phẩm báo in', 'xuất bản {print_publications} ấn phẩm báo in'], list: ['Số ấn phẩm báo in: {print_publications} ấn phẩm'] },
      { keys: ['print_copies'], running: ['{print_copies} bản báo in phát hành', 'số lượng phát hành đạt {print_copies} tờ'], list: ['Số lượng phát hành: {print_copies} tờ'] },
      { keys: ['articles'], running: ['sản xuất và đăng tải {articles} bài viết chuyên sâu, tin, ảnh', 'đăng tải {articles} tin, bài, ảnh', '{articles} tin bài trên các phương tiện thông tin đại chúng'], list: ['Tin, bài, ảnh: {articles} bài', 'Số tin bài: {articles}'] },
      { keys: ['e_files'], running: ['{e_files} file điện tử', 'xây dựng {e_files} tệp điện tử'], list: ['File điện tử: {e_files} file'] },
      { keys: ['e_newspaper_products'], running: ['{e_newspaper_products} các sản phẩm truyền thông khác trên báo điện tử', '{e_newspaper_products} sản phẩm truyền thông trên báo điện tử'], list: ['Sản phẩm truyền thông trên báo điện tử: {e_newspaper_products} sản phẩm'] },
      { keys: ['internet_products'], running: ['{internet_products} sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội', 'sản xuất {internet_products} sản phẩm đăng tải trên internet'], list: ['Sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội: {internet_products} sản phẩm'] },
      { keys: ['video_clips'], running: ['{video_clips} video clip', 'sản xuất {video_clips} video clip tuyên truyền'], list: ['Video clip: {video_clips}', 'Số video clip: {video_clips} clip'] },
      { keys: ['leaflets'], running: ['in và cấp phát {leaflets} tờ rơi, áp phích', '{leaflets} tờ rơi, áp phích', 'phát hành {leaflets} tờ gấp, tờ rơi'], list: ['Số tờ rơi, áp phích: {leaflets} tờ', 'Tờ rơi, áp phích: {leaflets} tờ'] },
      { keys: ['info_clusters_new'], running: ['thiết lập mới {info_clusters_new} cụm thông tin điện tử'], list: ['Cụm thông tin điện tử được thiết lập mới: {info_clusters_new} cụm'] },
      { keys: ['info_clusters_repaired'], running: ['sửa chữa {info_clusters_repaired} cụm thông tin điện tử', 'sửa chữa, thay thế thiết bị hư hỏng đối với {info_clusters_repaired} cụm thông tin điện tử'], list: ['Cụm thông tin điện tử được sửa chữa, thay thế thiết bị: {info_clusters_repaired} cụm'] },
      { keys: ['public_info_points'], running: ['hỗ trợ {public_info_points} điểm cung cấp dịch vụ thông tin công cộng'], list: ['Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ: {public_info_points} điểm'] },
      { keys: ['commune_radio_new', 'commune_radio_upgraded'], running: ['phát triển {commune_radio_new} đài truyền thanh xã; nâng cấp, chuyển đổi {commune_radio_upgraded} đài truyền thanh xã sang công nghệ mới'], list: [] },
      { keys: ['commune_radio_new'], running: ['phát triển {commune_radio_new} đài truyền thanh xã', 'xây mới {commune_radio_new} đài truyền thanh xã'], list: ['Đài truyền thanh xã xây mới: {commune_radio_new} đài'] },
      { keys: ['commune_radio_upgraded'], running: ['nâng cấp, chuyển đổi {commune_radio_upgraded} đài truyền thanh xã', '{commune_radio_upgraded} đài truyền thanh xã được nâng cấp'], list: ['Đài truyền thanh xã được nâng cấp: {commune_radio_upgraded} đài'] },
      { keys: ['loudspeaker_clusters'], running: ['lắp đặt {loudspeaker_clusters} cụm loa cho các thôn, bản', '{loudspeaker_clusters} cụm loa thôn, bản'], list: ['Cụm loa thôn, bản: {loudspeaker_clusters} cụm'] },
      { keys: ['training_courses', 'trainees'], running: ['tổ chức {training_courses} lớp bồi dưỡng, tập huấn cho {trainees} lượt người tham gia tập huấn', 'mở {training_courses} lớp tập huấn với {trainees} học viên'], list: [] },
      { keys: ['training_courses'], running: ['tổ chức {training_courses} lớp bồi dưỡng, tập huấn'], list: ['Số lớp tập huấn: {training_courses} lớp'] },
      { keys: ['trainees'], running: ['bồi dưỡng, tập huấn cho {trainees} học viên', '{trainees} lượt người tham gia tập huấn'], list: ['Lượt người tham gia tập huấn: {trainees} người'] },
    ];
    case 2: return [
      { keys: ['fund_mobilised', 'poor_fund', 'social_security_direct'], running: ['Ủy ban MTTQ các cấp đã vận động Quỹ “Vì người nghèo” và an sinh xã hội được {fund_mobilised}, trong đó: Quỹ “Vì người nghèo” vận động được {poor_fund}; các cơ quan, đơn vị, doanh nghiệp ủng hộ an sinh xã hội trực tiếp {social_security_direct}'], list: [] },
      { keys: ['fund_mobilised'], running: ['tổng số tiền vận động Quỹ “Vì người nghèo” và an sinh xã hội là {fund_mobilised}', 'vận động Quỹ “Vì người nghèo” và an sinh xã hội được {fund_mobilised}'], list: ['Tổng số tiền vận động: {fund_mobilised}'] },
      { keys: ['poor_fund'], running: ['Quỹ “Vì người nghèo” các cấp vận động được {poor_fund}'], list: ['Quỹ “Vì người nghèo” vận động được: {poor_fund}'] },
      { keys: ['social_security_direct'], running: ['ủng hộ an sinh xã hội trực tiếp {social_security_direct}'], list: ['Ủng hộ an sinh xã hội trực tiếp: {social_security_direct}'] },
      { keys: ['houses_built_repaired'], running: ['xây mới và sửa chữa {houses_built_repaired} căn nhà Đại đoàn kết cho hộ nghèo', 'hỗ trợ xây dựng, sửa chữa {houses_built_repaired} nhà Đại đoàn kết'], list: ['Nhà Đại đoàn kết xây mới và sửa chữa: {houses_built_repaired} căn'] },
      { keys: ['health_support_people'], running: ['{health_support_people} lượt người nghèo được hỗ trợ khám chữa bệnh', 'hỗ trợ khám chữa bệnh cho {health_support_people} lượt người nghèo, người có hoàn cảnh khó khăn'], list: ['Hỗ trợ khám chữa bệnh: {health_support_people} lượt người'] },
      { keys: ['students_supported'], running: ['giúp đỡ {students_supported} lượt học sinh, sinh viên về học tập', '{students_supported} lượt học sinh, sinh viên được hỗ trợ'], list: ['Học sinh, sinh viên được hỗ trợ: {students_supported} lượt'] },
      { keys: ['production_support_people'], running: ['hỗ trợ {production_support_people} lượt người nghèo về phát triển sản xuất', '{production_support_people} lượt người nghèo được hỗ trợ phát triển sản xuất'], list: ['Hỗ trợ phát triển sản xuất: {production_support_people} lượt người'] },
    ];
    case 3: return [
      { keys: ['poverty_projects', 'project_households'], running: ['triển khai {poverty_projects} dự án giảm nghèo với {project_households} hộ tham gia', 'tổng số dự án giảm nghèo là {poverty_projects} dự án với {project_households} hộ tham gia'], list: [] },
      { keys: ['poverty_projects'], running: ['triển khai {poverty_projects} dự án hỗ trợ phát triển sản xuất', 'phê duyệt {poverty_projects} dự án giảm nghèo'], list: ['Số dự án giảm nghèo: {poverty_projects} dự án'] },
      { keys: ['project_households'], running: ['số hộ tham gia dự án là {project_households} hộ'], list: ['Hộ tham gia dự án: {project_households} hộ'] },
    ];
    case 4: return [
      { keys: ['inspection_teams_provincial', 'inspection_teams_district'], running: ['thành lập {inspection_teams_provincial} đoàn kiểm tra, giám sát cấp tỉnh và {inspection_teams_district} đoàn cấp huyện', 'tổ chức {inspection_teams_provincial} đoàn cấp tỉnh, {inspection_teams_district} đoàn cấp huyện kiểm tra, giám sát việc thực hiện Chương trình'], list: [] },
      { keys: ['inspection_teams_provincial'], running: ['thành lập {inspection_teams_provincial} đoàn kiểm tra, giám sát cấp tỉnh'], list: ['Đoàn kiểm tra, giám sát cấp tỉnh: {inspection_teams_provincial} đoàn'] },
      { keys: ['inspection_teams_district'], running: ['{inspection_teams_district} đoàn kiểm tra, giám sát cấp huyện'], list: ['Đoàn kiểm tra, giám sát cấp huyện: {inspection_teams_district} đoàn'] },
    ];
    default: return [
      { keys: ['commended_collectives', 'commended_individuals', 'commended_households'], running: ['tặng Bằng khen cho {commended_collectives} tập thể, {commended_individuals} cá nhân, {commended_households} hộ gia đình có thành tích'], list: [] },
      { keys: ['commended_collectives', 'commended_individuals'], running: ['khen thưởng {commended_collectives} tập thể và {commended_individuals} cá nhân có thành tích'], list: [] },
      { keys: ['commended_collectives'], running: ['khen thưởng {commended_collectives} tập thể có thành tích'], list: ['Tập thể được khen thưởng: {commended_collectives}'] },
      { keys: ['commended_individuals'], running: ['{commended_individuals} cá nhân có thành tích được khen thưởng'], list: ['Cá nhân được khen thưởng: {commended_individuals}'] },
      { keys: ['commended_households'], running: ['{commended_households} hộ gia đình có thành tích'], list: ['Hộ gia đình được khen thưởng: {commended_households}'] },
    ];
  }
}

const SECTION_OF: Record<string, number> = {};
for (const s of [1, 2, 3, 4, 5]) for (const p of sectionPhrases(s)) for (const k of p.keys) SECTION_OF[k] = s;

function fill(template: string, inds: Inds, nums: Numbers): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => nums.value(inds[k]));
}

/** Prose for the indicators of one section that the ground truth places in prose. */
function sectionProse(section: number, inds: Inds, proseKeys: Set<string>, nums: Numbers, rand: Rand, lead: string): Block[] {
  const left = new Set([...proseKeys].filter((k) => SECTION_OF[k] === section));
  if (!left.size) return [];
  const asList = rand.chance(0.35);
  const picked: { keys: string[]; text: string }[] = [];
  for (const p of sectionPhrases(section)) {
    if (!p.keys.every((k) => left.has(k))) continue;
    const options = asList ? p.list : p.running;
    if (!options.length) continue;
    picked.push({ keys: p.keys, text: fill(rand.pick(options), inds, nums) });
    for (const k of p.keys) left.delete(k);
  }
  if (left.size) throw new Error(`no phrase for ${[...left].join(', ')}`);
  if (asList) {
    return [
      { t: 'para', text: `${lead} đạt được kết quả cụ thể như sau:` },
      ...picked.map((p, i) => ({ t: 'para' as const, text: `- ${capitalise(p.text)}${i === picked.length - 1 ? '.' : ';'}`, keys: p.keys })),
    ];
  }
  // Running text: "<lead> đã <verb> ...; ...". Put a clause that opens with a verb first.
  const sentence = (items: typeof picked): string => {
    const i = items.findIndex((p) => VERB_START.test(p.text));
    const ordered = i > 0 ? [items[i], ...items.slice(0, i), ...items.slice(i + 1)] : items;
    return `${i < 0 ? 'đạt được kết quả: ' : ''}${ordered.map((p) => p.text).join('; ')}`;
  };
  const keysOf = (items: typeof picked) => items.flatMap((p) => p.keys);
  if (section === 2 && picked[0].text.startsWith('Ủy ban')) {
    const rest = picked.slice(1);
    return [{ t: 'para', text: `${picked[0].text}${rest.length ? `. Bên cạnh đó, các cấp đã ${sentence(rest)}` : ''}.`, keys: keysOf(picked) }];
  }
  // Long sections read as two sentences, as real reports do.
  if (picked.length > 5) {
    const cut = Math.ceil(picked.length / 2);
    const a = picked.slice(0, cut);
    const b = picked.slice(cut);
    return [
      { t: 'para', text: `${lead} ${sentence(a)}.`, keys: keysOf(a) },
      { t: 'para', text: `${rand.pick(['Bên cạnh đó, đã', 'Ngoài ra, các địa phương đã', 'Đồng thời, đã'])} ${sentence(b)}.`, keys: keysOf(b) },
    ];
  }
  return [{ t: 'para', text: `${lead} ${sentence(picked)}.`, keys: keysOf(picked) }];
}

const VERB_START = /^(sản xuất|phát sóng|duy trì|phát hành|xuất bản|đăng tải|xây dựng|in và|thiết lập|sửa chữa|hỗ trợ|phát triển|xây mới|nâng cấp|lắp đặt|tổ chức|mở|bồi dưỡng|vận động|giúp đỡ|triển khai|phê duyệt|thành lập|tặng|khen thưởng) /;

function capitalise(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }

const TABLE_LABELS: Record<string, [string, string]> = {
  radio_programs: ['Chương trình phát thanh', 'chương trình'],
  tv_programs: ['Chương trình truyền hình', 'chương trình'],
  print_publications: ['Ấn phẩm báo in', 'ấn phẩm'],
  print_copies: ['Số lượng báo in phát hành', 'tờ'],
  articles: ['Tin, bài, ảnh', 'bài'],
  e_files: ['File điện tử', 'file'],
  e_newspaper_products: ['Sản phẩm truyền thông khác trên báo điện tử', 'sản phẩm'],
  internet_products: ['Sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội', 'sản phẩm'],
  video_clips: ['Video clip', 'clip'],
  leaflets: ['Tờ rơi, áp phích', 'tờ'],
  info_clusters_new: ['Cụm thông tin điện tử thiết lập mới', 'cụm'],
  info_clusters_repaired: ['Cụm thông tin điện tử sửa chữa, thay thế thiết bị', 'cụm'],
  public_info_points: ['Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ', 'điểm'],
  commune_radio_new: ['Đài truyền thanh xã phát triển mới', 'đài'],
  commune_radio_upgraded: ['Đài truyền thanh xã nâng cấp, chuyển đổi', 'đài'],
  loudspeaker_clusters: ['Cụm loa thôn, bản', 'cụm'],
  training_courses: ['Lớp bồi dưỡng, tập huấn', 'lớp'],
  trainees: ['Lượt người tham gia tập huấn', 'người'],
  fund_mobilised: ['Vận động Quỹ “Vì người nghèo” và an sinh xã hội', 'đồng'],
  poor_fund: ['Trong đó: Quỹ “Vì người nghèo”', 'đồng'],
  social_security_direct: ['Ủng hộ an sinh xã hội trực tiếp', 'đồng'],
  houses_built_repaired: ['Nhà Đại đoàn kết xây mới và sửa chữa', 'căn'],
  health_support_people: ['Lượt người nghèo được hỗ trợ khám chữa bệnh', 'lượt người'],
  students_supported: ['Lượt học sinh, sinh viên được hỗ trợ học tập', 'lượt'],
  production_support_people: ['Lượt người nghèo được hỗ trợ phát triển sản xuất', 'lượt người'],
  poverty_projects: ['Dự án giảm nghèo', 'dự án'],
  project_households: ['Hộ tham gia dự án', 'hộ'],
  inspection_teams_provincial: ['Đoàn kiểm tra, giám sát cấp tỉnh', 'đoàn'],
  inspection_teams_district: ['Đoàn kiểm tra, giám sát cấp huyện', 'đoàn'],
  commended_collectives: ['Tập thể được khen thưởng', 'tập thể'],
  commended_individuals: ['Cá nhân được khen thưởng', 'cá nhân'],
  commended_households: ['Hộ gia đình được khen thưởng', 'hộ'],
};

const TABLE_GROUPS = ['Công tác thông tin, tuyên truyền', 'Huy động nguồn lực hỗ trợ người nghèo', 'Xây dựng, nhân rộng mô hình giảm nghèo', 'Kiểm tra, giám sát', 'Biểu dương, khen thưởng'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** A "nice" plan figure near the actual one, or a dash. */
function planFigure(actual: number, rand: Rand): number | null {
  if (rand.chance(0.2)) return null;
  const p = actual * rand.range(0.75, 1.45);
  const mag = p >= 10000 ? 1000 : p >= 1000 ? 100 : p >= 100 ? 10 : 1;
  return Math.max(1, Math.round(p / mag) * mag);
}

function summaryTable(d: GroundTruthDocument, keys: string[], rand: Rand, caption: string[]): Block {
  const inds = d.indicators!;
  const period = d.reportingPeriod?.label ?? '';
  const header = ['TT', rand.pick(['Chỉ tiêu', 'Chỉ tiêu', 'Nội dung chỉ tiêu']), 'Đơn vị tính',
    rand.pick(['Kế hoạch', 'Kế hoạch năm 2023']), rand.pick(['Thực hiện', `Thực hiện ${period}`])];
  const rows: TableRow[] = [];
  const moneyInTy = rand.chance(0.3);
  for (let s = 1; s <= 5; s++) {
    const inSection = keys.filter((k) => SECTION_OF[k] === s);
    if (!inSection.length) continue;
    rows.push({ cells: [ROMAN[s - 1], TABLE_GROUPS[s - 1], '', '', ''], group: true });
    inSection.forEach((k, i) => {
      const v = inds[k];
      let [label, unit] = TABLE_LABELS[k];
      if (k === 'poor_fund' && !keys.includes('fund_mobilised')) label = 'Quỹ “Vì người nghèo” vận động được';
      let unitText = unit;
      let actual: string;
      let plan: string;
      if (v.unit === 'đồng') {
        const m = v.value / 1_000_000;
        const p = planFigure(m, rand);
        if (moneyInTy && m % 10 === 0) {
          unitText = 'tỷ đồng';
          actual = tyDecimal(m);
          plan = p === null ? '-' : tyDecimal(p);
        } else {
          unitText = 'triệu đồng';
          actual = groupThousands(m);
          plan = p === null ? '-' : groupThousands(p);
        }
      } else {
        actual = v.of !== undefined ? `${groupThousands(v.value)}/${groupThousands(v.of)}` : groupThousands(v.value);
        const p = planFigure(v.value, rand);
        plan = p === null ? '-' : groupThousands(p);
      }
      rows.push({ cells: [String(i + 1), label, unitText, plan, actual], key: k });
    });
  }
  return { t: 'table', caption, header, rows };
}

function citedDocuments(d: GroundTruthDocument, rand: Rand, gt: GroundTruth, pad: boolean): { ownProgramme: string | null; localPlans: string[] } {
  const lo = d.issueDate < '2023-01-01' ? addDays(d.issueDate, -200) : '2023-01-16';
  const hi = addDays(d.issueDate, -6);
  const when = () => shortDate(randomDate(rand, lo, hi), pad);
  const p = provinceWords(d);
  const own = gt.documents.find((o) => o.kind === 'programme' && o.province.code === d.province.code && o.issueDate <= d.issueDate && o.issueDate >= '2023-01-01');
  const ownProgramme = own
    ? `${own.typeName === 'KẾ HOẠCH PHỐI HỢP' ? 'Kế hoạch phối hợp' : 'Chương trình phối hợp'} số ${own.docNumber} ngày ${shortDate(own.issueDate, pad)} giữa Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${p.phrase}`
    : null;
  const localPlans = rand.shuffle([
    `Ủy ban nhân dân ${p.unit} đã ban hành Kế hoạch số ${rand.int(12, 480)}/KH-UBND ngày ${when()} về triển khai thực hiện ${NTP} năm 2023`,
    `Sở Lao động - Thương binh và Xã hội đã ban hành Công văn số ${rand.int(200, 3900)}/SLĐTBXH-BTXH ngày ${when()} hướng dẫn các huyện, thị xã, thành phố triển khai các nội dung phối hợp`,
    `Ban Thường trực Ủy ban MTTQ Việt Nam ${p.unit} ban hành Hướng dẫn số ${rand.int(3, 95)}/HD-MTTQ-BTT ngày ${when()} về việc phối hợp tổ chức thực hiện Chương trình phối hợp ở cơ sở`,
    `Ủy ban nhân dân ${p.unit} ban hành Quyết định số ${rand.int(100, 2900)}/QĐ-UBND ngày ${when()} giao chỉ tiêu giảm nghèo năm 2023 cho các huyện, thị xã, thành phố`,
  ]);
  return { ownProgramme, localPlans };
}

const ASSESSMENT_POOL = [
  'Công tác phối hợp giữa Sở Lao động - Thương binh và Xã hội và Ủy ban MTTQ Việt Nam các cấp ngày càng chặt chẽ, đồng bộ; nhận thức của cán bộ, đảng viên và Nhân dân về công tác giảm nghèo bền vững được nâng lên rõ rệt.',
  'Các nguồn lực xã hội được huy động kịp thời, đúng đối tượng, góp phần cải thiện đời sống của hộ nghèo, hộ cận nghèo, nhất là ở các xã đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số và miền núi.',
  'Việc giao vốn các chương trình mục tiêu quốc gia còn chậm, hướng dẫn thực hiện một số dự án, tiểu dự án chưa đầy đủ nên ảnh hưởng đến tiến độ giải ngân.',
  'Đội ngũ cán bộ làm công tác giảm nghèo ở cấp xã thường xuyên thay đổi, kiêm nhiệm nhiều việc; một bộ phận người dân còn tư tưởng trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.',
  'Việc huy động nguồn lực xã hội ở một số nơi còn khó khăn do doanh nghiệp trên địa bàn phần lớn có quy mô nhỏ, sản xuất kinh doanh chưa phục hồi sau đại dịch COVID-19.',
  'Công tác tuyên truyền được triển khai với nhiều hình thức phong phú, phù hợp với đặc điểm từng địa bàn; thông tin về chính sách giảm nghèo đến được với người dân ở thôn, bản vùng sâu, vùng xa.',
];

const PROPOSAL_POOL = [
  `Đề nghị ${MINISTRY} sớm ban hành văn bản hướng dẫn thống nhất về chế độ báo cáo thực hiện Chương trình phối hợp để các địa phương có cơ sở triển khai.`,
  'Đề nghị Trung ương tiếp tục quan tâm bố trí kinh phí cho hoạt động truyền thông, giảm nghèo về thông tin và nâng cao năng lực cho đội ngũ cán bộ làm công tác giảm nghèo ở cơ sở.',
  'Đề nghị Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam tiếp tục hỗ trợ nguồn Quỹ “Vì người nghèo” Trung ương để địa phương xây dựng nhà Đại đoàn kết cho hộ nghèo có hoàn cảnh đặc biệt khó khăn.',
  'Đề nghị tổ chức các đoàn học tập, trao đổi kinh nghiệm về xây dựng, nhân rộng mô hình giảm nghèo hiệu quả giữa các địa phương trong vùng.',
];

const TASK_POOL = [
  'Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo bền vững; biểu dương các điển hình tiên tiến, mô hình hay, cách làm sáng tạo.',
  'Phối hợp rà soát, đánh giá thực trạng hộ nghèo, hộ cận nghèo; thực hiện đầy đủ, kịp thời các chính sách hỗ trợ đối với người nghèo, người có hoàn cảnh khó khăn.',
  'Tăng cường kiểm tra, giám sát việc thực hiện các dự án, tiểu dự án thuộc Chương trình tại cơ sở, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.',
  'Đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” gắn với phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
  'Chuẩn bị tốt các điều kiện tổ chức sơ kết giữa kỳ thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 trên địa bàn.',
];

/** Optional blocks carry a level; a document keeps those at or below its verbosity. */
type Leveled = Block & { opt?: number };

function keepLevel(blocks: Leveled[], extra: number): Block[] {
  return blocks.filter((b) => b.opt === undefined || b.opt <= extra).map(({ opt: _opt, ...b }) => b as Block);
}

function reportContent(d: GroundTruthDocument, gt: GroundTruth, style: Style, extra: number): Content {
  const rand = new Rand('content', d.id);
  const optional = new Rand('optional', d.id);
  const nums = new Numbers(new Rand('numbers', d.id), style);
  const p = provinceWords(d);
  const period = d.reportingPeriod!.label;
  const pad = style.padDates;
  const inds = d.indicators ?? {};
  const keys = Object.keys(inds);
  const proseKeys = new Set(keys.filter((k) => inds[k].placement !== 'table'));
  const tableKeys = keys.filter((k) => inds[k].placement !== 'prose');
  const cites = citedDocuments(d, rand, gt, pad);
  const body: Leveled[] = [];

  const cv329 = `Công văn số ${CV_329.number} ngày ${shortDate(CV_329.date, pad)} của Văn phòng Quốc gia về giảm nghèo (${MINISTRY})`;
  const prog109 = `Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa ${MINISTRY} và Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về thực hiện ${NTP}`;
  if (rand.chance(0.5)) {
    body.push({ t: 'para', text: `Căn cứ ${prog109};` });
    if (cites.ownProgramme) body.push({ t: 'para', text: `Căn cứ ${cites.ownProgramme};`, opt: 1 });
    body.push({ t: 'para', text: `Thực hiện ${cv329} về việc báo cáo kết quả thực hiện Chương trình phối hợp, Sở Lao động - Thương binh và Xã hội ${p.phrase} báo cáo kết quả ${period} như sau:` });
  } else {
    body.push({
      t: 'para',
      text: `Thực hiện ${cv329} đề nghị báo cáo kết quả 06 tháng triển khai thực hiện ${prog109}${cites.ownProgramme ? ` và ${cites.ownProgramme}` : ''}, Sở Lao động - Thương binh và Xã hội ${p.phrase} báo cáo kết quả thực hiện ${period} cụ thể như sau:`,
    });
  }

  body.push({ t: 'heading', text: rand.pick(['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', 'I. CÔNG TÁC TRIỂN KHAI THỰC HIỆN']) });
  for (const [i, c] of cites.localPlans.entries()) {
    body.push({ t: 'para', text: `${i === 0 ? 'Ngay sau khi Chương trình phối hợp được ký kết, ' : ''}${c}.`, opt: i === 0 ? undefined : i + 1 });
  }

  body.push({ t: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP' });
  const sections: [string, string, string][] = [
    ['1. Công tác thông tin, tuyên truyền', 'Sở Lao động - Thương binh và Xã hội phối hợp với Ủy ban MTTQ Việt Nam và các cơ quan báo chí trên địa bàn đã', 'Các hoạt động tuyên truyền được lồng ghép trong các hội nghị, buổi sinh hoạt khu dân cư, trên hệ thống truyền thanh cơ sở và trang thông tin điện tử của các sở, ngành.'],
    ['2. Huy động nguồn lực hỗ trợ người nghèo, hộ nghèo', `Trong ${period}, Ủy ban MTTQ Việt Nam các cấp đã`, 'Các cấp Mặt trận đã chủ động phối hợp với ngành Lao động - Thương binh và Xã hội rà soát, lựa chọn đối tượng thụ hưởng bảo đảm công khai, minh bạch.'],
    ['3. Xây dựng, nhân rộng mô hình giảm nghèo', 'Thực hiện Dự án 2 “Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo”, các địa phương đã', 'Các địa phương đang tiến hành khảo sát, lựa chọn mô hình phù hợp với điều kiện thực tế để triển khai trong những tháng cuối năm.'],
    ['4. Công tác kiểm tra, giám sát', 'Các cấp, các ngành đã', 'Công tác kiểm tra, giám sát được lồng ghép với việc giám sát thực hiện các chương trình mục tiêu quốc gia và các chính sách an sinh xã hội trên địa bàn.'],
    ['5. Công tác sơ kết, biểu dương, khen thưởng', 'Ủy ban nhân dân các cấp đã', 'Các địa phương đang chuẩn bị các điều kiện để tổ chức sơ kết giữa kỳ và biểu dương các điển hình tiên tiến trong công tác giảm nghèo.'],
  ];
  // Numbers that are no indicator: percentages, places, funding, cited decisions.
  const distractors: string[] = [
    `Hoạt động tuyên truyền tập trung tại ${nums.count(rand.int(2, 9))} huyện nghèo và ${rand.int(11, 68)} xã đặc biệt khó khăn; tỷ lệ người dân được tiếp cận thông tin về chính sách giảm nghèo đạt khoảng ${rand.int(70, 96)}%.`,
    `Tỷ lệ hộ nghèo toàn ${p.unit} theo chuẩn nghèo đa chiều giai đoạn 2022-2025 ước giảm còn ${rand.int(1, 24)},${rand.int(10, 99)}%, giảm ${rand.int(1, 4)},${rand.int(10, 99)}% so với cuối năm 2022.`,
    `Tổng kinh phí thực hiện các dự án là ${groupThousands(rand.int(800, 24000))} triệu đồng, trong đó ngân sách trung ương chiếm khoảng ${rand.int(60, 90)}%.`,
    `Qua kiểm tra tại ${rand.int(3, 40)} xã, ${nums.count(rand.int(2, 8))} huyện, các đoàn đã kịp thời hướng dẫn, chấn chỉnh những tồn tại trong công tác rà soát hộ nghèo, hộ cận nghèo.`,
    `Thực hiện Quyết định số 666/QĐ-TTg ngày 02/6/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân ${p.unit} đã phát động Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025.`,
  ];
  sections.forEach(([heading, lead, fallback], i) => {
    const s = i + 1;
    body.push({ t: 'heading', text: heading, italic: rand.chance(0.4) });
    const prose = sectionProse(s, inds, proseKeys, nums, rand, lead);
    if (prose.length) body.push(...prose);
    else body.push({ t: 'para', text: fallback });
    body.push({ t: 'para', text: distractors[i], opt: optional.int(0, 3) });
  });

  let appendix: Block[] = [];
  if (tableKeys.length) {
    if (style.tableAtEnd) {
      const own = `${d.docType ? 'Báo cáo' : 'Công văn'} số ${d.docNumber} ngày ${shortDate(d.issueDate, pad)} của Sở Lao động - Thương binh và Xã hội ${p.phrase}`;
      appendix = [summaryTable(d, tableKeys, rand, ['PHỤ LỤC', 'BIỂU TỔNG HỢP MỘT SỐ CHỈ TIÊU CHỦ YẾU', `(Kèm theo ${own})`])];
    } else {
      body.push({ t: 'para', text: rand.pick(['Kết quả thực hiện một số chỉ tiêu chủ yếu như sau:', 'Một số chỉ tiêu cụ thể (chi tiết tại biểu dưới đây):', 'Kết quả cụ thể một số chỉ tiêu như sau:']) });
      body.push(summaryTable(d, tableKeys, rand, []));
    }
  }

  body.push({ t: 'heading', text: 'III. ĐÁNH GIÁ CHUNG' });
  for (const [i, text] of optional.shuffle(ASSESSMENT_POOL).entries()) body.push({ t: 'para', text, opt: i === 0 ? undefined : i + 1 });
  const tasksHeading = `IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${rand.pick(['6 THÁNG CUỐI NĂM 2023', 'THỜI GIAN TỚI'])}`;
  const withTasks = extra >= 1;
  if (withTasks) {
    body.push({ t: 'heading', text: tasksHeading });
    for (const [i, t] of optional.shuffle(TASK_POOL).entries()) body.push({ t: 'para', text: `${i + 1}. ${t}`, opt: i < 2 ? undefined : i + 1 });
  }
  body.push({ t: 'heading', text: `${withTasks ? 'V' : 'IV'}. ĐỀ XUẤT, KIẾN NGHỊ` });
  for (const [i, text] of optional.shuffle(PROPOSAL_POOL).entries()) body.push({ t: 'para', text, opt: i === 0 ? undefined : 2 * i });
  body.push({
    t: 'para',
    text: `Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp ${period} của Sở Lao động - Thương binh và Xã hội ${p.phrase}, kính báo cáo ${MINISTRY} (Văn phòng Quốc gia về giảm nghèo) tổng hợp, theo dõi./.`,
  });

  const recipients = [
    rand.pick([`- Bộ LĐTBXH (b/c);`, `- Bộ Lao động - TB&XH (b/c);`]),
    '- Văn phòng Quốc gia về giảm nghèo;',
    `- UBND ${p.unit} (b/c);`,
    ...(rand.chance(0.6) ? [`- Ban TT UBMTTQ ${p.unit};`] : []),
    ...(rand.chance(0.5) ? ['- Giám đốc, các PGĐ Sở;'] : []),
    `- Lưu: VT, ${rand.pick(['BTXH', 'BTXH&PCTN', 'GN', 'BTXH-TE'])}.`,
  ];
  return {
    salutation: d.form === 'cong-van' ? `${MINISTRY} (Văn phòng Quốc gia về giảm nghèo)` : null,
    body: keepLevel(body, extra), appendix, recipients,
  };
}

function programmeContent(d: GroundTruthDocument, style: Style, extra: number): Content {
  const rand = new Rand('content', d.id);
  const optional = new Rand('optional', d.id);
  const p = provinceWords(d);
  const pad = style.padDates;
  const body: Leveled[] = [];
  const old = d.issueDate < '2022-01-18';
  if (old) {
    body.push({ t: 'para', text: 'Căn cứ Nghị quyết số 76/2014/QH13 ngày 24/6/2014 của Quốc hội về đẩy mạnh thực hiện mục tiêu giảm nghèo bền vững đến năm 2020;' });
    body.push({ t: 'para', text: 'Căn cứ Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN ngày 15/6/2017 quy định chi tiết các hình thức giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam;' });
  } else {
    body.push({ t: 'para', text: `Căn cứ Quyết định số ${QD_90.number} ngày ${shortDate(QD_90.date, pad)} của Thủ tướng Chính phủ phê duyệt ${NTP};` });
    if (d.issueDate >= '2023-01-11') {
      body.push({ t: 'para', text: `Căn cứ Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa ${MINISTRY} và Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về thực hiện ${NTP};` });
    }
    if (rand.chance(0.5)) {
      body.push({ opt: 0, t: 'para', text: `Căn cứ Kế hoạch số ${rand.int(15, 420)}/KH-UBND ngày ${shortDate(randomDate(rand, addDays(d.issueDate, -300), addDays(d.issueDate, -10)), pad)} của Ủy ban nhân dân ${p.unit} về thực hiện ${NTP} trên địa bàn;` });
    }
  }
  const parties = d.issuers.length > 1
    ? 'Sở Lao động - Thương binh và Xã hội và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam'
    : 'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam';
  const partiesHere = d.issuers.some((b) => b.name.join(' ').startsWith('ỦY BAN NHÂN DÂN'))
    ? 'Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam' : parties;
  const kindWord = d.typeName === 'KẾ HOẠCH PHỐI HỢP' ? 'Kế hoạch phối hợp' : 'Chương trình phối hợp';
  body.push({ t: 'para', text: `${partiesHere} ${p.phrase} thống nhất ban hành ${kindWord} ${old ? 'thực hiện công tác giảm nghèo bền vững' : `thực hiện ${NTP}`} với các nội dung sau:` });

  body.push({ t: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' });
  body.push({ t: 'heading', text: '1. Mục đích', italic: true });
  body.push({ t: 'para', text: `Phát huy vai trò, trách nhiệm của mỗi bên trong việc tuyên truyền, vận động, huy động nguồn lực và giám sát việc thực hiện chính sách giảm nghèo; góp phần thực hiện thắng lợi mục tiêu giảm nghèo bền vững trên địa bàn ${p.phrase}.` });
  body.push({ opt: optional.int(0, 1), t: 'para', text: 'Nâng cao nhận thức, trách nhiệm của các cấp, các ngành, cộng đồng và người dân, khơi dậy ý chí tự lực, tự cường vươn lên thoát nghèo của hộ nghèo, hộ cận nghèo.' });
  body.push({ t: 'heading', text: '2. Yêu cầu', italic: true });
  body.push({ t: 'para', text: 'Việc phối hợp phải bảo đảm thường xuyên, chặt chẽ, hiệu quả, đúng chức năng, nhiệm vụ, quyền hạn của mỗi bên; không làm ảnh hưởng đến hoạt động chuyên môn của từng cơ quan.' });
  body.push({ opt: 2, t: 'para', text: 'Định kỳ trao đổi thông tin, đánh giá kết quả phối hợp; kịp thời đề xuất tháo gỡ những khó khăn, vướng mắc phát sinh trong quá trình thực hiện.' });

  body.push({ t: 'heading', text: 'II. NỘI DUNG PHỐI HỢP' });
  const items: [string, string[]][] = [
    ['1. Tuyên truyền các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo', [
      'a) Phối hợp tuyên truyền sâu rộng các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo bền vững trên các phương tiện thông tin đại chúng, hệ thống truyền thanh cơ sở và mạng xã hội.',
      'b) Phát hiện, biểu dương các tập thể, cá nhân, mô hình, cách làm hay trong công tác giảm nghèo; nhân rộng các gương hộ nghèo vươn lên thoát nghèo.',
    ]],
    ['2. Huy động nguồn lực hỗ trợ người nghèo, hộ nghèo', [
      'a) Ủy ban MTTQ Việt Nam các cấp chủ trì vận động Quỹ “Vì người nghèo”, tổ chức Tháng cao điểm “Vì người nghèo” hằng năm từ ngày 17/10 đến ngày 18/11.',
      'b) Ngành Lao động - Thương binh và Xã hội cung cấp danh sách hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn về nhà ở để làm cơ sở hỗ trợ xây dựng, sửa chữa nhà Đại đoàn kết.',
    ]],
    ['3. Triển khai xây dựng, nhân rộng các mô hình giảm nghèo', [
      'Phối hợp lựa chọn, xây dựng các mô hình, dự án hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế phù hợp với điều kiện của từng địa bàn; tổ chức tham quan, học tập kinh nghiệm.',
    ]],
    ['4. Kiểm tra, giám sát việc thực hiện Chương trình', [
      'Hằng năm xây dựng kế hoạch và tổ chức kiểm tra, giám sát việc thực hiện chính sách giảm nghèo, công tác rà soát hộ nghèo, hộ cận nghèo tại cơ sở; tiếp nhận, giải quyết kiến nghị của người dân.',
    ]],
    ['5. Sơ kết, tổng kết, biểu dương, khen thưởng', [
      `Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày ${rand.pick(['15/12', '10/12', '20/11'])}) hai bên tổ chức đánh giá kết quả thực hiện ${kindWord}; sơ kết giữa kỳ vào năm 2023 và tổng kết vào năm 2025.`,
    ]],
  ];
  items.forEach(([h, paras], i) => {
    body.push({ t: 'heading', text: h, italic: rand.chance(0.3) });
    for (const [j, t] of paras.entries()) body.push({ t: 'para', text: t, opt: j === 0 ? undefined : i < 2 ? 0 : 1 });
  });
  body.push({ opt: 2, t: 'para', text: `Tổ chức ${rand.pick(['02', '03', '04'])} hội nghị tập huấn cho cán bộ Mặt trận và cán bộ làm công tác giảm nghèo cấp huyện, cấp xã về nội dung của ${NTP}.` });

  body.push({ t: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' });
  body.push({ t: 'para', text: `1. Giao Phòng Bảo trợ xã hội${rand.chance(0.5) ? ' và Phòng chống tệ nạn xã hội' : ''} (Sở Lao động - Thương binh và Xã hội) và Ban Dân chủ - Pháp luật (Ủy ban MTTQ Việt Nam ${p.unit}) là đầu mối tham mưu triển khai thực hiện ${kindWord} này.` });
  body.push({ opt: 0, t: 'para', text: `2. Kinh phí thực hiện ${kindWord} được bố trí từ nguồn kinh phí hoạt động thường xuyên của mỗi cơ quan và các nguồn hợp pháp khác theo quy định.` });
  body.push({ opt: 1, t: 'para', text: '3. Ủy ban MTTQ Việt Nam cấp huyện và Phòng Lao động - Thương binh và Xã hội cấp huyện căn cứ nội dung này xây dựng chương trình phối hợp cụ thể tại địa phương.' });
  body.push({ t: 'para', text: `${kindWord} có hiệu lực kể từ ngày ký. Trong quá trình thực hiện, nếu có vướng mắc, hai bên trao đổi, thống nhất điều chỉnh, bổ sung cho phù hợp./.` });

  const recipients = [
    ...(old ? [] : ['- Bộ Lao động - TB&XH (b/c);', '- Ban TT UBTW MTTQ Việt Nam (b/c);']),
    `- Thường trực ${p.unit === 'tỉnh' ? 'Tỉnh' : 'Thành'} ủy, HĐND, UBND ${p.unit} (b/c);`,
    '- UBMTTQ, Phòng LĐTBXH các huyện;',
    '- Lưu: VT mỗi bên.',
  ];
  return { salutation: d.form === 'cong-van' ? `Ủy ban nhân dân các huyện, thị xã, thành phố` : null, body: keepLevel(body, extra), appendix: [], recipients };
}

// ---------------------------------------------------------------------------------------
// Rendering

export interface ManifestIndicator { placement: 'prose' | 'table' | 'both'; prosePages: number[]; tablePages: number[] }

export interface ManifestDocument {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  pages: number;
  /** exactly as printed: the number line may carry a stray space ("Số: 280 /BC-SLĐTBXH") */
  printedNumberLine: string;
  printedDateLine: string;
  layout: { family: Family; bodySize: number; margins: Style['margins']; header: string; tablePosition: 'inline' | 'appendix' | 'none'; verbosity: number };
  indicators: Record<string, ManifestIndicator>;
}

class Renderer {
  readonly doc: Doc;
  page = 1;
  readonly L: number;
  readonly W: number;
  readonly maxY: number;
  readonly prosePages = new Map<string, Set<number>>();
  readonly tablePages = new Map<string, Set<number>>();

  constructor(readonly d: GroundTruthDocument, readonly s: Style) {
    const [y, m, day] = isoParts(d.issueDate);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: s.margins,
      bufferPages: true,
      compress: true,
      lang: 'vi-VN',
      info: {
        // fixed dates: pdfkit hashes the info dictionary into the file ID
        CreationDate: new Date(Date.UTC(y, m - 1, day, 1, 30, 0)),
        ModDate: new Date(Date.UTC(y, m - 1, day, 1, 30, 0)),
        Title: `${d.typeName ?? 'Công văn'} ${d.docNumber}`,
        Author: d.issuerLines[d.issuerLines.length - 1],
        Creator: 'tonghop fixtures',
        Producer: 'tonghop fixtures (pdfkit)',
      },
    });
    registerFonts(this.doc, s.family);
    this.doc.on('pageAdded', () => { this.page += 1; });
    this.L = s.margins.left;
    this.W = this.doc.page.width - s.margins.left - s.margins.right;
    this.maxY = this.doc.page.height - s.margins.bottom;
  }

  /** One line, centred in [x, x+w], shrunk until it fits; returns the next y. */
  line(text: string, font: string, size: number, x: number, y: number, w: number, align: 'center' | 'left' | 'right' = 'center'): { y: number; width: number } {
    const doc = this.doc;
    let sz = size;
    doc.font(font).fontSize(sz);
    while (sz > 7 && doc.widthOfString(text) > w) {
      sz -= 0.25;
      doc.fontSize(sz);
    }
    const tw = doc.widthOfString(text);
    const tx = align === 'center' ? x + (w - tw) / 2 : align === 'right' ? x + w - tw : x;
    doc.text(text, tx, y, { lineBreak: false });
    return { y: y + doc.currentLineHeight(true) + 1, width: tw };
  }

  rule(cx: number, y: number, width: number): void {
    this.doc.moveTo(cx - width / 2, y).lineTo(cx + width / 2, y).lineWidth(0.6).stroke();
  }

  issuerBlock(block: GroundTruthDocument['issuers'][number], x: number, y: number, w: number, withRule: boolean): number {
    const hs = this.s.header;
    let yy = y;
    if (block.parent) yy = this.line(block.parent, R, hs, x, yy, w).y;
    let last = 0;
    for (const n of block.name) {
      const r = this.line(n, B, hs, x, yy, w);
      yy = r.y;
      last = r.width;
    }
    if (withRule) {
      this.rule(x + w / 2, yy + 1, Math.max(40, last * 0.4));
      yy += 5;
    }
    return yy;
  }

  numberLine(): string {
    const n = this.d.docNumber;
    const printed = this.s.numberSpaced ? n.replace('/', ' /') : n;
    return `Số: ${printed}`;
  }

  /** Quốc hiệu and Tiêu ngữ centred in [x, x+w]; returns the y under the rule. */
  nationalMotto(x: number, y: number, w: number): number {
    const hs = this.s.header;
    let yy = this.line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', B, hs, x, y, w).y;
    const r = this.line('Độc lập - Tự do - Hạnh phúc', B, hs + 1, x, yy, w);
    this.rule(x + w / 2, r.y + 1, r.width);
    yy = r.y + 6;
    return yy;
  }

  header(): { numberLine: string; dateLine: string; variant: string } {
    const { d, s, L, W } = this;
    const top = s.margins.top;
    const numberLine = this.numberLine();
    const dl = dateLine(d.place, d.issueDate, s.padMonths);
    let y: number;
    let variant: string;
    if (d.issuers.length > 1 && s.jointHeader === 'side-by-side') {
      variant = 'joint-side-by-side';
      const half = W / 2;
      const yl = this.issuerBlock(d.issuers[0], L, top, half - 6, true);
      const yr = this.issuerBlock(d.issuers[1], L + half + 6, top, half - 6, true);
      let yy = Math.max(yl, yr) + 4;
      yy = this.line(numberLine, R, s.header + 0.5, L, yy, half - 6).y + 8;
      yy = this.nationalMotto(L, yy, W);
      y = this.line(dl, I, s.header + 1, L + W * 0.35, yy + 2, W * 0.65, 'center').y;
    } else {
      variant = d.issuers.length > 1 ? 'joint-stacked' : 'single';
      // The left column grows (to half the width) rather than shrink an issuer line below 10 pt.
      this.doc.font(B).fontSize(Math.min(s.header, 11));
      const widest = Math.max(...d.issuerLines.map((l) => this.doc.widthOfString(l)));
      const lw = Math.min(W * 0.5, Math.max(W * s.leftColFrac, widest + 10));
      const rx = L + lw;
      const rw = W - lw;
      let yl = top;
      d.issuers.forEach((b, i) => { yl = this.issuerBlock(b, L, yl, lw - 4, i === d.issuers.length - 1) + (i < d.issuers.length - 1 ? 3 : 0); });
      const yr = this.nationalMotto(rx + 4, top, rw - 4);
      const yn = Math.max(yl, yr) + 4;
      let yAfterNumber = this.line(numberLine, R, s.header + 0.5, L, yn, lw - 4).y;
      if (d.form === 'cong-van') {
        this.doc.font(R).fontSize(s.header - 0.5);
        this.doc.text(`V/v ${d.title}`, L + 6, yAfterNumber + 1, { width: lw - 16, align: 'center', lineGap: 0 });
        yAfterNumber = this.doc.y;
      }
      const yd = this.line(dl, I, s.header + 1, rx, yn, rw).y;
      y = Math.max(yAfterNumber, yd);
    }
    this.doc.y = y;
    return { numberLine, dateLine: dl, variant };
  }

  titleBlock(salutation: string | null): void {
    const { d, s, L, W, doc } = this;
    let y = doc.y + 16 + (s.body - 12) * 2;
    if (d.typeName) {
      y = this.line(d.typeName, B, 14, L, y, W).y + 1;
      const tw = W * 0.82;
      doc.font(B).fontSize(s.body + 0.5);
      doc.text(d.title, L + (W - tw) / 2, y, { width: tw, align: 'center', lineGap: 1 });
      y = doc.y;
      if (s.titleRule) { this.rule(L + W / 2, y + 3, W * 0.22); y += 6; }
      y += 10;
    } else {
      y += 4;
    }
    if (salutation) {
      doc.font(I).fontSize(s.body);
      const lead = 'Kính gửi: ';
      const lw = doc.widthOfString(lead);
      doc.font(R).fontSize(s.body);
      const sw = Math.min(doc.widthOfString(salutation), W * 0.7);
      const x0 = L + (W - lw - sw) / 2;
      doc.font(I).text(lead, x0, y, { lineBreak: false });
      doc.font(R).text(salutation, x0 + lw, y, { width: W * 0.7 + 2, align: 'left' });
      y = doc.y + 10;
    }
    doc.x = L;
    doc.y = y;
  }

  ensure(space: number): void {
    if (this.doc.y + space > this.maxY) this.doc.addPage();
  }

  blocks(blocks: Block[]): void {
    const { doc, s, L, W } = this;
    for (const b of blocks) {
      if (b.t === 'heading') {
        this.ensure(3.2 * (s.body + s.lineGap + 4));
        doc.font(b.italic ? BI : B).fontSize(s.body);
        doc.text(b.text, L + (b.centred ? 0 : s.indent), doc.y, { width: W - (b.centred ? 0 : s.indent), align: b.centred ? 'center' : 'left', lineGap: s.lineGap, paragraphGap: s.paraGap });
      } else if (b.t === 'para') {
        this.ensure(1.5 * (s.body + s.lineGap + 4));
        const first = this.page;
        doc.font(b.italic ? I : R).fontSize(s.body);
        doc.text(b.text, L, doc.y, { width: W, align: s.align, indent: b.noIndent ? 0 : s.indent, lineGap: s.lineGap, paragraphGap: s.paraGap });
        for (const k of b.keys ?? []) {
          const set = this.prosePages.get(k) ?? new Set<number>();
          for (let p = first; p <= this.page; p++) set.add(p);
          this.prosePages.set(k, set);
        }
      } else {
        this.table(b);
      }
    }
  }

  table(t: Extract<Block, { t: 'table' }>): void {
    const { doc, s, L, W } = this;
    if (t.caption.length) {
      this.ensure(140);
      t.caption.forEach((c, i) => {
        const italic = c.startsWith('(');
        doc.font(italic ? I : B).fontSize(italic ? s.table + 0.5 : s.body);
        doc.text(c, L, doc.y, { width: W, align: 'center' });
        if (i === t.caption.length - 1) doc.moveDown(0.6);
      });
    }
    const fr = [0.07, 0.43, 0.16, 0.16, 0.18];
    const cw = fr.map((f) => f * W);
    const cx = cw.map((_, i) => L + cw.slice(0, i).reduce((a, b) => a + b, 0));
    const pad = 3;
    const fs = s.table;
    const heightOf = (cells: string[], bold: boolean, merged: boolean): number => {
      doc.font(bold ? B : R).fontSize(fs);
      const hs = merged
        ? [doc.heightOfString(cells[1], { width: W - cw[0] - 2 * pad })]
        : cells.map((c, i) => doc.heightOfString(c || ' ', { width: cw[i] - 2 * pad }));
      return Math.max(...hs) + 2 * pad;
    };
    const drawRow = (cells: string[], y: number, h: number, opts: { bold?: boolean; merged?: boolean; header?: boolean }) => {
      doc.lineWidth(0.5);
      if (opts.header && s.tableHeaderFill) doc.rect(L, y, W, h).fillColor('#e6e6e6').fill().fillColor('black');
      if (opts.merged) {
        doc.rect(cx[0], y, cw[0], h).stroke();
        doc.rect(cx[1], y, W - cw[0], h).stroke();
      } else {
        for (const [i, w] of cw.entries()) doc.rect(cx[i], y, w, h).stroke();
      }
      doc.font(opts.bold ? B : R).fontSize(fs);
      cells.forEach((c, i) => {
        if (!c || (opts.merged && i > 1)) return;
        const w = opts.merged && i === 1 ? W - cw[0] : cw[i];
        const align = opts.header || i === 0 || i === 2 ? 'center' : i >= 3 ? 'right' : 'left';
        doc.text(c, cx[i] + pad, y + pad, { width: w - 2 * pad, align });
      });
    };
    const hh = heightOf(t.header, true, false);
    this.ensure(hh + 40);
    let y = doc.y;
    drawRow(t.header, y, hh, { bold: true, header: true });
    y += hh;
    for (const r of t.rows) {
      const h = heightOf(r.cells, !!r.group, !!r.group);
      if (y + h > this.maxY) {
        doc.addPage();
        y = doc.y;
        drawRow(t.header, y, hh, { bold: true, header: true });
        y += hh;
      }
      drawRow(r.cells, y, h, { bold: r.group, merged: r.group });
      if (r.key) {
        const set = this.tablePages.get(r.key) ?? new Set<number>();
        set.add(this.page);
        this.tablePages.set(r.key, set);
      }
      y += h;
    }
    doc.x = L;
    doc.y = y + s.paraGap + 6;
  }

  /** Title lines, room to sign, the name; names of side-by-side signers share a baseline. */
  signatureBlock(signer: GroundTruthDocument['signers'][number], x: number, y: number, w: number, lines: number): number {
    let yy = y;
    for (const l of signer.lines) yy = this.line(l, B, this.s.header + 0.5, x, yy, w).y;
    const lh = yy > y ? (yy - y) / signer.lines.length : 16;
    yy = y + lines * lh + 58;
    return this.line(signer.name, B, this.s.header + 1, x, yy, w).y;
  }

  recipients(lines: string[], x: number, y: number, w: number): number {
    const { doc } = this;
    doc.font(BI).fontSize(11.5).text('Nơi nhận:', x, y, { width: w });
    doc.font(R).fontSize(10.5);
    for (const l of lines) doc.text(l, x, doc.y, { width: w, lineGap: 0.5 });
    return doc.y;
  }

  closing(c: Content): void {
    const { d, doc, L, W } = this;
    const signers = d.signers;
    const sigHeight = (Math.max(...signers.map((s) => s.lines.length)) + 1) * 17 + 62;
    const recHeight = 16 + c.recipients.length * 14;
    const need = signers.length > 1 ? sigHeight + recHeight + 10 : Math.max(sigHeight, recHeight) + 10;
    this.ensure(need);
    const y = doc.y + 4;
    if (signers.length > 1) {
      const half = W / 2;
      const lines = Math.max(...signers.map((g) => g.lines.length));
      const y1 = this.signatureBlock(signers[1], L, y, half - 8, lines);
      const y2 = this.signatureBlock(signers[0], L + half + 8, y, half - 8, lines);
      doc.y = Math.max(y1, y2) + 12;
      this.recipients(c.recipients, L, doc.y, W * 0.55);
    } else {
      const yr = this.recipients(c.recipients, L, y, W * 0.48);
      const ys = this.signatureBlock(signers[0], L + W * 0.48, y, W * 0.52, signers[0].lines.length);
      doc.y = Math.max(yr, ys);
    }
    doc.x = L;
  }

  /** Page numbers, top centre, from page 2 (Nghị định 30). */
  pageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.line(String(i + 1), R, 12, this.L, this.s.margins.top / 2 - 6, this.W);
    }
  }

  async finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}

interface Rendered { bytes: Buffer; lastPageFill: number; manifest: Omit<ManifestDocument, 'file' | 'sha256' | 'bytes'> }

async function renderOnce(d: GroundTruthDocument, gt: GroundTruth, extra: number): Promise<Rendered> {
  const base = styleFor(d);
  // Below level 0 the content is minimal already: tighten spacing, then the type size.
  const style: Style = extra >= 0 ? base : {
    ...base,
    lineGap: Math.min(base.lineGap, 1),
    paraGap: Math.min(base.paraGap, 3),
    ...(extra < -1 ? { body: 12.5, table: 10.5, header: 11.5 } : {}),
  };
  const content = d.kind === 'report' ? reportContent(d, gt, style, extra) : programmeContent(d, style, extra);
  const r = new Renderer(d, style);
  const h = r.header();
  r.titleBlock(content.salutation);
  r.blocks(content.body);
  r.closing(content);
  const lastPageFill = (r.doc.y - style.margins.top) / (r.maxY - style.margins.top);
  if (content.appendix.length) {
    r.doc.addPage();
    r.blocks(content.appendix);
  }
  const pages = r.page;
  r.pageNumbers();
  const bytes = await r.finish();
  const indicators: Record<string, ManifestIndicator> = {};
  for (const [k, v] of Object.entries(d.indicators ?? {})) {
    indicators[k] = {
      placement: v.placement,
      prosePages: [...(r.prosePages.get(k) ?? [])].sort((a, b) => a - b),
      tablePages: [...(r.tablePages.get(k) ?? [])].sort((a, b) => a - b),
    };
  }
  const hasTable = Object.values(d.indicators ?? {}).some((v) => v.placement !== 'prose');
  return {
    bytes,
    lastPageFill: content.appendix.length ? 1 : lastPageFill,
    manifest: {
      id: d.id, pages,
      printedNumberLine: h.numberLine, printedDateLine: h.dateLine,
      layout: {
        family: style.family, bodySize: style.body, margins: style.margins, header: h.variant,
        tablePosition: !hasTable ? 'none' : style.tableAtEnd ? 'appendix' : 'inline',
        verbosity: extra,
      },
      indicators,
    },
  };
}

export const renderStats = { retries: 0 };

/** Renders one document, adding or dropping optional paragraphs until it runs 2–3 pages. */
export async function renderDocument(d: GroundTruthDocument, gt: GroundTruth): Promise<Rendered> {
  // A first guess from the content's size saves most re-renders.
  const tableRows = Object.values(d.indicators ?? {}).filter((v) => v.placement !== 'prose').length;
  let extra = d.kind === 'programme' ? new Rand('verbosity', d.id).int(-1, 1) : styleFor(d).tableAtEnd ? -1 : tableRows > 10 ? 0 : 1;
  let r = await renderOnce(d, gt, extra);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (r.manifest.pages < 2 && extra < 4) extra += 1;
    else if (r.manifest.pages > 3 && extra > -2) extra -= 1;
    else break;
    r = await renderOnce(d, gt, extra);
    renderStats.retries += 1;
  }
  // A third page holding only the signature: try the shorter text, keep it if it fits on two.
  if (r.manifest.pages === 3 && r.lastPageFill < 0.3 && extra > -1) {
    const shorter = await renderOnce(d, gt, extra - 1);
    renderStats.retries += 1;
    if (shorter.manifest.pages === 2) return shorter;
  }
  return r;
}

export interface FixtureManifest {
  version: 1;
  groundTruthSha256: string;
  documents: ManifestDocument[];
}

/** Writes one PDF per ground-truth document, plus manifest.json; returns the PDF paths. */
export async function generateFixtures(outDir: string = DEFAULT_OUT_DIR, groundTruthFile?: string): Promise<string[]> {
  const gt = loadGroundTruth(groundTruthFile);
  loadCatalogue(); // fail early if the catalogue the ground truth was built from is unreadable
  mkdirSync(outDir, { recursive: true });
  const wanted = new Set(gt.documents.map((d) => `${d.id}.pdf`));
  for (const f of readdirSync(outDir)) if (f.endsWith('.pdf') && !wanted.has(f)) rmSync(path.join(outDir, f));
  const written: string[] = [];
  const docs: ManifestDocument[] = [];
  for (const d of gt.documents) {
    const { bytes, manifest } = await renderDocument(d, gt);
    const file = `${d.id}.pdf`;
    const out = path.join(outDir, file);
    writeFileSync(out, bytes);
    written.push(out);
    docs.push({ ...manifest, file, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length } as ManifestDocument);
  }
  const gtText = readFileSync(groundTruthFile ?? path.join(ROOT, 'fixtures', 'ground-truth.json'));
  const manifest: FixtureManifest = {
    version: 1,
    groundTruthSha256: createHash('sha256').update(gtText).digest('hex'),
    documents: docs.map((m) => ({
      id: m.id, file: m.file, sha256: m.sha256, bytes: m.bytes, pages: m.pages,
      printedNumberLine: m.printedNumberLine, printedDateLine: m.printedDateLine, layout: m.layout, indicators: m.indicators,
    })),
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return written;
}
