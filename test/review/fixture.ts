// Test data for the review UI: small PDFs drawn with pdfkit (so page images and boxes are real)
// and their extraction rows written through DocumentsRepository into a real SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { openApp, type App } from '../../pipeline/app.js';
import { makeConfig, makePgConfig } from '../../pipeline/config.js';
import { sha256Of } from '../../pipeline/content-store.js';
import type { FieldRecord, IndicatorRecord, HeaderColumns } from '../../model/records.js';
import type { Box } from '../../model/document.js';
import { tempDir } from '../helpers.js';

const FONT = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf');
const BOLD = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans-Bold.ttf');

export interface Line { text: string; x: number; y: number; size?: number; bold?: boolean }

/** Draws lines at known positions (PDF points, top-left origin) and returns each line's box. */
export async function makePdf(pages: Line[][]): Promise<{ bytes: Buffer; boxes: Box[][] }> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: 'review fixture', CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const boxes: Box[][] = [];
  for (const lines of pages) {
    doc.addPage();
    const pageBoxes: Box[] = [];
    for (const l of lines) {
      const size = l.size ?? 12;
      doc.font(l.bold ? BOLD : FONT).fontSize(size).text(l.text, l.x, l.y, { lineBreak: false });
      pageBoxes.push({ x: l.x, y: l.y, w: doc.widthOfString(l.text), h: size * 1.15 });
    }
    boxes.push(pageBoxes);
  }
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), boxes };
}

export interface SeededDb {
  app: App;
  /** what `--db` takes: the SQLite file, or the PostgreSQL URL */
  dbFile: string;
  dataDir: string;
  /** Hà Giang report, province misread ("HÀ GANG"), one figure unsure */
  haGiang: string;
  /** document whose text carries markup */
  hostile: string;
  /** a clean, accepted document */
  clean: string;
}

const HOSTILE_TEXT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';
export { HOSTILE_TEXT };

function field(name: string, value: unknown, confidence: number, status: FieldRecord['status'], page: number | null, box: Box | null, sourceText: string | null,
  extra: Partial<FieldRecord> = {}): FieldRecord {
  return { name, value, confidence, status, page, box, sourceText, findings: [], candidates: [], ...extra };
}

async function addDocument(app: App, id: string, fileName: string, pages: Line[][], build: (boxes: Box[][]) => {
  header: HeaderColumns; fields: FieldRecord[]; indicators: IndicatorRecord[];
}): Promise<void> {
  const { bytes, boxes } = await makePdf(pages);
  const sha = sha256Of(bytes);
  // on PostgreSQL the original lives in the database (`pg:`), as `tonghop ingest --db URL` keeps it
  const storePath = app.cfg.pgUrl ? putPgOriginal(app, bytes, sha, '.pdf') : app.store.put(bytes, sha, '.pdf');
  app.repo.insert({ id, fileName, sourcePath: null, sha256: sha, size: bytes.length, storePath, status: 'pending' });
  app.repo.completeStage(id, 'ingest', 0, {});
  const x = build(boxes);
  app.repo.replaceExtraction(id, x.header, x.fields, x.indicators, []);
  app.repo.refreshStatus(id);
}

/** Page 1 of a Hà Giang report as pipeline tests draw it; `dateLine` varies the place-and-date line. */
export const haGiangReportPage = (dateLine = 'Hà Giang, ngày 29 tháng 6 năm 2023'): Line[] => [
  { text: 'ỦY BAN NHÂN DÂN', x: 60, y: 50, size: 11 },
  { text: 'TỈNH HÀ GIANG', x: 62, y: 65, size: 11, bold: true },
  { text: 'Số: 280/BC-UBND', x: 70, y: 90, size: 11 },
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 300, y: 50, size: 10, bold: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', x: 345, y: 65, size: 10, bold: true },
  { text: dateLine, x: 330, y: 90, size: 10 },
  { text: 'BÁO CÁO', x: 265, y: 130, size: 14, bold: true },
  { text: 'Kết quả thực hiện Chương trình phối hợp giảm nghèo 6 tháng đầu năm 2023', x: 70, y: 150, size: 11, bold: true },
];

