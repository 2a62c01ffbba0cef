// A third hand: the real document as a web page (an office's document portal, an e-mail body
// printed) saved as PDF by Chromium, whose Skia PDF backend writes the text layer its own way.
// The header is a CSS two-column table or two floated blocks, fonts and sizes vary by document.
import { createHash } from 'node:crypto';
import type { Block, TableBlock } from '../other-hands/blocks.js';
import type { RealDocContent, Run } from '../realdocs/markdown.js';

export interface HtmlVariant {
  font: string;
  /** px at 96 dpi */
  headerSize: number;
  bodySize: number;
  leftPct: number;
  header: 'table' | 'flex';
  titleCase: 'as-is' | 'upper';
}

const FONTS = ['"Liberation Serif", "Times New Roman", serif', '"DejaVu Serif", serif', '"Liberation Sans", Arial, sans-serif', '"DejaVu Sans", sans-serif'];

export function htmlVariantFor(id: string): HtmlVariant {
  const h = createHash('sha256').update(`browser-rendered-v1:${id}`).digest();
  return {
    font: FONTS[h[0] % FONTS.length],
    headerSize: [15, 16, 17][h[1] % 3],
    bodySize: [16, 17, 18][h[2] % 3],
    leftPct: [36, 40, 44][h[3] % 3],
    header: h[4] % 2 ? 'table' : 'flex',
    titleCase: h[5] % 4 === 0 ? 'upper' : 'as-is',
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const runs = (rs: Run[]) => rs.map((r) => {
  let t = esc(r.text);
  if (r.bold) t = `<b>${t}</b>`;
  if (r.italic) t = `<i>${t}</i>`;
  return t;
}).join('');

/** The page's HTML: header blocks, type name and title, body paragraphs. */
export function renderHtmlDoc(c: RealDocContent, v: HtmlVariant = htmlVariantFor(c.id)): string {
  const issuer = c.issuer.map((l) => `<div${l.bold ? ' class="b"' : ''}>${esc(l.text)}</div>`).join('');
  const left = `${issuer}<div class="rule"></div><div class="no">${esc(c.numberLine)}</div>${c.subject ? `<div class="subj">${esc(c.subject)}</div>` : ''}`;
  const right = `<div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b motto">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div><div class="date">${esc(c.dateLine)}</div>`;
  const head = v.header === 'table'
    ? `<table class="head"><tr><td style="width:${v.leftPct}%">${left}</td><td>${right}</td></tr></table>`
    : `<div class="head flex"><div style="width:${v.leftPct}%">${left}</div><div style="flex:1">${right}</div></div>`;
  const title = v.titleCase === 'upper' ? c.title.toLocaleUpperCase('vi') : c.title;
  const body = c.body.map((p) => `<p>${runs(p.runs)}</p>`).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: ${v.font}; font-size: ${v.bodySize}px; line-height: 1.35; }
.head { width: 100%; border-collapse: collapse; font-size: ${v.headerSize}px; text-align: center; }
.head td { vertical-align: top; padding: 0; }
.flex { display: flex; }
.b { font-weight: bold; }
.rule { width: 30%; margin: 2px auto 6px; border-top: 1px solid #000; }
.date { font-style: italic; margin-top: 4px; }
.no { margin-top: 4px; }
.subj { font-size: ${v.headerSize - 1}px; margin-top: 4px; }
h1 { font-size: ${v.bodySize + 2}px; text-align: center; margin: 22px 0 2px; }
h2 { font-size: ${v.bodySize}px; text-align: center; margin: 0 0 16px; }
p { text-align: justify; text-indent: 1cm; margin: 4px 0; }
</style></head><body>
${head}
${c.typeName ? `<h1>${esc(c.typeName)}</h1>` : ''}${title ? `<h2>${esc(title)}</h2>` : ''}
${body}
</body></html>`;
}

// ── Reports and programmes (other-hands wording and tables) as web pages ───────────────────────

/** A summary table with one or two header rows (rowspan/colspan as the block says). */
function tableHtml(t: TableBlock): string {
  const twoRows = t.header.some((h) => h.row === 1);
  // HTML places cells in source order: a row's cells must come left to right
  const head = (twoRows ? [0, 1] : [0]).map((r) => `<tr>${t.header.filter((h) => h.row === r).sort((a, b) => a.col - b.col)
    .map((h) => `<th${h.span > 1 ? ` colspan="${h.span}"` : ''}${twoRows && h.rowSpan === 2 ? ' rowspan="2"' : ''}>${esc(h.text)}</th>`).join('')}</tr>`).join('');
  const body = t.rows.map((r) => r.group && t.mergedGroups
    ? `<tr class="g"><td>${esc(r.cells[0])}</td><td colspan="${t.cols.length - 1}">${esc(r.cells[1])}</td></tr>`
    : `<tr${r.group ? ' class="g"' : ''}>${r.cells.map((c, i) => `<td style="text-align:${t.cols[i]?.align ?? 'left'}">${esc(c)}</td>`).join('')}</tr>`).join('');
  const cols = t.cols.map((c) => `<col style="width:${(c.frac * 100).toFixed(1)}%">`).join('');
  return `${t.caption.map((c) => `<div class="cap${c.startsWith('(') ? ' i' : ''}">${esc(c)}</div>`).join('')}<table class="data"><colgroup>${cols}</colgroup><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function blocksHtml(bs: Block[]): string {
  return bs.map((b) => {
    if (b.t === 'pagebreak') return '<div style="break-after:page"></div>';
    if (b.t === 'heading') return `<p class="h${b.centred ? ' c' : ''}">${b.italic ? `<i>${esc(b.text)}</i>` : esc(b.text)}</p>`;
    if (b.t === 'para') return `<p${b.noIndent ? ' class="ni"' : ''}>${b.italic ? `<i>${esc(b.text)}</i>` : esc(b.text)}</p>`;
    return tableHtml(b);
  }).join('\n');
}

export interface ReportPageParts {
  issuer: { text: string; bold: boolean }[][];
  numberLine: string;
  dateLines: string[];
  typeLine: string | null;
  title: string;
  subjectLine: string | null;
  salutation: string | null;
  body: Block[];
  appendix: Block[];
  recipients: string[];
  signer: { lines: string[]; name: string };
}

/** A report or programme page: header table, title, body with tables, recipients and signature. */
export function renderHtmlReport(p: ReportPageParts, v: HtmlVariant): string {
  const issuer = p.issuer.map((b) => b.map((l) => `<div${l.bold ? ' class="b"' : ''}>${esc(l.text)}</div>`).join('')).join('<div>&nbsp;</div>');
  const left = `${issuer}<div class="rule"></div><div class="no">${esc(p.numberLine)}</div>${p.subjectLine ? `<div class="subj">${esc(p.subjectLine)}</div>` : ''}`;
  const right = `<div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b motto">Độc lập - Tự do - Hạnh phúc</div><div class="rule"></div>${p.dateLines.map((d) => `<div class="date">${esc(d)}</div>`).join('')}`;
  const closing = `<table class="head"><tr><td style="width:45%;text-align:left"><div class="b i">Nơi nhận:</div>${p.recipients.map((r) => `<div class="small">${esc(r)}</div>`).join('')}</td><td>${p.signer.lines.map((l) => `<div class="b">${esc(l)}</div>`).join('')}<div style="height:60px"></div><div class="b">${esc(p.signer.name)}</div></td></tr></table>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: ${v.font}; font-size: ${v.bodySize}px; line-height: 1.35; }
.head { width: 100%; border-collapse: collapse; font-size: ${v.headerSize}px; text-align: center; }
.head td { vertical-align: top; padding: 0; }
.b { font-weight: bold; } .i { font-style: italic; } .small { font-size: 13px; }
.rule { width: 30%; margin: 2px auto 6px; border-top: 1px solid #000; }
.date { font-style: italic; } .no { margin-top: 4px; } .subj { font-size: ${v.headerSize - 1}px; margin-top: 4px; }
h1 { font-size: ${v.bodySize + 2}px; text-align: center; margin: 22px 0 2px; }
h2 { font-size: ${v.bodySize}px; text-align: center; margin: 0 0 12px; }
.sal { text-align: center; font-style: italic; margin-bottom: 10px; }
p { text-align: justify; text-indent: 1cm; margin: 4px 0; } p.ni { text-indent: 0; } p.h { font-weight: bold; } p.c { text-align: center; text-indent: 0; }
.cap { text-align: center; font-weight: bold; margin-top: 8px; } .cap.i { font-weight: normal; font-style: italic; font-size: 14px; }
table.data { width: 100%; border-collapse: collapse; font-size: 14px; margin: 6px 0 10px; }
table.data th, table.data td { border: 1px solid #000; padding: 2px 4px; } table.data th { text-align: center; } tr.g td { font-weight: bold; }
</style></head><body>
<table class="head"><tr><td style="width:${v.leftPct}%">${left}</td><td>${right}</td></tr></table>
${p.typeLine ? `<h1>${esc(p.typeLine)}</h1>` : ''}${p.title ? `<h2>${esc(p.title)}</h2>` : ''}
${p.salutation ? `<div class="sal">Kính gửi: ${esc(p.salutation)}</div>` : ''}
${blocksHtml(p.body)}
${closing}
${p.appendix.length ? `<div style="break-after:page"></div>${blocksHtml(p.appendix)}` : ''}
</body></html>`;
}
