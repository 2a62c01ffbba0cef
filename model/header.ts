// The document header as read (HeaderFields) and as normalised (NormalisedHeader), and what
// the document is about (Classification).
import type { ExtractedField, Finding } from './document.js';

export interface HeaderFields {
  docNumberRaw: ExtractedField<string>;
  dateLine: ExtractedField<string>;
  issuerLines: ExtractedField<string[]>;
  /** OCR confidence of each issuer line (1 for a text layer) */
  issuerConfs: number[];
  typeName: ExtractedField<string>;
  title: ExtractedField<string>;
  /** the received stamp ("CÔNG VĂN ĐẾN / Số .. / Ngày ..") when one was seen, never used as the document's own */
  receivedStamp: string | null;
  findings: Finding[];
}

/** What the document is about: a coordination programme, a report on it, or something else. */
export interface Classification {
  category: 'programme' | 'report' | 'other';
  period: string | null;
  /** 0..1 */
  confidence: number;
  /** the cues that decided it ("tên loại: BÁO CÁO", "ký hiệu: BC"), shown to a reviewer */
  evidence?: string[];
}

export interface ProvinceValue { code: string; name: string }

export interface NormalisedHeader {
  docNumber: ExtractedField<string>;
  docType: ExtractedField<string>;
  issueDate: ExtractedField<string>;
  province: ExtractedField<ProvinceValue>;
  /** date on the "CÔNG VĂN ĐẾN" received stamp, when a scan carries one */
  receivedDate: ExtractedField<string> | null;
  issuer: string | null;
  title: string | null;
  classification: Classification;
}

/** The header fields a person reviews, in the order they are stored. */
export const HEADER_FIELDS = ['docNumber', 'docType', 'issueDate', 'province'] as const;
export type HeaderFieldName = (typeof HEADER_FIELDS)[number];
