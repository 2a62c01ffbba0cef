// A small born-digital Vietnamese report (pdfkit + DejaVu), used by the OCR tests and the bench
// until scripts/generate-fixtures.ts provides fixtures/generated/born-digital/*.pdf.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const DEJAVU = path.join(fontDir, 'DejaVuSerif.ttf');
export const DEJAVU_BOLD = path.join(fontDir, 'DejaVuSerif-Bold.ttf');

export const SAMPLE_TRUTH = {
  docNumber: '280/BC-SLĐTBXH',
  dateLine: 'Hà Giang, ngày 29 tháng 6 năm 2023',
  figure: '20.761.960',
};

const BODY = [
  'Thực hiện Kế hoạch số 45/KH-UBND ngày 15 tháng 02 năm 2023 của Ủy ban nhân dân tỉnh về',
  'thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023, Sở Lao động -',
  'Thương binh và Xã hội báo cáo kết quả thực hiện 6 tháng đầu năm 2023 như sau:',
  '1. Tổng kinh phí được giao năm 2023 là 20.761.960 nghìn đồng, trong đó vốn đầu tư phát',
  'triển 12.345.000 nghìn đồng, vốn sự nghiệp 8.416.960 nghìn đồng.',
  '2. Số hộ nghèo giảm trong 6 tháng đầu năm là 1.234 hộ, tỷ lệ hộ nghèo còn 22,15%.',
  '3. Hỗ trợ đào tạo nghề cho 560 lao động, giải quyết việc làm cho 1.820 lao động.',
  'Trên đây là báo cáo kết quả thực hiện của Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang.',
];

/** Builds the sample report; `pages` > 1 repeats the body on further pages. */
export async function makeSamplePdf(pages = 1): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 40, bottom: 40, left: 40, right: 30 }, autoFirstPage: false, info: { CreationDate: new Date(0) } as PDFKit.DocumentInfo });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('R', DEJAVU);
  doc.registerFont('B', DEJAVU_BOLD);
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    if (p === 0) {
      doc.font('R').fontSize(11);
      doc.text('UBND TỈNH HÀ GIANG', 60, 57, { width: 210, align: 'center' });
      doc.font('B').text('SỞ LAO ĐỘNG - THƯƠNG BINH', 60, 72, { width: 210, align: 'center' });
      doc.text('VÀ XÃ HỘI', 60, 87, { width: 210, align: 'center' });
      doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 285, 57, { width: 280, align: 'center' });
      doc.text('Độc lập - Tự do - Hạnh phúc', 285, 72, { width: 280, align: 'center' });
      doc.font('R').fontSize(12);
      doc.text(`Số: ${SAMPLE_TRUTH.docNumber}`, 60, 115, { width: 210, align: 'center' });
      doc.font('R').fontSize(12).text(SAMPLE_TRUTH.dateLine, 285, 115, { width: 280, align: 'center' });
      doc.font('B').fontSize(13).text('BÁO CÁO', 60, 160, { width: 490, align: 'center' });
      doc.text('Kết quả thực hiện Chương trình giảm nghèo 6 tháng đầu năm 2023', 60, 178, { width: 490, align: 'center' });
    }
    doc.font('R').fontSize(11);
    let y = p === 0 ? 225 : 70;
    for (const line of BODY) { doc.text(line, 60, y, { lineBreak: false }); y += 20; }
    if (p === pages - 1) {
      doc.font('B').fontSize(12).text('KT. GIÁM ĐỐC', 330, y + 30, { width: 220, align: 'center' });
      doc.text('PHÓ GIÁM ĐỐC', 330, y + 46, { width: 220, align: 'center' });
      doc.text('Nguyễn Văn Bình', 330, y + 120, { width: 220, align: 'center' });
    }
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A one-page "scan": a 200-dpi JPEG of some text, drawn over the whole A4 page, as a scanner writes it. */
export async function jpegScanPdf(label: string): Promise<Uint8Array> {
  const w = Math.round((595.28 * 200) / 72), h = Math.round((841.89 * 200) / 72);
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  GlobalFonts.registerFromPath(DEJAVU, 'DejaVuSerifScan'); // system fonts differ between machines
  ctx.fillStyle = '#000';
  ctx.font = '36px DejaVuSerifScan';
  ctx.fillText('ỦY BAN NHÂN DÂN TỈNH HÀ GIANG', 120, 200);
  ctx.fillText(`Số: 12${label.length}/BC-UBND`, 120, 280);
  ctx.fillText('Hà Giang, ngày 5 tháng 3 năm 2024', 760, 280);
  ctx.fillText(`BÁO CÁO ${label}`, 620, 420);
  const jpeg = c.toBuffer('image/jpeg', 90);
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { CreationDate: new Date(0) } as PDFKit.DocumentInfo });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const ended = new Promise<void>((r) => doc.on('end', () => r()));
  doc.image(jpeg, 0, 0, { width: 595.28, height: 841.89 });
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
