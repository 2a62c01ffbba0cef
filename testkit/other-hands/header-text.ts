// The header's words as other offices print them: issuer lines, the "Số" line, the place-
// and-date line, and the type name with the title. Pure functions of (document, layout, rand).
import type { GroundTruthDocument, Rand } from '../generator/ground-truth.js';
import type { Layout } from './params.js';

type IssuerBlock = GroundTruthDocument['issuers'][number];
export type IssuerKind = 'so' | 'mttq' | 'ubnd';

const CITY: Record<string, string> = { 'Hà Nội': 'Hà Nội', 'Hải Phòng': 'Hải Phòng', 'Đà Nẵng': 'Đà Nẵng', 'Cần Thơ': 'Cần Thơ', 'TP Hồ Chí Minh': 'Hồ Chí Minh' };

/** "tỉnh Hà Giang" / "thành phố Hà Nội" */
export function provincePhrase(d: GroundTruthDocument): string {
  const city = CITY[d.province.name];
  return city ? `thành phố ${city}` : `tỉnh ${d.province.name}`;
}

export const upper = (s: string): string => s.toLocaleUpperCase('vi');

export function issuerKind(b: IssuerBlock): IssuerKind {
  const all = [b.parent ?? '', ...b.name].join(' ');
  if (/MTTQ|MẶT TRẬN|BAN THƯỜNG TRỰC/.test(all)) return 'mttq';
  if (/^ỦY BAN NHÂN DÂN$/.test(b.name[0])) return 'ubnd';
  return 'so';
}

