// Reminder letter (công văn đôn đốc, issue 15) to the provinces that have not sent their
// document for a period, laid out as Nghị định 30/2020/NĐ-CP sets out a công văn: issuer block
// and national motto side by side, "Số: …/…" and the V/v subject under the issuer, the place and
// date line, "Kính gửi", the body, "Nơi nhận" on the left and the signature block on the right.
// Every word of it comes from a template file the office edits (a default is copied into the
// data folder on first use); this module only fills in the period, the request and the list.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { fillTemplate, TonghopError } from '../model/errors.js';
import { missingProvinces, type FollowupTable } from './followup.js';
import { provincesAsOf } from '../extractors/province-gazetteer.js';

import { REMINDER_FORMATS } from './formats.js';
export { REMINDER_FORMATS };
export type ReminderFormat = (typeof REMINDER_FORMATS)[number];

export const DEFAULT_REMINDER_TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates', 'cong-van-don-doc.txt');
const TEMPLATE_NAME = 'cong-van-don-doc.txt';

const SECTIONS = [
  'co_quan_chu_quan', 'co_quan_ban_hanh', 'so_ky_hieu', 'trich_yeu', 'dia_danh', 'kinh_gui', 'noi_dung',
  'danh_sach', 'noi_nhan', 'noi_nhan_tinh', 'quyen_han_ky', 'chuc_vu_ky', 'nguoi_ky',
] as const;
type Section = (typeof SECTIONS)[number];
export type ReminderTemplate = Record<Section, string[]>;

/** The template in the data folder (`<data>/mau/cong-van-don-doc.txt`), copied from the default when missing. */
export function reminderTemplateFile(dataDir: string): string {
  const file = path.join(dataDir, 'mau', TEMPLATE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(DEFAULT_REMINDER_TEMPLATE, file);
  }
  return file;
}

/** `[section]` headers, their lines below; `#` lines are comments; blank lines at the edges dropped. */
export function parseReminderTemplate(text: string, file = TEMPLATE_NAME): ReminderTemplate {
  const out: Partial<Record<string, string[]>> = {};
  let current: string[] | null = null;
  for (const raw of text.normalize('NFC').split(/\r?\n/)) {
    if (raw.startsWith('#')) continue;
    const head = /^\[([a-z_]+)\]\s*$/.exec(raw.trim());
    if (head) { current = out[head[1]] = []; continue; }
    current?.push(raw.trimEnd());
  }
  const missing = SECTIONS.filter((s) => !out[s]);
  if (missing.length) throw new TonghopError('usage.bad_template', { file, detail: `thiếu mục ${missing.map((s) => `[${s}]`).join(', ')}` });
  const trim = (l: string[]) => {
    const a = l.findIndex((x) => x.trim());
    const b = l.length - [...l].reverse().findIndex((x) => x.trim());
    return a < 0 ? [] : l.slice(a, b);
  };
  return Object.fromEntries(SECTIONS.map((s) => [s, trim(out[s]!)])) as ReminderTemplate;
}

export interface Reminder {
  issuerParent: string[];
  issuer: string[];
  number: string;
  subject: string[];
  placeDate: string;
  recipients: string[];
  /** body paragraphs in order; list items are the provinces, numbered by the template */
  body: { text: string; item: boolean }[];
  copyTo: string[];
  authority: string[];
  title: string[];
  signer: string[];
  /** the provinces the letter chases, short names, in table order */
  provinces: string[];
}

/** "2023-06-14" → "14/6/2023", as dates are written in running text. */
export function viShortDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : '……';
}

const KIND_WORDS = { report: 'báo cáo', programme: 'chương trình phối hợp', other: 'văn bản' } as const;

/** Fills the template for a follow-up table: one list line and one Nơi nhận line per missing province. */
export function buildReminder(t: FollowupTable, tpl: ReminderTemplate, today = new Date().toISOString().slice(0, 10)): Reminder {
  const missing = missingProvinces(t);
  const units = new Map(provincesAsOf(t.deadline).map((p) => [p.code, p]));
  const params = {
    ky_bao_cao: t.period, loai_van_ban: KIND_WORDS[t.kind], so_cong_van_yeu_cau: t.request?.number ?? '……',
    ngay_cong_van_yeu_cau: viShortDate(t.request?.date), han_nop: viShortDate(t.deadline),
    so_tinh_phai_gui: t.expected, so_tinh_da_gui: t.received, so_tinh_chua_gui: t.missing, nam: today.slice(0, 4),
    danh_sach_ngan: missing.map((r) => r.province).join(', '),
  };
  const fill = (s: string) => fillTemplate(s, params);
  const perProvince = (lines: string[]) => missing.flatMap((r, i) => {
    const full = units.get(r.code)?.fullName ?? r.province;
    const p = { ...params, stt: i + 1, tinh: r.province, ten_tinh: full.charAt(0).toLowerCase() + full.slice(1) };
    return lines.map((l) => fillTemplate(l, p));
  });
  const body: Reminder['body'] = [];
  for (const para of paragraphs(tpl.noi_dung)) {
    if (para.trim() === '{danh_sach}') body.push(...perProvince(tpl.danh_sach).map((text) => ({ text, item: true })));
    else body.push({ text: fill(para), item: false });
  }
  const copyTo = tpl.noi_nhan.flatMap((l) => (l.trim() === '{noi_nhan_tinh}' ? perProvince(tpl.noi_nhan_tinh) : [fill(l)]));
  return {
    issuerParent: tpl.co_quan_chu_quan.map(fill), issuer: tpl.co_quan_ban_hanh.map(fill), number: tpl.so_ky_hieu.map(fill).join(' '),
    subject: tpl.trich_yeu.map(fill), placeDate: `${tpl.dia_danh.map(fill).join(' ')}, ngày      tháng      năm ${params.nam}`,
    recipients: tpl.kinh_gui.map(fill), body, copyTo, authority: tpl.quyen_han_ky.map(fill), title: tpl.chuc_vu_ky.map(fill),
    signer: tpl.nguoi_ky.map(fill), provinces: missing.map((r) => r.province),
  };
}

