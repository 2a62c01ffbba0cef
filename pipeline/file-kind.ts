// What a file really is, from its first bytes (never from its name).
import { TonghopError } from '../model/errors.js';

export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'html' | 'xml' | 'zip' | 'ole' | 'empty' | 'unknown';

export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return 'empty';
  const ascii = Buffer.from(head.subarray(0, 1024)).toString('latin1');
  if (ascii.slice(0, 1024).includes('%PDF-')) return 'pdf';
  if (head[0] === 0x89 && ascii.startsWith('\x89PNG')) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  if (ascii.startsWith('PK\x03\x04')) return 'zip';
  // OLE compound file: Word 97–2003 (.doc), also old .xls/.msg (the probe tells them apart)
  if (ascii.startsWith('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1')) return 'ole';
  // XML (an edXML package is one; the probe tells) unless it is XHTML
  if (/^(\xef\xbb\xbf)?\s*(<\?xml|<([\w-]+:)?edXML)/.test(ascii) && !/<html[\s>]/i.test(ascii)) return 'xml';
  if (/^\s*(<!doctype html|<html|<\?xml|<head|<body)/i.test(ascii)) return 'html';
  return 'unknown';
}

/** Kinds the pipeline refuses; `docx` is a zip holding a Word document (told apart by the probe). */
export type RefusedKind = Exclude<FileKind, 'pdf' | 'png' | 'jpeg' | 'tiff'> | 'docx';

/** The `{detail}` of file.not_pdf per kind: what the file is and what to do (model/errors.ts holds the message). */
const NOT_PDF_DETAIL: Record<Exclude<RefusedKind, 'empty'>, string> = {
  html: 'đây là trang HTML',
  xml: 'đây là tệp XML nhưng không phải gói tin edXML',
  zip: 'đây là tệp nén ZIP, không phải văn bản Word (DOCX) hay bảng tính Excel (XLSX)',
  ole: 'đây là tệp Office cũ không phải văn bản Word 97–2003 (.doc); hãy lưu dưới dạng PDF, DOCX hoặc XLSX rồi gửi lại',
  docx: 'đây là văn bản Word (DOCX); hãy lưu văn bản dưới dạng PDF rồi gửi lại',
  unknown: 'không nhận ra định dạng tệp',
};

/** Why a file of this kind is refused, as an expected error with a registered code. */
export function kindRefusal(kind: RefusedKind): TonghopError<'file.empty' | 'file.not_pdf'> {
  return kind === 'empty' ? new TonghopError('file.empty') : new TonghopError('file.not_pdf', { detail: NOT_PDF_DETAIL[kind] });
}

/** Code and Vietnamese message per refused kind, from the registry. */
export const KIND_MESSAGES = Object.fromEntries((['empty', 'html', 'xml', 'zip', 'ole', 'docx', 'unknown'] as const).map((k) => {
  const { code, message } = kindRefusal(k);
  return [k, { code, message }];
})) as Record<RefusedKind, { code: 'file.empty' | 'file.not_pdf'; message: string }>;

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
