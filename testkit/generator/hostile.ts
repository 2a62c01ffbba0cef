// Builders for the inbox service's test inputs: valid born-digital PDFs (pdfkit + DejaVu) and
// every kind of hostile or broken file the service must survive. Deterministic: the same call
// gives the same bytes (except the encrypted PDF, whose salt pdfkit draws at random).
//
//   node --import tsx scripts/hostile-fixtures.ts OUT_DIR    writes one of each into OUT_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { zipSync, strToU8 } from 'fflate';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(fontDir, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

const PROVINCES = ['Hà Giang', 'Cao Bằng', 'Lào Cai', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Yên Bái', 'Hòa Bình', 'Thái Nguyên', 'Lạng Sơn'];

/** A small born-digital report; `seed` varies the numbers, province and date (so the sha256 differs). */
export async function validPdf(seed: number, opts: { userPassword?: string; pages?: number } = {}): Promise<Buffer> {
  const province = PROVINCES[seed % PROVINCES.length];
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 40, bottom: 40, left: 50, right: 40 }, autoFirstPage: false,
    info: { CreationDate: new Date(0), Title: `Báo cáo ${seed}` } as PDFKit.DocumentInfo,
    ...(opts.userPassword ? { userPassword: opts.userPassword, ownerPassword: `${opts.userPassword}-owner`, pdfVersion: '1.7' as const } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('R', FONT);
  doc.registerFont('B', FONT_BOLD);
  const day = 1 + (seed % 28);
  const month = 1 + (seed % 12);
  for (let p = 0; p < (opts.pages ?? 1); p++) {
    doc.addPage();
    if (p === 0) {
      doc.font('B').fontSize(11);
      doc.text(`ỦY BAN NHÂN DÂN TỈNH ${province.toUpperCase()}`, 50, 50);
      doc.text('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 50, 66);
      doc.font('R').text(`Số: ${100 + seed}/BC-SLĐTBXH`, 50, 90);
      doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 300, 50);
      doc.text('Độc lập - Tự do - Hạnh phúc', 330, 66);
      doc.text(`${province}, ngày ${day} tháng ${month} năm 2023`, 300, 90);
      doc.font('B').fontSize(13).text('BÁO CÁO', 50, 130, { align: 'center', width: 500 });
      doc.font('B').fontSize(11).text('Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững', { align: 'center', width: 500 });
      doc.moveDown();
    }
    doc.font('R').fontSize(11);
    doc.text(`1. Số hộ nghèo giảm trong kỳ là ${1000 + seed * 7} hộ, tỷ lệ hộ nghèo còn ${(20 + (seed % 9) / 10).toFixed(1).replace('.', ',')}%.`, { width: 500 });
    doc.text(`2. Đài phát thanh tỉnh đã sản xuất ${200 + seed} chương trình phát thanh về giảm nghèo.`, { width: 500 });
    doc.text(`3. Hỗ trợ đào tạo nghề cho ${300 + seed * 3} lao động, giải quyết việc làm cho ${1500 + seed} lao động.`, { width: 500 });
    doc.text(`Trang ${p + 1}. Mã tài liệu thử nghiệm ${seed}.`, { width: 500 });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// ---- a tiny PDF writer, for structures pdfkit will not make ---------------------------------

/** Writes objects 1..n (each given as its body text) with a correct xref table and trailer. */
export function rawPdf(objects: (string | Buffer)[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let len = parts[0].length;
  objects.forEach((body, i) => {
    offsets.push(len);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    len += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${len}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const stream = (dict: string, data: string | Buffer) => {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
};

const textContent = (lines: string[]) =>
  `BT /F1 11 Tf 50 780 Td 14 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) '`).join(' ')} ET`;

const BODY_ASCII = [
  'UY BAN NHAN DAN TINH HA GIANG - So: 12/BC-UBND',
  'Ha Giang, ngay 10 thang 5 nam 2023',
  'BAO CAO ket qua thuc hien chuong trinh giam ngheo ben vung nam 2023.',
  'So ho ngheo giam trong ky la 1.234 ho; dao tao nghe cho 560 lao dong.',
];

/** One page of ASCII text (standard Helvetica), with extra catalogue entries. */
function textPdfWith(catalogExtra: string, extraObjects: (string | Buffer)[] = [], lines = BODY_ASCII): Buffer {
  return rawPdf([
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('', textContent(lines)),
    ...extraObjects,
  ]);
}

/** A PDF that runs JavaScript when opened (in a viewer that runs it; we never do). */
export function javascriptPdf(variant = 0): Buffer {
  return textPdfWith('/OpenAction 6 0 R /Names << /JavaScript << /Names [(x) 6 0 R] >> >>', [
    '<< /Type /Action /S /JavaScript /JS (app.alert\\("pwned"\\); this.exportDataObject\\({cName: "a"}\\);) >>',
  ], [...BODY_ASCII, `Tai lieu co JavaScript (khong duoc thuc thi). Ban ${variant}.`]);
}

/** A PDF carrying an attached file (could be an executable). */
export function embeddedFilePdf(variant = 0): Buffer {
  return textPdfWith('/Names << /EmbeddedFiles << /Names [(payload.exe) 6 0 R] >> >>', [
    '<< /Type /Filespec /F (payload.exe) /UF (payload.exe) /EF << /F 7 0 R >> >>',
    stream('/Type /EmbeddedFile', 'MZ\x90\x00 this is not really an executable'),
  ], [...BODY_ASCII, `Tai lieu co tep dinh kem (khong duoc mo). Ban ${variant}.`]);
}

/** A page with neither text nor any image: nothing to read, not even by OCR. */
export function blankPdf(pages = 2): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ');
  const pageObjs = Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents ${3 + pages} 0 R >>`);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...pageObjs,
    stream('', ''),
  ]);
}

/** Many real pages (each a tiny text page): over the configured page limit. */
export function manyPagesPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...Array.from({ length: pages }, () => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${4 + pages} 0 R >>`),
    stream('', textContent(['Trang lap lai de vuot gioi han so trang cho phep.'])),
  ]);
}

/** A page image that claims enormous dimensions (a decompression bomb in waiting). */
export function hugeImagePdf(width = 60_000, height = 60_000): Buffer {
  const data = zlib.deflateSync(Buffer.alloc(4096, 0xff));
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, data),
    stream('', 'q 595 0 0 842 0 0 cm /Im1 Do Q'),
  ]);
}

// ---- byte surgery on valid PDFs ------------------------------------------------------------

/** The first `fraction` of the bytes: what a copy cut short leaves. */
export function truncated(pdf: Buffer, fraction = 0.6): Buffer {
  return pdf.subarray(0, Math.floor(pdf.length * fraction));
}

/** Every xref offset and the startxref pointer made wrong (same length, so nothing else moves). */
export function corruptXref(pdf: Buffer): Buffer {
  const s = pdf.toString('latin1');
  const at = s.lastIndexOf('\nxref\n');
  const sx = s.lastIndexOf('startxref\n');
  if (at < 0 || sx < 0) throw new Error('no classic xref table to corrupt');
  const table = s.slice(at, sx).replace(/^(\d{10}) (\d{5}) n/gm, (_m, off: string, gen: string) => `${String((Number(off) * 7 + 13) % 10 ** 10).padStart(10, '0')} ${gen} n`);
  const tail = s.slice(sx).replace(/startxref\n(\d+)/, (_m, n: string) => `startxref\n${String(Number(n) + 17).padStart(n.length, '9').slice(0, n.length)}`);
  return Buffer.from(s.slice(0, at) + table + tail, 'latin1');
}

// ---- not PDFs at all -------------------------------------------------------------------------

export function htmlBytes(variant = 0): Buffer {
  return Buffer.from(`<!DOCTYPE html>\n<html><head><title>Báo cáo ${variant}</title></head><body><p>Trang web đã lưu với đuôi .pdf</p><script>alert(1)</script></body></html>\n`, 'utf8');
}

/** A stored (uncompressed) ZIP with the given entries. */
export function zipBytes(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function docxBytes(variant = 0): Buffer {
  return zipBytes({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo ${variant}</w:t></w:r></w:p></w:body></w:document>`,
  });
}

