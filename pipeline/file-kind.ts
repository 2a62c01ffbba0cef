// What a file really is, from its first bytes (never from its name).
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'html' | 'zip' | 'empty' | 'unknown';

export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  const ascii = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  if (ascii.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x89 && ascii.startsWith('\x89PNG')) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  if (ascii.startsWith('PK\x03\x04')) return 'zip';
  if (/^\s*(<!doctype html|<html|<\?xml|<head|<body)/i.test(ascii)) return 'html';
  return 'unknown';
}

export const KIND_MESSAGES: Record<Exclude<FileKind, 'pdf' | 'png' | 'jpeg' | 'tiff'>, { code: string; message: string }> = {
  empty: { code: 'file.empty', message: 'Tệp rỗng (0 byte).' },
  html: { code: 'file.not_pdf', message: 'Tệp là trang HTML, không phải PDF hay ảnh.' },
  zip: { code: 'file.not_pdf', message: 'Tệp là tệp nén ZIP/DOCX/XLSX, không phải PDF hay ảnh. Hãy lưu văn bản dưới dạng PDF.' },
  unknown: { code: 'file.not_pdf', message: 'Không nhận ra định dạng tệp: không phải PDF, PNG, JPEG hay TIFF.' },
};

/** Declared pixel size of a PNG or JPEG from its header (no decoding); null when not found. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) { i++; continue; }
      const marker = b[i + 1];
      if (marker === 0xff) { i++; continue; }
      // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}
