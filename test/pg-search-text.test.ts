// Small test (issues 15, 16): the search queries as each store gets them. SQLite: the FTS5 query
// string. PostgreSQL: the page's words cut as FTS5's unicode61 tokenizer (remove_diacritics 2)
// cuts them (the expected tokens below are what FTS5 itself gave for these strings, read back
// through an fts5vocab table), the tokens text a phrase is found in, the tsquery of the words.
import { fts5Match } from '../pipeline/db/search.repository.js';
import { indexTokens, lexemesOf, phrasePattern, phraseRegex, tokensText, tsqueryOf } from '../pipeline/pg/search-text.js';
import { asPhrase, asWords, queryTokens } from '../pipeline/search.js';
import { foldChars } from '../extractors/text-fold.js';

describe('FTS5 query (SQLite)', () => {
  it('is the words as one phrase, or every word, on the folded column', () => {
    expect(fts5Match(asPhrase(queryTokens('Giảm nghèo')))).toBe('folded : "giam ngheo"');
    expect(fts5Match(asWords(queryTokens('Giảm nghèo')))).toBe('folded : "giam" AND "ngheo"');
    expect(fts5Match(asPhrase(queryTokens('954/SLĐTBXH-BTXH&PCTN')))).toBe('folded : "954 sldtbxh btxh pctn"');
    expect(fts5Match({ phrases: [['a"b']] })).toBe('folded : "a""b"');
  });
});

describe('page words for the PostgreSQL index', () => {
  it('cuts and folds words as FTS5 unicode61 with remove_diacritics 2 does', () => {
    const fts5: [string, string[]][] = [
      ['“giảm nghèo” – 280/BC-SLĐTBXH', ['giam', 'ngheo', '280', 'bc', 'slđtbxh']],
      ['ab_cd e.f 1,5 7.5%', ['ab', 'cd', 'e', 'f', '1', '5', '7', '5']],
      ['m² ½ ① x₂', ['m²', '½', '①', 'x₂']],
      ['ﬁle Straße İstanbul', ['ﬁle', 'straße', 'istanbul']],
      ['ÆØÅ æøå ł Ł', ['æøa', 'æøa', 'ł', 'ł']],
      ['ǖ ǘ ṹ ẫ ậ ự', ['u', 'u', 'u', 'a', 'a', 'u']],
      ['a\u0301b c', ['ab', 'c']],
      ['x\u200By a\u00ADb', ['x', 'y', 'a', 'b']],
      ['漢字 テスト', ['漢字', 'テスト']],
      ['Ω ω Σσς', ['ω', 'ω', 'σσσ']],
    ];
    for (const [text, tokens] of fts5) expect([text, indexTokens(text)]).toEqual([text, tokens]);
    // the index holds the folded text (đ → d there), as the SQLite index does
    expect(indexTokens(foldChars('Sở LĐ-TB&XH tỉnh Đắk Nông'))).toEqual(['so', 'ld', 'tb', 'xh', 'tinh', 'dak', 'nong']);
  });

  it('writes a phrase as a substring of the tokens text, overlapping instances countable', () => {
    const page = tokensText(['giam', 'ngheo', 'giam', 'ngheo']);
    expect(page).toBe(' giam  ngheo  giam  ngheo ');
    expect(phrasePattern(['giam', 'ngheo'])).toBe(' giam  ngheo ');
    expect(page.includes(phrasePattern(['ngheo', 'giam']))).toBe(true);
    expect(page.includes(phrasePattern(['iam', 'ngheo']))).toBe(false); // whole words only
    expect(tokensText([])).toBe('');
    const re = new RegExp(phraseRegex(['a', 'a']), 'g');
    expect([...tokensText(['a', 'a', 'a']).matchAll(re)]).toHaveLength(2); // FTS5 counts 2 instances of "a a" in "a a a"
  });

  it('makes the tsquery of the distinct indexable words, quoted', () => {
    expect(tsqueryOf(['giam', 'ngheo', 'giam'])).toBe("'giam' & 'ngheo'");
    expect(tsqueryOf(["o'k"])).toBe("'o''k'");
    expect(tsqueryOf(['x'.repeat(3000)])).toBeNull();
    expect(lexemesOf(['b', 'a', 'b', 'y'.repeat(2047)])).toEqual(['b', 'a']);
  });
});
