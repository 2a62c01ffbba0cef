// What a document is, for the national tables: a coordination programme (Phụ lục I), a report
// on it (Phụ lục II), or something else. Decided from all the evidence together: the type-name
// line, the symbol's type code (BC, CTr, CTrPH, KHPH, ...), the title or a công văn's "V/v"
// subject, and the body's own words ("báo cáo kết quả thực hiện Chương trình phối hợp ...",
// "6 tháng đầu năm"). Agreeing cues give a high confidence; a lone or contradicted cue a low
// one, so that a doubtful category goes to review like any other field.
import { foldVietnamese } from './text-fold.js';
import type { Classification } from '../model/header.js';

export type Category = Classification['category'];

const REPORT_CODES = new Set(['BC']);
const PROGRAMME_CODES = new Set(['CTR', 'CTRPH', 'CTPH', 'KHPH', 'QCPH', 'KH', 'QC', 'CTRPHTH']);
/** Codes of documents that are neither (decisions, resolutions, notices, ...). */
const OTHER_CODES = new Set(['QĐ', 'QD', 'NQ', 'TB', 'TT', 'NĐ', 'ND', 'CĐ', 'CD', 'CT', 'TTR', 'HD', 'VBHN', 'GM', 'BB', 'TTLT', 'NQLT', 'QYĐ']);

const REPORT_HEAD = /^(bao cao|v\s*\/\s*v\s*:?\s*bao cao|ve viec bao cao)\b/;
const REPORT_WORDS = /\b(bao cao|ket qua thuc hien|tinh hinh thuc hien|ket qua trien khai|so ket|tong ket|danh gia ket qua)\b/;
const PROGRAMME_HEAD = /^(chuong trinh phoi hop|ke hoach phoi hop|quy che phoi hop|chuong trinh|ke hoach|quy che|v\s*\/\s*v\s*:?\s*(phoi hop|ky ket|ban hanh chuong trinh|chuong trinh phoi hop|ke hoach phoi hop|quy che phoi hop))\b/;
const COORDINATION = /phoi hop/;
const BODY_REPORT = /(bao cao ket qua|bao cao tinh hinh|bao cao so ket|bao cao tong ket|xin bao cao|bao cao nhu sau|bao cao cu the nhu sau|ket qua (dat duoc|thuc hien) (nhu sau|cu the))/;
const BODY_COORDINATION = /(chuong trinh phoi hop|ke hoach phoi hop|quy che phoi hop|chuong trinh so [\d/ -]*\S* ?.{0,40}phoi hop|phoi hop (thuc hien|giua|trong))/;
const POVERTY = /giam ngheo/;

export interface ClassifyInput {
  typeName: string | null;
  title: string | null;
  /** the symbol's type code from the normalised document number (BC, CTr, ...), null for a công văn */
  docType: string | null;
  bodyText: string;
}

/** Kept with its four-argument form: the pipeline calls it once, in normalise, when the code is known. */
export function classifyDocument(typeName: string | null, title: string | null, docType: string | null, bodyText: string): Classification {
  return classify({ typeName, title, docType, bodyText });
}

