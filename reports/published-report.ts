// Reads a published national report (like the seed, 150/BC-LĐTBXH): its appendix tables
// (TT, province, X, number(s), date(s)), the counts stated in section I.2 ("51/63", "còn 29 ...")
// and the footnotes listing provinces. Works on text lines: the seed's .txt (cells separated
// by tabs) or rows rebuilt from a PDF's positioned text (rowsFromPages), born-digital or OCR.
//
// Cells are recognised by content, not position: the X is a lone "X", numbers are what
// findDocNumbers finds, dates what findDates finds in the rest, the province is the text
// before them. A wrapped cell's second line (no TT of its own) continues the row above.
import type { PageText, TextLine } from '../model/document.js';
import { findDocNumbers, normaliseDocNumber } from '../extractors/doc-number.js';
import { findDates } from '../extractors/vn-date.js';
import { matchProvince } from '../extractors/province-gazetteer.js';
import { foldVietnamese } from '../extractors/text-fold.js';

export interface PublishedRow {
  tt: number;
  region: string | null;
  /** as printed */
  province: string;
  /** resolved against the gazetteer on the report's date; null when the name is not a province */
  code: string | null;
  marked: boolean;
  /** numbers as printed (stray spaces kept) and normalised (spaces removed, as the database has them) */
  numbersRaw: string[];
  docNumbers: string[];
  dates: string[];
  raw: string;
  /** 1-based line in the text the row was read from (page-ordered for a PDF) */
  line: number;
}

export interface PublishedAppendix {
  roman: 'I' | 'II';
  title: string;
  statedTotal: number | null;
  rows: PublishedRow[];
}

export type CountKey = 'programmes_issued' | 'programmes_other' | 'programmes_missing' | 'reports_sent' | 'reports_missing';

export interface StatedCount { key: CountKey; n: number; of: number | null; footnote: number | null; text: string }

export interface PublishedFootnote { n: number; text: string; provinces: { code: string; name: string }[]; unmatched: string[] }

