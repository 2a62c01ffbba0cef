// The organisation's digital signature on a separately filed attachment (Nghị định 30/2020,
// Phụ lục I, mục II): no image, only text printed at the top right of the attachment's first
// page, Times New Roman 10 pt: the number and symbol of the main document, and the signing
// time in ISO 8601 (for example "280/BC-UBND" over "2023-06-29T10:15:30+07:00", also written
// "29.06.2023 10:15:30 +07:00"). Reading it says which document this one is attached to.
import type { PageText, TextLine } from '../model/document.js';
import { findDocNumbers, normaliseDocNumber } from './doc-number.js';

export interface AttachmentMark {
  /** the main document's number and symbol, normalised ("280/BC-UBND") */
  parentNumber: string;
  /** ISO 8601 as printed, or null */
  signedAt: string | null;
  lines: TextLine[];
}

/** "2023-06-29T10:15:30+07:00", "2023-06-29 10:15:30 +07:00", "29.06.2023 10:15:30 +07:00", "29/06/2023 10:15:30". */
const TIME = /(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?\s*(?:Z|[+-]\d{2}:?\d{2})?)|(\d{2}[./]\d{2}[./]\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2})?)/;

/** The printed time as ISO 8601 (Vietnam's +07:00 when no zone is printed), or null. */
export function markTime(s: string): string | null {
  const m = TIME.exec(s);
  if (!m) return null;
  let iso = m[1]?.replace(' ', 'T').replace(/\s+/g, '');
  if (!iso) {
    const [, d, mo, y, rest] = /^(\d{2})[./](\d{2})[./](\d{4})\s+(.*)$/.exec(m[2]) ?? [];
    iso = `${y}-${mo}-${d}T${(rest ?? '').replace(/\s+/g, '')}`;
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += '+07:00';
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/**
 * The mark on page 1, or null: in the top-right corner (right half, top eighth of the page),
 * small print, a line that is only a document number next to a line that is only a time.
 * A "Số: ..." line is the document's own number, never a mark.
 */
export function findAttachmentMark(pages: readonly PageText[]): AttachmentMark | null {
  const page = pages.find((p) => p.page === 1);
  if (!page) return null;
  const corner = page.lines
    .filter((l) => l.box.x >= page.width * 0.5 && l.box.y < page.height * 0.125 && l.box.h <= 12)
    .sort((a, b) => a.box.y - b.box.y);
  for (let i = 0; i < corner.length; i++) {
    const t = corner[i].text.trim();
    if (/^s[ốo]/i.test(t)) continue;
    const nums = findDocNumbers(t);
    if (nums.length !== 1 || nums[0].raw.trim().length < t.replace(/[.,;]$/, '').length - 1) continue;
    const near = [corner[i + 1], corner[i - 1]].filter((l): l is TextLine => !!l && Math.abs(l.box.y - corner[i].box.y) < 2.5 * corner[i].box.h);
    const timeLine = near.find((l) => markTime(l.text) !== null && !/\p{L}{3,}/u.test(l.text.replace(/[TZ]/g, '')));
    if (!timeLine) continue;
    const parentNumber = normaliseDocNumber(nums[0].raw).value?.value;
    if (!parentNumber) continue;
    return { parentNumber, signedAt: markTime(timeLine.text), lines: [corner[i], timeLine] };
  }
  return null;
}