export function classify(input: ClassifyInput): Classification {
  const type = foldVietnamese(input.typeName ?? '').trim();
  const title = foldVietnamese(input.title ?? '').trim();
  const head = `${type} ${title}`.trim();
  const body = foldVietnamese(input.bodyText.slice(0, 6000));
  const code = (input.docType ?? '').toUpperCase();
  const evidence: string[] = [];

  // Report cues
  let report = 0;
  if (/^bao cao\b/.test(type)) { report += 3; evidence.push(`tên loại: ${input.typeName}`); }
  if (REPORT_CODES.has(code)) { report += 3; evidence.push(`ký hiệu: ${input.docType}`); }
  if (REPORT_HEAD.test(title) || REPORT_HEAD.test(head)) { report += 2; evidence.push('trích yếu: báo cáo'); }
  else if (REPORT_WORDS.test(title)) { report += 1; evidence.push('trích yếu: kết quả thực hiện'); }
  if (BODY_REPORT.test(body)) { report += 1; evidence.push('nội dung: báo cáo kết quả'); }

  // Programme cues
  let programme = 0;
  if (/^(chuong trinh|ke hoach|quy che)\b/.test(type)) { programme += 3; evidence.push(`tên loại: ${input.typeName}`); }
  if (PROGRAMME_CODES.has(code.replace(/Đ/g, 'D'))) { programme += 2; evidence.push(`ký hiệu: ${input.docType}`); }
  if (PROGRAMME_HEAD.test(title) && !REPORT_HEAD.test(title)) { programme += 2; evidence.push('trích yếu: chương trình, kế hoạch'); }
  // A công văn whose subject is the programme itself: "V/v Chương trình phối hợp về ...".
  if (/^(v\s*\/\s*v\s*:?\s*|ve viec\s+)(ban hanh |ky ket |gui )?(chuong trinh|ke hoach|quy che) phoi hop/.test(title)) { programme += 1; evidence.push('trích yếu: chương trình phối hợp'); }
  // "V/v Phối hợp thực hiện ...", "Phối hợp thực hiện ...": the subject is the coordination itself.
  if (/^(v\s*\/\s*v\s*:?\s*|ve viec\s+)?phoi hop (thuc hien|trien khai|tuyen truyen|van dong)/.test(title)) { programme += 1; evidence.push('trích yếu: phối hợp thực hiện'); }

  const coordinationInHead = COORDINATION.test(head);
  const coordinationInBody = BODY_COORDINATION.test(body);
  const poverty = POVERTY.test(head) || POVERTY.test(body);
  const otherCode = OTHER_CODES.has(code);
  const period = findPeriod(input.title ?? '') ?? (report > 0 ? findPeriod(input.bodyText.slice(0, 3000)) : null);

  // A report on the coordination programme: report cues, about coordination, about poverty.
  if (report >= 3 && report > programme && (coordinationInHead || coordinationInBody) && poverty) {
    let confidence = 0.9;
    if (report >= 5) confidence += 0.04; // type name or code, and the title agree
    if (coordinationInHead) confidence += 0.03;
    if (otherCode || programme >= 3) confidence -= 0.2; // contradicting cues
    return { category: 'report', period, confidence: clamp(confidence), evidence };
  }
  // A coordination programme (or plan, rules) on poverty reduction.
  if (programme >= 3 && report < 3 && poverty && (coordinationInHead || coordinationInBody)) {
    let confidence = programme >= 5 ? 0.97 : 0.92;
    if (!coordinationInHead) confidence -= 0.1; // "phối hợp" only in the body: a plan of one body may cite one
    if (otherCode || report > 0) confidence -= 0.15;
    return { category: 'programme', period: null, confidence: clamp(confidence), evidence };
  }
  // Neither. Confident when there is no cue for either; doubtful when some cues point one way.
  const near = (report >= 3 && poverty) || (programme >= 3 && poverty) || (report >= 2 && coordinationInBody && poverty);
  const confidence = near ? 0.6 : report + programme === 0 || otherCode || !poverty ? 0.97 : 0.85;
  return { category: 'other', period, confidence, evidence };
}

const clamp = (x: number) => Math.max(0, Math.min(0.99, Math.round(x * 1000) / 1000));

/** "6 tháng đầu năm 2023", "09 tháng đầu năm 2023", "năm 2023", "quý II/2023" as printed. */
export function findPeriod(text: string): string | null {
  const m = text.normalize('NFC').match(/(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})|quý\s+[IV]+\s*(?:năm\s*|\/)\s*\d{4}|năm\s+(\d{4})(?!\s*-)/i);
  return m ? m[0].replace(/\s+/g, ' ') : null;
}