export interface PublishedReport {
  /** the report's own date (from "Hà Nội, ngày 27 tháng 10 năm 2023"), ISO; null if not found */
  date: string | null;
  counts: StatedCount[];
  footnotes: PublishedFootnote[];
  appendices: PublishedAppendix[];
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const supToNumber = (s: string) => Number([...s].map((c) => (SUP.includes(c) ? SUP.indexOf(c) : c)).join(''));
const ROMAN_ROW = /^(I|II|III|IV|V|VI|VII|VIII)\s*[\t ]\s*(\S.*)$/;

/** Text rows of PDF pages: line segments on the same baseline joined with tabs, top to bottom. */
export function rowsFromPages(pages: PageText[]): string[] {
  const out: string[] = [];
  for (const page of [...pages].sort((a, b) => a.page - b.page)) {
    const segs = [...page.lines].sort((a, b) => centre(a) - centre(b) || a.box.x - b.box.x);
    const rows: TextLine[][] = [];
    for (const s of segs) {
      const row = rows[rows.length - 1];
      if (row && Math.abs(centre(row[0]) - centre(s)) <= Math.max(2, Math.min(row[0].box.h, s.box.h) * 0.5)) row.push(s);
      else rows.push([s]);
    }
    for (const r of rows) out.push(r.sort((a, b) => a.box.x - b.box.x).map((s) => s.text).join('\t'));
  }
  return out;
}

const centre = (l: TextLine) => l.box.y + l.box.h / 2;

export function parsePublishedReport(lines: string[]): PublishedReport {
  const text = lines.map((l) => l.normalize('NFC'));
  const firstAppendix = text.findIndex((l) => /^\s*Phụ lục\s+I\b/i.test(l));
  const proseLines = firstAppendix < 0 ? text : text.slice(0, firstAppendix);
  const date = reportDate(text.slice(0, 20));
  return {
    date,
    counts: statedCounts(proseLines.join(' ').replace(/\s+/g, ' ')),
    footnotes: footnotes(proseLines, date),
    appendices: appendices(text, date),
  };
}

function reportDate(head: string[]): string | null {
  for (const l of head) {
    if (!/ngày/i.test(l)) continue;
    const d = findDates(l.replace(/\*+/g, ''));
    if (d.length) return d[0].iso;
  }
  return null;
}

// ---------- section I.2: the counts ----------

const MARK = `([${SUP}]+)?`;
const COUNT_PATTERNS: { key: CountKey; re: RegExp }[] = [
  { key: 'programmes_issued', re: /(\d+)\s*\/\s*(\d+)\s+(?:tỉnh,?\s*thành phố|địa phương)\s+đã ban hành Chương trình phối hợp(?!\s+khác)/iu },
  { key: 'programmes_other', re: new RegExp(`(\\d+)\\s+(?:tỉnh,?\\s*thành phố|địa phương)\\s+đã ban hành Chương trình phối hợp khác[^;]*?${MARK}\\s*;`, 'iu') },
  { key: 'programmes_missing', re: new RegExp(`còn\\s+(\\d+)\\s+(?:địa phương|tỉnh,?\\s*thành phố)\\s+chưa ban hành Chương trình phối hợp\\s*${MARK}`, 'iu') },
  { key: 'reports_sent', re: /(\d+)\s*\/\s*(\d+)\s+Sở Lao động[^;]{0,120}?gửi báo cáo/iu },
  { key: 'reports_missing', re: new RegExp(`còn\\s+(\\d+)\\s+(?:tỉnh,?\\s*thành phố|địa phương)\\s+chưa (?:có |gửi )?báo cáo\\s*${MARK}`, 'iu') },
];

function statedCounts(prose: string): StatedCount[] {
  const out: StatedCount[] = [];
  for (const { key, re } of COUNT_PATTERNS) {
    const m = re.exec(prose);
    if (!m) continue;
    const hasOf = key === 'programmes_issued' || key === 'reports_sent';
    const mark = hasOf ? null : m[2];
    out.push({ key, n: Number(m[1]), of: hasOf ? Number(m[2]) : null, footnote: mark ? supToNumber(mark) : null, text: m[0] });
  }
  return out;
}

// ---------- footnotes ----------

function footnotes(lines: string[], date: string | null): PublishedFootnote[] {
  const out: PublishedFootnote[] = [];
  let cur: { n: number; text: string } | null = null;
  const close = () => {
    if (cur) out.push({ ...cur, ...footnoteProvinces(cur.text, date) });
    cur = null;
  };
  for (const raw of lines) {
    const l = raw.trim();
    const start = new RegExp(`^([${SUP}]+)\\s+(\\S.*)$`, 'u').exec(l);
    if (start) {
      close();
      cur = { n: supToNumber(start[1]), text: start[2] };
    } else if (cur && l) {
      cur.text += ` ${l}`;
    } else continue;
    if (cur && /\.\s*$/.test(cur.text) && depth(cur.text) === 0) close();
  }
  close();
  return out;
}

const depth = (s: string) => (s.match(/\(/g)?.length ?? 0) - (s.match(/\)/g)?.length ?? 0);

/** "Gồm: Yên Bái, Sơn La, ..." or "Đồng Tháp (...), Thành phố Hồ Chí Minh (...)": the provinces named. */
function footnoteProvinces(text: string, date: string | null): { provinces: { code: string; name: string }[]; unmatched: string[] } {
  const body = text.replace(/^\s*Gồm\s*:\s*/iu, '').replace(/\.\s*$/, '');
  const items: string[] = [];
  let d = 0;
  let buf = '';
  for (const ch of body) {
    if (ch === '(') d++;
    if (ch === ')') d--;
    if (ch === ',' && d === 0) { items.push(buf); buf = ''; } else buf += ch;
  }
  items.push(buf);
  const provinces: { code: string; name: string }[] = [];
  const unmatched: string[] = [];
  for (const it of items) {
    const name = it.replace(/\([^)]*\)?/g, '').trim();
    if (!name) continue;
    const m = name.split(/\s+/).length <= 6 ? matchProvince(name, { asOf: date ?? undefined }) : null;
    if (m?.province) provinces.push({ code: m.province.code, name: m.province.name });
    else unmatched.push(name);
  }
  return { provinces, unmatched };
}

