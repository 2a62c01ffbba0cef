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
