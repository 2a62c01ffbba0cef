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
