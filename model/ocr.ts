// What OCR adds to a page that the rest of the pipeline reads: the received stamp.
import type { Box, PageText, TextLine } from './document.js';

export type Rotation = 0 | 90 | 180 | 270;

export interface ReceivedStamp {
  /** PDF points, upright page */
  box: Box;
  /** the stamp's text lines (removed from the page's `items`/`lines` unless keepStampText) */
  lines: TextLine[];
  /** "Số: 1234" on the stamp, as read */
  number: string | null;
  /** "Ngày: 03/7/2023" on the stamp, as read */
  date: string | null;
  /** how it was found */
  by: 'blue-ink' | 'text';
}

/**
 * A second, targeted OCR read of one header line (the "Số:" line, the date line): single-line mode,
 * with only the characters the value can hold. Agreeing with the page read, it confirms the value.
 */
export interface LineReread {
  /** PDF points, upright page: the line that was read again */
  box: Box;
  text: string;
  /** 0..1, the re-read's own confidence */
  conf: number;
}

/**
 * A doubtful figure token ("20.761.960") read again alone, at a higher resolution, with digits
 * and separators only; its page-read confidence is then set by extractors/reread-checks.ts.
 */
export interface TokenReread {
  /** PDF points, upright page */
  box: Box;
  /** the page read of the token, and its confidence then */
  text: string;
  conf: number;
  /** what the second read saw */
  reread: string;
}

/** A page as the text stage gives it: a text layer, or an OCR page that may carry a received stamp and re-reads. */
export type ReadPage = PageText & { receivedStamp?: ReceivedStamp | null; numberReread?: LineReread | null; dateReread?: LineReread | null; figureRereads?: TokenReread[] };