const headerLines = (issuer: string, number: string, date: string, title: string): Line[] => [
  { text: 'ỦY BAN NHÂN DÂN', x: 60, y: 50, size: 11 },
  { text: issuer, x: 50, y: 65, size: 11, bold: true },
  { text: `Số: ${number}`, x: 70, y: 90, size: 11 },
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: 300, y: 50, size: 10, bold: true },
  { text: 'Độc lập - Tự do - Hạnh phúc', x: 345, y: 65, size: 10, bold: true },
  { text: date, x: 330, y: 90, size: 10 },
  { text: 'BÁO CÁO', x: 265, y: 130, size: 14, bold: true },
  { text: title, x: 90, y: 150, size: 11, bold: true },
];

/** Keeps an original in the PostgreSQL store's `originals` table and returns its `pg:` store path. */
function putPgOriginal(app: App, bytes: Buffer, sha: string, ext: string): string {
  app.db.prepare('INSERT OR IGNORE INTO originals (sha256, bytes) VALUES (?, ?)').run(sha, bytes);
  return `pg:${sha}${ext}`;
}

/**
 * The review fixture in a fresh SQLite file, or (pgUrl: an empty PostgreSQL database) in the
 * PostgreSQL store through the same repositories; dataDir is then this machine's caches.
 */
