// A third hand: the real document as a web page (an office's document portal, an e-mail body
// printed) saved as PDF by Chromium, whose Skia PDF backend writes the text layer its own way.
// The header is a CSS two-column table or two floated blocks, fonts and sizes vary by document.
import { createHash } from 'node:crypto';
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