/** Paragraphs are separated by blank lines; lines of one paragraph are joined with a space. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  for (const l of [...lines, '']) {
    if (l.trim()) cur.push(l.trim());
    else if (cur.length) { out.push(cur.join(' ')); cur = []; }
  }
  return out;
}

export function reminderMarkdown(r: Reminder): string {
  const lines = [
    ...r.issuerParent, ...r.issuer.map((l) => `**${l}**`), '', r.number, ...r.subject, '',
    '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**', '**Độc lập - Tự do - Hạnh phúc**', '', `*${r.placeDate}*`, '',
    `Kính gửi: ${r.recipients.join(' ')}`, '',
    ...r.body.flatMap((p) => (p.item ? [p.text] : ['', p.text, ''])),
    '', '***Nơi nhận:***', ...r.copyTo, '', ...[...r.authority, ...r.title].map((l) => `**${l}**`), '', '', ...r.signer,
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

// ---- DOCX: A4 portrait, Times New Roman 13–14 pt, margins as the decree recommends ----

const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
type RunOpts = { bold?: boolean; italic?: boolean; size?: number; underline?: boolean };
const run = (text: string, o: RunOpts = {}) => new TextRun({ text, font: FONT, size: o.size ?? 28, bold: o.bold, italics: o.italic, underline: o.underline ? {} : undefined });
const para = (text: string, o: RunOpts & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {}) =>
  new Paragraph({ alignment: o.align ?? AlignmentType.CENTER, indent: o.indent ? { firstLine: 567 } : undefined, spacing: { after: o.after ?? 0 }, children: [run(text, o)] });
const cell = (children: Paragraph[], width: number) => new TableCell({ borders: NO_BORDERS, width: { size: width, type: WidthType.PERCENTAGE }, children });
const twoColumns = (left: Paragraph[], right: Paragraph[], widths: [number, number]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
  rows: [new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])] })],
});

export async function reminderDocx(r: Reminder): Promise<Uint8Array> {
  const head = twoColumns(
    [
      ...r.issuerParent.map((l) => para(l, { size: 26 })),
      ...r.issuer.map((l, i) => para(l, { size: 26, bold: true, underline: i === r.issuer.length - 1 })),
      para('', { size: 13 }),
      para(r.number, { size: 26 }),
      ...r.subject.map((l) => para(l, { size: 24 })),
    ],
    [
      para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 26, bold: true }),
      para('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true }),
      para('', { size: 13 }),
      para(r.placeDate, { italic: true }),
    ],
    [40, 60],
  );
  const body = [
    para('', {}),
    para(`Kính gửi: ${r.recipients.join(' ')}`, { after: 240 }),
    ...r.body.map((p) => para(p.text, { align: AlignmentType.JUSTIFIED, indent: true, after: p.item ? 0 : 120 })),
    para('', {}),
  ];
  const foot = twoColumns(
    [para('Nơi nhận:', { size: 24, bold: true, italic: true, align: AlignmentType.LEFT }), ...r.copyTo.map((l) => para(l, { size: 22, align: AlignmentType.LEFT }))],
    [...r.authority.map((l) => para(l, { bold: true })), ...r.title.map((l) => para(l, { bold: true })), para(''), para(''), para(''), ...r.signer.map((l) => para(l, { italic: true }))],
    [50, 50],
  );
  const doc = new Document({
    creator: 'tonghop',
    title: r.subject.join(' '),
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } }, children: [head, ...body, foot] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Reads the office's template (from the data folder) and renders the letter. */
export async function renderReminder(t: FollowupTable, format: ReminderFormat, dataDir: string): Promise<string | Uint8Array> {
  const file = reminderTemplateFile(dataDir);
  const r = buildReminder(t, parseReminderTemplate(fs.readFileSync(file, 'utf8'), file));
  return format === 'md' ? reminderMarkdown(r) : reminderDocx(r);
}