const DOCX_XML = (v: number) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo ${v}</w:t></w:r></w:p></w:body></w:document>`;

/** A DOCX whose document part inflates 20 MB of zeros from a few KB (ratio over 1000:1). */
export function zipBombDocx(variant = 0): Buffer {
  const zeros = new Uint8Array(20 * 1024 * 1024);
  zeros[0] = variant % 256;
  return Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': zeros }, { level: 9 }));
}

/** A small edXML package (QCVN 102:2016 names) with an optional prolog and one attachment's base64 as given. */
export function edxmlBytes(variant: number, o: { prolog?: string; attachment?: string }): Buffer {
  const att = o.attachment === undefined ? '' : `<edXML:AttachmentEncoded><edXML:Attachment><edXML:AttachmentName>bao-cao.pdf</edXML:AttachmentName><edXML:AttachmentText>${o.attachment}</edXML:AttachmentText></edXML:Attachment></edXML:AttachmentEncoded>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${o.prolog ?? ''}<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader><edXML:MessageHeader><edXML:Code><edXML:CodeNumber>${variant}</edXML:CodeNumber><edXML:CodeNotation>BC-UBND</edXML:CodeNotation></edXML:Code><edXML:Subject>Báo cáo ${variant}</edXML:Subject></edXML:MessageHeader></edXML:edXMLHeader>${att}</edXML:edXMLEnvelope>\n`, 'utf8');
}

/** A valid PDF with a signature dictionary appended whose byte range lies and whose CMS is garbage. */
export function brokenSignaturePdf(pdf: Buffer): Buffer {
  const sig = `\n9999 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 ${pdf.length} 0] /Contents <3082ffff0102030405> /M (D:20230629101500+07'00') >>\nendobj\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(sig, 'latin1')]);
}