/** One issuer block's printed lines, plus which of them are bold (the issuing body itself). */
export function issuerLines(d: GroundTruthDocument, b: IssuerBlock, L: Layout, rand: Rand): { text: string; bold: boolean }[] {
  const P = upper(provincePhrase(d));
  const Pshort = CITY[d.province.name] ? `TP. ${upper(CITY[d.province.name])}` : P;
  const bold = (text: string) => ({ text, bold: true });
  const plain = (text: string) => ({ text, bold: false });
  const kind = issuerKind(b);
  if (kind === 'ubnd') {
    return L.issuerStyle === 'one-line' || L.issuerStyle === 'short-name' ? [bold(`UBND ${Pshort}`)] : [bold('ỦY BAN NHÂN DÂN'), bold(P)];
  }
  if (kind === 'mttq') {
    const ub = rand.pick(['ỦY BAN MTTQ VIỆT NAM', 'UỶ BAN MẶT TRẬN TỔ QUỐC VIỆT NAM', 'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM', 'UBMTTQ VIỆT NAM']);
    const standing = b.name.includes('BAN THƯỜNG TRỰC');
    switch (L.issuerStyle) {
      case 'one-line': return standing ? [plain(`${ub} ${P}`), bold('BAN THƯỜNG TRỰC')] : [bold(`${ub} ${Pshort}`)];
      case 'parent-full':
      case 'parent-abbrev': return [plain(`${ub} ${P}`), bold(standing ? 'BAN THƯỜNG TRỰC' : 'BAN THƯỜNG TRỰC')];
      default: return standing ? [bold('BAN THƯỜNG TRỰC'), bold(ub), bold(P)] : [bold(ub), bold(P)];
    }
  }
  const so = rand.pick(['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'SỞ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI', 'SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI']);
  switch (L.issuerStyle) {
    case 'one-line': return [bold(`${so} ${Pshort}`)];
    case 'wrapped': return [bold(so.replace(/ VÀ XÃ HỘI$/, '')), bold(`VÀ XÃ HỘI ${P}`)];
    case 'parent-full': return [plain(`ỦY BAN NHÂN DÂN ${P}`), bold(so)];
    case 'parent-abbrev': return [plain(`UBND ${Pshort}`), bold(rand.chance(0.5) ? so : 'SỞ LAO ĐỘNG - TB&XH')];
    default: return [plain(`UBND ${P}`), bold('SỞ LĐ-TB&XH')];
  }
}

export function numberLine(d: GroundTruthDocument, L: Layout): string {
  switch (L.numberStyle) {
    case 'no-colon': return `Số ${d.docNumber}`;
    case 'space-colon': return `Số : ${d.docNumber}`;
    case 'spaced-slash': return `Số: ${d.docNumber.replace('/', ' /')}`;
    default: return `Số: ${d.docNumber}`;
  }
}

/** The place-and-date line as one or two printed lines. */
export function dateLines(d: GroundTruthDocument, L: Layout): string[] {
  const [y, m, day] = d.issueDate.split('-').map(Number);
  const dd = L.padDay && day < 10 ? `0${day}` : String(day);
  const mm = L.padMonth || m < 3 ? String(m).padStart(2, '0') : String(m);
  switch (L.dateStyle) {
    case 'two-lines': return [`${d.place}, ngày ${dd} tháng ${mm}`, `năm ${y}`];
    case 'numeric': return [`${d.place}, ngày ${dd}/${mm}/${y}`];
    default: return [`${d.place}, ngày ${dd} tháng ${mm} năm ${y}`];
  }
}

const NTP = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025';
const NTP_SHORT = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững';

/** The subject as another office words it (without the type word). */
function reportSubject(d: GroundTruthDocument, rand: Rand): string {
  const period = d.reportingPeriod?.label ?? '6 tháng đầu năm 2023';
  const where = provincePhrase(d);
  return rand.pick([
    `kết quả công tác giảm nghèo ${period}`,
    `tình hình thực hiện ${NTP_SHORT} ${period}`,
    `kết quả thực hiện công tác giảm nghèo bền vững trên địa bàn ${where} ${period}`,
    `sơ kết ${period} thực hiện Chương trình phối hợp về giảm nghèo bền vững`,
    d.title.charAt(0).toLowerCase() + d.title.slice(1),
    `kết quả phối hợp thực hiện ${NTP} ${period}`,
  ]);
}

function programmeSubject(d: GroundTruthDocument, rand: Rand): string {
  const where = provincePhrase(d);
  if (d.issueDate < '2021-01-01') return `phối hợp thực hiện công tác giảm nghèo bền vững trên địa bàn ${where} giai đoạn 2020-2025`;
  return rand.pick([
    `thực hiện ${NTP} trên địa bàn ${where}`,
    `giữa Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${where} về giảm nghèo bền vững`,
    `về công tác giảm nghèo bền vững giai đoạn 2023-2025`,
    d.title.charAt(0).toLowerCase() + d.title.slice(1),
  ]);
}

/** The type word(s) for this document: the printed type name's first words, or a synonym. */
function typeWords(d: GroundTruthDocument, rand: Rand): { full: string; short: string } {
  if (d.kind === 'report') return { full: 'BÁO CÁO', short: 'BÁO CÁO' };
  if (/^KH/.test(d.docType ?? '')) return { full: 'KẾ HOẠCH PHỐI HỢP', short: 'KẾ HOẠCH' };
  return rand.chance(0.12) ? { full: 'QUY CHẾ PHỐI HỢP', short: 'QUY CHẾ' } : { full: 'CHƯƠNG TRÌNH PHỐI HỢP', short: 'CHƯƠNG TRÌNH' };
}

export interface TitleText {
  /** printed type line (null: none, or merged into the title) */
  typeLine: string | null;
  /** printed title, as one string (the renderer wraps it) */
  title: string;
  /** what a reader would record as the title: with and without the leading type words */
  accepted: string[];
  /** công văn: the subject goes under the number as "V/v ..." */
  subjectLine: string | null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Chương trình phối hợp" + "phối hợp thực hiện ..." without saying "phối hợp" twice. */
function joinType(type: string, subject: string): string {
  const lower = subject.toLocaleLowerCase('vi');
  for (const tail of ['phối hợp', 'báo cáo']) {
    if (type.toLocaleLowerCase('vi').endsWith(tail) && lower.startsWith(`${tail} `)) return `${type}${subject.slice(tail.length)}`;
  }
  return `${type} ${subject}`;
}
const spaced = (s: string) => s.split(' ').map((w) => [...w].join(' ')).join('   ');

/** Type line and title in the chosen form; `accepted` lists the readings counted as right. */
export function titleText(d: GroundTruthDocument, L: Layout, rand: Rand): TitleText {
  const subject = d.kind === 'report' ? reportSubject(d, rand) : programmeSubject(d, rand);
  const tw = typeWords(d, rand);
  const caseOf = (s: string) => (L.titleCase === 'upper' ? upper(s) : cap(s));
  if (d.form === 'cong-van') {
    const v = joinType(d.kind === 'report' ? 'Báo cáo' : cap(tw.full.toLocaleLowerCase('vi')), subject);
    // the ground truth's convention is the subject after "V/v "; the whole line is found too
    return { typeLine: null, title: '', accepted: [v, `V/v ${v}`], subjectLine: `V/v ${v}` };
  }
  // "Chương trình phối hợp" + "thực hiện ..." read as a title needs its joining words
  const typeSentence = cap(tw.full.toLocaleLowerCase('vi'));
  const withType = joinType(typeSentence, subject);
  switch (L.typeLine) {
    case 'merged': {
      const t = L.titleCase === 'upper' ? upper(withType) : withType;
      return { typeLine: null, title: t, accepted: [withType, subject], subjectLine: null };
    }
    case 'none':
      return { typeLine: null, title: caseOf(withType), accepted: [withType, subject], subjectLine: null };
    case 'spaced':
      return { typeLine: spaced(tw.full), title: caseOf(subject), accepted: [subject, withType], subjectLine: null };
    case 'short': {
      // "CHƯƠNG TRÌNH" alone, the rest of the type name opens the title ("Phối hợp thực hiện ...")
      const rest = tw.full.slice(tw.short.length).trim().toLocaleLowerCase('vi');
      const t = rest ? joinType(rest, subject) : subject;
      return { typeLine: tw.short, title: caseOf(t), accepted: [t, `${tw.short.toLocaleLowerCase('vi')} ${t}`], subjectLine: null };
    }
    default:
      return { typeLine: tw.full, title: caseOf(subject), accepted: [subject, withType], subjectLine: null };
  }
}
