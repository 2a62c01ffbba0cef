// A Word 97–2003 document (.doc, OLE compound file) as text: word-extractor reads the body
// text (no LibreOffice), which is laid out as left-aligned paragraphs. The header's two-column
// table is lost in this format (cells come out one after another), so header fields read from
// a .doc are less certain than from a DOCX; the readers' own confidences say so.
import WordExtractor from 'word-extractor';
import type { PageText } from '../../model/document.js';
import { TonghopError } from '../../model/errors.js';
import { layoutBlocks, type Block } from './layout.js';

/** The OLE compound-file signature (D0 CF 11 E0 A1 B1 1A E1). */
export const isOle = (b: Uint8Array) => b.length >= 8 && Buffer.from(b.subarray(0, 8)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/** Paragraphs of plain text as blocks, each knowing its paragraph number. */
export function textBlocks(text: string): Block[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.replace(/\t+/g, '  ').trim()).map((t, i) => ({
    kind: 'p' as const, runs: t ? [{ text: t, bold: false, size: 13 }] : [], align: 'left' as const, origin: { kind: 'paragraph' as const, paragraph: i + 1 },
  }));
}

/** A .doc as positioned pages. Throws office.invalid when it is not a Word 97 document. */
export async function readDoc(bytes: Uint8Array): Promise<PageText[]> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes));
    body = doc.getBody();
  } catch (err) {
    throw new TonghopError('office.invalid', { detail: `không đọc được văn bản Word 97–2003: ${((err as Error)?.message ?? String(err)).slice(0, 200)}` });
  }
  return layoutBlocks(textBlocks(body));
}
