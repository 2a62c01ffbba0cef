// The words of a page as the SQLite index sees them, for the PostgreSQL form of the search index
// (issue 16; pg/search.repository.ts). SQLite splits the folded text with FTS5's unicode61
// tokenizer (remove_diacritics 2); PostgreSQL's own text-search parser splits differently
// ("280/BC-SLĐTBXH" is one `file` token there) and depends on the server's locale, so the words
// are cut here, as unicode61 cuts them, and handed to PostgreSQL as they are. Pure functions, no SQL.

/**
 * unicode61's tokens: runs of letters, digits, combining marks and private-use characters,
 * lower-cased, diacritics removed (final sigma as sigma, as unicode61 folds it). Checked against
 * FTS5 itself on Vietnamese, Latin, Greek, CJK, ligatures, superscripts, soft hyphens.
 */
export function indexTokens(text: string): string[] {
  return text.toLowerCase().replace(/ς/g, 'σ').normalize('NFD')
    .split(/[^\p{L}\p{N}\p{M}\p{Co}]+/u)
    .map((t) => t.replace(/\p{M}/gu, ''))
    .filter(Boolean);
}

/**
 * Tokens as one string, each with a space on either side (" giam  ngheo "): a phrase is then a
 * plain substring (phrasePattern), found with strpos whatever the server's locale.
 */
export const tokensText = (tokens: string[]): string => tokens.map((t) => ` ${t} `).join('');

export const phrasePattern = (phrase: string[]): string => tokensText(phrase);

/** A regular expression matching where each instance of the phrase starts, overlapping ones too (FTS5 counts them so for bm25). */
export const phraseRegex = (phrase: string[]): string => `(?=${tokensText(phrase).replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')})`;

/** PostgreSQL refuses a lexeme of 2 KiB or more; such a word is left to the substring check. */
const indexable = (t: string) => Buffer.byteLength(t, 'utf8') < 2047;

/** The distinct words of a page, for the GIN-indexed tsvector (array_to_tsvector: taken as they are). */
export function lexemesOf(tokens: string[]): string[] {
  return [...new Set(tokens.filter(indexable))];
}

/**
 * A tsquery literal requiring every word ("'giam' & 'ngheo'"), or null when none can be looked
 * up in the index (then the substring check alone decides). Positions are not used: the phrase
 * itself is checked on the tokens text, so no limit on positions (16383) or repeats (256) applies.
 */
export function tsqueryOf(tokens: string[]): string | null {
  const words = lexemesOf(tokens);
  if (words.length === 0) return null;
  return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' & ');
}