// ---------- appendix tables ----------

function appendices(lines: string[], date: string | null): PublishedAppendix[] {
  const out: PublishedAppendix[] = [];
  let cur: PublishedAppendix | null = null;
  let region: string | null = null;
  let last: PublishedRow | null = null;
  let titleLines = 0;
  let sawHeader = false;
  lines.forEach((raw, i) => {
    const l = raw.replace(/\u00a0/g, ' ').trim();
    const heading = /^Phụ lục\s+(II|I)\b/iu.exec(l);
    if (heading) {
      cur = { roman: heading[1].toUpperCase() as 'I' | 'II', title: '', statedTotal: null, rows: [] };
      out.push(cur);
      region = null;
      last = null;
      titleLines = 0;
      sawHeader = false;
      return;
    }
    if (!cur || !l) return;
    const cells = l.split('\t').map((c) => c.trim());
    const flat = cells.filter(Boolean).join(' ');
    const folded = foldVietnamese(flat);
    if (/^tt\b/.test(folded) && /tinh/.test(folded)) { last = null; sawHeader = true; return; } // header row (repeated on each page)
    if (/^tong cong\b/.test(folded)) {
      const n = /(\d+)/.exec(flat.slice('Tổng cộng'.length));
      cur.statedTotal = n ? Number(n[1]) : null;
      return;
    }
    const reg = ROMAN_ROW.exec(flat);
    if (reg && !/^\d/.test(reg[2])) { region = reg[2].trim(); last = null; return; }
    const row = /^(\d{1,3})\s+(\S.*)$/.exec(flat);
    if (row) {
      const parsed = parseRowCells(row[2], date);
      if (parsed.province) {
        last = { tt: Number(row[1]), region, ...parsed, raw: l, line: i + 1 } as PublishedRow;
        cur.rows.push(last);
        return;
      }
    }
    if (last && (findDocNumbers(flat).length || findDates(flat).length)) {
      // the second line of a wrapped cell
      const more = parseRowCells(flat, date, true);
      last.numbersRaw.push(...more.numbersRaw);
      last.docNumbers.push(...more.docNumbers);
      last.dates.push(...more.dates);
      last.raw += `\n${l}`;
      return;
    }
    if (!sawHeader && titleLines < 3 && l === l.toUpperCase() && /\p{Lu}/u.test(l)) { cur.title = `${cur.title} ${l}`.trim(); titleLines++; }
  });
  return out;
}

type RowCells = Pick<PublishedRow, 'province' | 'code' | 'marked' | 'numbersRaw' | 'docNumbers' | 'dates'>;

function parseRowCells(rest: string, date: string | null, continuation = false): RowCells {
  const nums = findDocNumbers(rest);
  let remainder = rest;
  for (const n of nums) remainder = remainder.replace(n.raw, ' '.repeat(n.raw.length));
  const dates = findDates(remainder);
  const mark = /(?:^|\s)[Xx](?=\s|$)/.exec(remainder);
  const cut = Math.min(
    nums[0]?.index ?? rest.length,
    dates[0]?.index ?? rest.length,
    mark ? mark.index : rest.length,
  );
  const province = continuation ? '' : rest.slice(0, cut).trim();
  const m = province ? matchProvince(province, { asOf: date ?? undefined }) : null;
  return {
    province,
    code: m?.province?.code ?? null,
    marked: !!mark,
    numbersRaw: nums.map((n) => n.raw.trim()),
    docNumbers: nums.map((n) => normaliseDocNumber(n.raw).value?.value ?? n.raw.replace(/\s+/g, '')),
    dates: dates.map((d) => d.iso),
  };
}
