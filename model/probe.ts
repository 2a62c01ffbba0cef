// What the probe stage learns about a file before any text is read.
import type { Finding } from './document.js';

export interface ProbeResult {
  /** docx, xlsx, doc: Word and Excel files, laid out as positioned pages (extractors/office) */
  kind: 'pdf' | 'image' | 'docx' | 'xlsx' | 'doc' | 'edxml';
  pages: number;
  /** 1-based pages whose text layer is usable */
  textPages: number[];
  /** 1-based pages to OCR */
  scanPages: number[];
  /** edxml: the documents taken in from the package's attachments (ids), each processed on its own */
  attachments?: string[];
  /** things worth knowing that do not stop processing (JavaScript, attachments, a repaired xref) */
  findings?: Finding[];
}

/** What the raw bytes of a PDF say, without parsing it. */
export interface PdfStructure {
  /** a `%%EOF` marker in the last 4 KB: the file was not cut short */
  hasEof: boolean;
  /** `startxref` points at an xref table or stream */
  xrefOk: boolean;
  imageCount: number;
  /** the largest image XObject by declared pixels (width × height) */
  largestImage: { width: number; height: number } | null;
  javascript: boolean;
  embeddedFiles: boolean;
}
