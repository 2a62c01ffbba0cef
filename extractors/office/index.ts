// Word and Excel files as the pipeline reads them: which kind a file is (from its bytes) and
// its positioned pages. DOCX and XLSX are zips told apart by their parts; .doc is an OLE file.
import type { PageText } from '../../model/document.js';
import { zipEntryNames } from './zip.js';
import { readDocx } from './docx.js';
import { readXlsx } from './xlsx.js';
import { isOle, readDoc } from './doc.js';

export type OfficeKind = 'docx' | 'xlsx' | 'doc';

/**
 * The Office kind of a file, or null when it is none (another zip, not an OLE file). Checks the
 * zip's entries against the limits on the way (a hostile zip throws its office.* error here).
 */
export function officeKindOf(bytes: Uint8Array): OfficeKind | null {
  if (isOle(bytes)) return 'doc';
  const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
  if (head !== 'PK\x03\x04') return null;
  const names = new Set(zipEntryNames(bytes));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** The pages of an Office file of a known kind. Throws office.* / xml.* TonghopErrors. */
export async function readOffice(kind: OfficeKind, bytes: Uint8Array): Promise<PageText[]> {
  if (kind === 'docx') return readDocx(bytes);
  if (kind === 'xlsx') return readXlsx(bytes);
  return readDoc(bytes);
}
