// Text folding for matching Vietnamese names: NFC first (as the STACK-NOTES advise),
// then lower case, strip combining marks, fold đ→d, collapse spaces and dashes.

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** "Bà Rịa – Vũng Tàu" → "ba ria - vung tau"; "ĐẮK LẮK" → "dak lak". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Fold character by character so that indices in the result are indices in the NFC input
 * (foldVietnamese collapses spaces and trims, which loses positions). Also folds the
 * look-alike Ð/ð (U+00D0/U+00F0) that OCR and some fonts emit for Đ/đ.
 */
export function foldChars(s: string): string {
  let out = '';
  for (const ch of nfc(s)) {
    if (ch.length > 1) { out += ch; continue; } // astral: keep length
    let c = ch.normalize('NFD')[0];
    if (c === 'đ' || c === 'Đ' || c === 'Ð' || c === 'ð') c = 'd';
    else if (/[\u2010-\u2015\u2212]/.test(c)) c = '-';
    out += c.toLowerCase().length === 1 ? c.toLowerCase() : c;
  }
  return out;
}

/** True when the string carries any Vietnamese diacritic (so a missing one is informative). */
export function hasDiacritics(s: string): boolean {
  return /[\u0300-\u036fđĐÐð]/.test(s.normalize('NFD'));
}
