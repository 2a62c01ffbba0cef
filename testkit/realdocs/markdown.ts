// Markdown of a real document → what the renderer prints: header cells, type name, title and a
// few paragraphs of body text as runs of plain / bold / italic text (emphasis markers removed).
//
// The header's issuer lines, type name and title come from the truth (their rules are subtle
// and the truth already applies them); the number and date cells are printed as the source
// writes them ("Số: 9476 /BNNMT-CNTY", "Hà Nội ngày 01 ...") when they agree with the truth.
import type { RealTruth } from './corpus.js';

export interface Run { text: string; bold: boolean; italic: boolean }
export interface Paragraph { runs: Run[] }

export interface RealDocContent {
  id: string;
  /** issuer lines top to bottom, with whether the source prints each one bold */
  issuer: { text: string; bold: boolean }[];
  numberLine: string;
  /** a công văn's "V/v ..." subject, printed under the number */
  subject: string | null;
  dateLine: string;
  typeName: string | null;
  title: string;
  body: Paragraph[];
}

/** `**bold**`, `*italic*`, `***both***`, split markers (`**TH****Ủ`) merge back together. */
export function emphasisRuns(src: string): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  for (const part of src.split(/(\*+)/)) {
    if (/^\*+$/.test(part)) {
      if (Math.floor(part.length / 2) % 2 === 1) bold = !bold;
      if (part.length % 2 === 1) italic = !italic;
      continue;
    }
    if (!part) continue;
    const last = runs[runs.length - 1];
    if (last && last.bold === bold && last.italic === italic) last.text += part;
    else runs.push({ text: part, bold, italic });
  }
  return runs;
}

/** Links and images reduced to their text; markdown escapes removed. */
function unlink(s: string): string {
  return s.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\\([*_#|[\]()-])/g, '$1');
}

export function plainText(src: string): string {
  return unlink(src).replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
}

const squash = (s: string) => plainText(s).replace(/\s+/g, '').toUpperCase();

/** The header pseudo-table's cells: lines that are just `|` separate them; rules dropped. */
export function headerCells(lines: string[]): string[][] {
  const cells: string[][] = [[]];
  for (const l of lines) {
    if (l.trim() === '|') cells.push([]);
    else if (!/^\s*[-_–]{3,}\s*$/.test(l)) cells[cells.length - 1].push(l);
  }
  return cells.filter((c) => c.some((l) => l.trim()));
}

/** Which issuer lines the source prints bold (a parent body above a bold name is plain). */
function issuerStyle(t: RealTruth, cell: string[] | undefined): { text: string; bold: boolean }[] {
  const boldText = squash(emphasisRuns(unlink((cell ?? []).join('\n'))).filter((r) => r.bold).map((r) => r.text).join(''));
  return t.issuerLines.map((text) => ({ text, bold: !cell || boldText.includes(squash(text)) }));
}

function numberLineOf(t: RealTruth, cell: string[] | undefined): string {
  const text = plainText((cell ?? []).join(' ')).split(/\s(?=v\/v)/i)[0] ?? '';
  const m = text.match(/^Số\s*:?\s*(.*)$/);
  return m && m[1].replace(/\s+/g, '') === t.docNumber ? text : `Số: ${t.docNumber}`;
}

function dateLineOf(t: RealTruth, cell: string[] | undefined): string {
  const text = plainText((cell ?? []).join(' '));
  if (/ngày/.test(text) && /năm\s*\d{4}/.test(text) && text.length < 80) return text;
  const [y, m, d] = t.issueDate.split('-').map(Number);
  return `${t.placeInDateLine}, ngày ${String(d).padStart(2, '0')} tháng ${m < 3 ? String(m).padStart(2, '0') : m} năm ${y}`;
}

/** Index of the first body line after the header: the type-name and title lines skipped. */
function bodyStart(t: RealTruth, lines: string[], from: number): number {
  const target = squash(`${t.titleType ?? ''}${t.titleType ? t.title : ''}`);
  if (!target) return from;
  let acc = '';
  for (let i = from; i < lines.length; i++) {
    const s = squash(lines[i]);
    if (!s) continue;
    if (!target.startsWith(acc + s)) return i;
    acc += s;
    if (acc === target) return i + 1;
  }
  return from;
}

const NEW_PARAGRAPH = /^(\*{0,3})\s*(Điều\s+\d|Chương\s|Mục\s|Căn cứ|Theo đề nghị|Kính gửi|Nơi nhận|[IVX]+\.\s|\d+(\.\d+)*\.\s|[a-zđ]\)\s|[-+•]\s)/;

/** Source lines → paragraphs: a line wraps on unless the previous one closed a sentence or clause. */
export function paragraphs(lines: string[], maxChars: number): Paragraph[] {
  const out: string[] = [];
  let cur = '';
  let chars = 0;
  for (const raw of lines) {
    const l = unlink(raw).replace(/^#+\s*/, '').trim();
    if (!l || l.startsWith('|') || /^[-_=–]{3,}$/.test(l)) { if (cur) { out.push(cur); cur = ''; } continue; }
    const closed = /[.;:!?]\**\s*$/.test(cur) || /^\*\*[^*]+\*\*$/.test(cur.trim());
    if (cur && (closed || NEW_PARAGRAPH.test(l))) { out.push(cur); chars += cur.length; cur = ''; }
    if (chars > maxChars) break;
    cur = cur ? `${cur} ${l}` : l;
  }
  if (cur && chars <= maxChars) out.push(cur);
  return out.map((p) => ({ runs: emphasisRuns(p).map((r) => ({ ...r, text: r.text.replace(/\s+/g, ' ') })).filter((r) => r.text.trim()) }))
    .filter((p) => p.runs.length);
}

export function parseRealDoc(t: RealTruth, lines: string[], maxBodyChars = 4000): RealDocContent {
  const headerLines = lines.slice(0, t.headerEndLine - t.docStartLine + 1);
  const cells = headerCells(headerLines);
  // 297 of 299 headers have four cells: issuer, Quốc hiệu, number, date. Two are flattened
  // into one line; those print from the truth alone.
  const regular = cells.length === 4;
  const start = bodyStart(t, lines, headerLines.length);
  return {
    id: t.id,
    issuer: issuerStyle(t, regular ? cells[0] : undefined),
    numberLine: numberLineOf(t, regular ? cells[2] : undefined),
    subject: t.titleType ? null : t.title,
    dateLine: dateLineOf(t, regular ? cells[3] : undefined),
    typeName: t.titleType,
    title: t.titleType ? t.title : '',
    body: paragraphs(lines.slice(start), maxBodyChars),
  };
}