// ---- the catalogue ---------------------------------------------------------------------------

export type Expected =
  | { dest: 'archive'; finding?: string }
  | { dest: 'duplicate' }
  | { dest: 'quarantine'; code: string };

export interface HostileCase {
  kind: string;
  /** file name in the inbox (odd on purpose for some) */
  name: string;
  expect: Expected;
  /** the bytes, or null for entries that are not regular files (folder, symlink) */
  build: () => Promise<Buffer | null> | Buffer | null;
  /** for folder/symlink: makes the entry at `target` (the inbox path) */
  place?: (target: string, scratch: string) => void;
}

/** Every hostile kind once; `maxPages` must match the config the service runs with (default 300). */
export function hostileCases(opts: { maxPages?: number; tag?: string } = {}): HostileCase[] {
  const t = opts.tag ?? '';
  // a different tag gives different bytes (except zero-byte, which is always the same content)
  const v = [...t].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 997, 0);
  const seed = (n: number) => n + v * 100;
  const maxPages = opts.maxPages ?? 300;
  return [
    { kind: 'zero-byte', name: `rong${t}.pdf`, expect: { dest: 'quarantine', code: 'file.empty' }, build: () => Buffer.alloc(0) },
    { kind: 'truncated', name: `cat-cut${t}.pdf`, expect: { dest: 'quarantine', code: 'pdf.truncated' }, build: async () => truncated(await validPdf(seed(9001))) },
    { kind: 'corrupt-xref', name: `xref-hong${t}.pdf`, expect: { dest: 'archive', finding: 'pdf.xref_repaired' }, build: async () => corruptXref(await validPdf(seed(9002))) },
    { kind: 'encrypted', name: `mat-khau${t}.pdf`, expect: { dest: 'quarantine', code: 'pdf.encrypted' }, build: () => validPdf(seed(9003), { userPassword: 'secret' }) },
    { kind: 'html', name: `trang-web${t}.pdf`, expect: { dest: 'quarantine', code: 'file.not_pdf' }, build: () => htmlBytes(v) },
    { kind: 'zip', name: `nen${t}.pdf`, expect: { dest: 'quarantine', code: 'file.not_pdf' }, build: () => zipBytes({ 'a.txt': `xin chào ${v}` }) },
    // a Word document is read (issue 14), whatever its name says
    { kind: 'docx', name: `van-ban-word${t}.pdf`, expect: { dest: 'archive' }, build: () => docxBytes(v) },
    { kind: 'zip-bomb', name: `bom-nen${t}.docx`, expect: { dest: 'quarantine', code: 'office.zip_bomb' }, build: () => zipBombDocx(v) },
    { kind: 'zip-path', name: `duong-dan-nguy-hiem${t}.docx`, expect: { dest: 'quarantine', code: 'office.path_entry' }, build: () => zipBytes({ 'word/document.xml': DOCX_XML(v), '../../../tmp/evil.sh': 'rm -rf ~' }) },
    { kind: 'docx-xxe', name: `thuc-the-xml${t}.docx`, expect: { dest: 'quarantine', code: 'xml.entities' }, build: () => zipBytes({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${DOCX_XML(v)}` }) },
    { kind: 'edxml-laughs', name: `goi-tin-thuc-the${t}.edxml`, expect: { dest: 'quarantine', code: 'xml.entities' }, build: () => edxmlBytes(v, { prolog: '<!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' }) },
    { kind: 'edxml-base64', name: `goi-tin-base64-hong${t}.edxml`, expect: { dest: 'quarantine', code: 'edxml.bad_encoding' }, build: () => edxmlBytes(v, { attachment: 'JVBERi0xLjc$$$***' }) },
    // a broken signature (a lying byte range over a malformed CMS) never loses the document
    { kind: 'bad-signature', name: `chu-ky-hong${t}.pdf`, expect: { dest: 'archive' }, build: async () => brokenSignaturePdf(await validPdf(seed(9014))) },
    { kind: 'many-pages', name: `qua-nhieu-trang${t}.pdf`, expect: { dest: 'quarantine', code: 'pdf.too_many_pages' }, build: () => manyPagesPdf(maxPages + 20 + v) },
    { kind: 'huge-image', name: `anh-khong-lo${t}.pdf`, expect: { dest: 'quarantine', code: 'pdf.image_too_large' }, build: () => hugeImagePdf(60_000 + v) },
    { kind: 'javascript', name: `co-javascript${t}.pdf`, expect: { dest: 'archive', finding: 'pdf.javascript' }, build: () => javascriptPdf(v) },
    { kind: 'embedded-file', name: `tep-dinh-kem${t}.pdf`, expect: { dest: 'archive', finding: 'pdf.embedded_files' }, build: () => embeddedFilePdf(v) },
    { kind: 'blank', name: `trang-trang${t}.pdf`, expect: { dest: 'quarantine', code: 'pdf.no_content' }, build: () => blankPdf(2 + (v % 5)) },
    { kind: 'name-spaces', name: `  báo cáo   có dấu cách ${t} .pdf`, expect: { dest: 'archive' }, build: () => validPdf(seed(9010)) },
    { kind: 'name-vietnamese', name: `Báo cáo Sở LĐTBXH tỉnh Hà Giang – quý II${t}.pdf`, expect: { dest: 'archive' }, build: () => validPdf(seed(9011)) },
    { kind: 'name-long', name: `${`${t}${'Chương trình phối hợp giảm nghèo bền vững '.repeat(4)}`.slice(0, 170).trimEnd()}.pdf`, expect: { dest: 'archive' }, build: () => validPdf(seed(9012)) },
    { kind: 'name-dash', name: `--rf -x${t}.pdf`, expect: { dest: 'archive' }, build: () => validPdf(seed(9013)) },
    {
      kind: 'folder', name: `thu-muc${t}.pdf`, expect: { dest: 'quarantine', code: 'inbox.folder' }, build: () => null,
      place: (target) => { fs.mkdirSync(target); fs.writeFileSync(path.join(target, 'ben-trong.pdf'), blankPdf(1)); },
    },
    {
      kind: 'symlink', name: `lien-ket${t}.pdf`, expect: { dest: 'quarantine', code: 'inbox.symlink' }, build: () => null,
      place: (target, scratch) => {
        const outside = path.join(scratch, `outside${t}.txt`);
        fs.writeFileSync(outside, 'a file outside the inbox that must never be read');
        fs.symlinkSync(outside, target);
      },
    },
  ];
}

/** Writes the case into `dir` (via a temp name and rename, so the watcher sees it whole). */
export async function placeCase(c: HostileCase, dir: string, scratch: string): Promise<string> {
  const target = path.join(dir, c.name);
  if (c.place) { c.place(target, scratch); return target; }
  const bytes = await c.build();
  fs.writeFileSync(path.join(scratch, '.tmp-place'), bytes!);
  fs.renameSync(path.join(scratch, '.tmp-place'), target);
  return target;
}