export async function seedReviewDb(opts: { pgUrl?: string } = {}): Promise<SeededDb> {
  const dataDir = tempDir('tonghop-review-');
  const dbFile = path.join(dataDir, 'tonghop.db');
  const app = openApp(opts.pgUrl ? makePgConfig(opts.pgUrl, {}, { TONGHOP_DATA: dataDir }) : makeConfig({ dbFile, dataDir }));

  await addDocument(app, 'hagiang0000000001', 'ha-giang-bc.pdf', [
    headerLines('UBND TỈNH HÀ GANG', '280/BC-UBND', 'Hà Giang, ngày 29 tháng 6 năm 2023', 'Kết quả thực hiện Chương trình phối hợp 6 tháng đầu năm 2023'),
    [
      { text: '1. Kết quả công tác truyền thông', x: 60, y: 60, size: 12, bold: true },
      { text: 'Đài Phát thanh - Truyền hình tỉnh đã thực hiện 452 chương trình phát thanh', x: 60, y: 90, size: 11 },
      { text: 'và 4.520 lượt phát sóng trên hệ thống truyền thanh cơ sở; 38 chương trình truyền hình.', x: 60, y: 106, size: 11 },
    ],
  ], (b) => ({
    header: { pages: 2, text_source: 'text', category: 'report', period: '6 tháng đầu năm 2023', doc_type: 'BC', doc_number: '280/BC-UBND',
      issue_date: '2023-06-29', province_code: null, province_name: null, issuer: 'ỦY BAN NHÂN DÂN / UBND TỈNH HÀ GANG', title: 'Kết quả thực hiện Chương trình phối hợp' },
    fields: [
      field('docNumber', '280/BC-UBND', 0.98, 'accepted', 1, b[0][2], 'Số: 280/BC-UBND'),
      field('docType', 'BC', 0.98, 'accepted', 1, b[0][2], 'Số: 280/BC-UBND'),
      field('issueDate', '2023-06-29', 0.97, 'accepted', 1, b[0][5], 'Hà Giang, ngày 29 tháng 6 năm 2023'),
      field('province', null, 0.42, 'needs_review', 1, b[0][1], 'ỦY BAN NHÂN DÂN / UBND TỈNH HÀ GANG', {
        findings: [{ code: 'province.not_found', message: 'Không xác định được tỉnh, thành phố ban hành văn bản.' }],
        candidates: [
          { value: { code: '02', name: 'Hà Giang' }, score: 0.86, label: 'Hà Giang' },
          { value: { code: '35', name: 'Hà Nam' }, score: 0.61, label: 'Hà Nam' },
        ],
      }),
    ],
    indicators: [
      { key: 'radio_programs', label: 'chương trình phát thanh', value: 4520, unit: 'chương trình', qualifier: 'exact', confidence: 0.55, status: 'needs_review',
        page: 2, box: b[1][1], sourceText: 'Đài Phát thanh - Truyền hình tỉnh đã thực hiện 452 chương trình phát thanh và 4.520 lượt phát sóng', subValues: [],
        findings: [{ code: 'indicator.conflict', message: 'Hai số gần nhau: 452 và 4.520.' }] },
      { key: 'tv_programs', label: 'chương trình truyền hình', value: 38, unit: 'chương trình', qualifier: 'exact', confidence: 0.96, status: 'accepted',
        page: 2, box: b[1][2], sourceText: '38 chương trình truyền hình', subValues: [], findings: [] },
    ],
  }));

  await addDocument(app, 'hostile0000000002', 'bc-<b>dangerous</b>.pdf', [
    headerLines('UBND TỈNH CAO BẰNG', '15/BC-UBND', 'Cao Bằng, ngày 31 tháng 02 năm 2023', HOSTILE_TEXT),
  ], (b) => ({
    header: { pages: 1, text_source: 'text', category: 'report', period: '6 tháng đầu năm 2023', doc_type: 'BC', doc_number: '15/BC-UBND',
      issue_date: null, province_code: '04', province_name: 'Cao Bằng', issuer: `UBND TỈNH CAO BẰNG ${HOSTILE_TEXT}`, title: HOSTILE_TEXT },
    fields: [
      field('docNumber', '15/BC-UBND', 0.98, 'accepted', 1, b[0][2], 'Số: 15/BC-UBND'),
      field('docType', 'BC', 0.98, 'accepted', 1, b[0][2], 'Số: 15/BC-UBND'),
      field('issueDate', null, 0.3, 'needs_review', 1, b[0][5], `Cao Bằng, ngày 31 tháng 02 năm 2023 ${HOSTILE_TEXT}`, {
        findings: [{ code: 'date.invalid', message: `Ngày không có thật: ${HOSTILE_TEXT}` }],
      }),
      field('province', { code: '04', name: 'Cao Bằng' }, 0.97, 'accepted', 1, b[0][1], 'UBND TỈNH CAO BẰNG'),
    ],
    indicators: [],
  }));

  await addDocument(app, 'clean000000000003', 'tuyen-quang-ctr.pdf', [
    headerLines('UBND TỈNH TUYÊN QUANG', '07/CTr-UBND', 'Tuyên Quang, ngày 11 tháng 4 năm 2023', 'Chương trình phối hợp giảm nghèo'),
  ], (b) => ({
    header: { pages: 1, text_source: 'text', category: 'programme', period: null, doc_type: 'CTr', doc_number: '07/CTr-UBND',
      issue_date: '2023-04-11', province_code: '08', province_name: 'Tuyên Quang', issuer: 'UBND TỈNH TUYÊN QUANG', title: 'Chương trình phối hợp giảm nghèo' },
    fields: [
      field('docNumber', '07/CTr-UBND', 0.99, 'accepted', 1, b[0][2], 'Số: 07/CTr-UBND'),
      field('docType', 'CTr', 0.99, 'accepted', 1, b[0][2], 'Số: 07/CTr-UBND'),
      field('issueDate', '2023-04-11', 0.99, 'accepted', 1, b[0][5], 'Tuyên Quang, ngày 11 tháng 4 năm 2023'),
      field('province', { code: '08', name: 'Tuyên Quang' }, 0.99, 'accepted', 1, b[0][1], 'UBND TỈNH TUYÊN QUANG'),
    ],
    indicators: [],
  }));

  return { app, dbFile: opts.pgUrl ?? dbFile, dataDir, haGiang: 'hagiang0000000001', hostile: 'hostile0000000002', clean: 'clean000000000003' };
}

/** A plain HTTP request that keeps the path as written (fetch would normalise "../"). */
export async function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
