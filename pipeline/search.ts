// Full-text search over every document's pages (issue 15): SQLite FTS5 over a folded copy of
// the text (diacritics removed, đ→d, lower case; FTS5's remove_diacritics does not fold đ), so
// "giam ngheo" finds "giảm nghèo" and "Dak Nong" finds "Đắk Nông". The text is whatever the
// text stage kept in the `pages` artifact: the text layer, or OCR for scanned pages. The index
// is brought up to date from those artifacts before each search (the stages are left alone).
// On the PostgreSQL store the same index has its own form (pg/search.repository.ts) with the
// same results; searchIndex() picks the one the database needs.
import type { Db } from './db/database.js';
import { SearchRepository, type IndexedPage, type PageQuery, type SearchIndex, type SearchRow } from './db/search.repository.js';
import { PgSearchRepository } from './pg/search.repository.js';
import { isPostgresDb } from './db/database.js';
import { foldChars, foldVietnamese } from '../extractors/text-fold.js';
import { TYPE_NAMES } from '../extractors/title-block.js';
import type { ReadPage } from '../model/ocr.js';
import { TonghopError } from '../model/errors.js';

export interface SearchOptions {
  /** province code ("67") or name, with or without diacritics ("Dak Nong") */
  province?: string;
  /** the document's own period words, e.g. "6 tháng đầu năm 2023" (06 and 6 alike) */
  period?: string;
  /** document type: its code ("BC") or name ("Báo cáo", "bao cao", "Công văn") */
  type?: string;
  /** issue date bounds, ISO, inclusive */
  from?: string;
  to?: string;
  limit?: number;
}

export interface SearchHit {
  id: string;
  file: string;
  docNumber: string | null;
  province: string | null;
  page: number;
  /** the matching passage with some context, from the page text as read */
  snippet: string;
  /** where the match lies inside `snippet` (UTF-16 offsets), for highlighting */
  highlight: { start: number; end: number } | null;
  provinceCode: string | null;
  issueDate: string | null;
  period: string | null;
  docType: string | null;
}

export interface SearchResult {
  query: string;
  /** how the query matched: the words as a phrase, or (no phrase found) every word anywhere on the page */
  mode: 'phrase' | 'words';
  hits: SearchHit[];
}

/** "06 tháng đầu năm 2023" → "6 thang dau nam 2023": the key two spellings of one period share. */
export function periodKey(label: string): string {
  return foldVietnamese(label).replace(/\b0+(\d)/g, '$1').replace(/\s+/g, ' ').trim();
}

/** The words of a query as the index sees them (folded; FTS5 unicode61 splits on the rest). */
export function queryTokens(query: string): string[] {
  return foldVietnamese(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A page's text for the index: its lines in reading order, one per line. */
export function pageText(p: ReadPage): string {
  return p.lines.map((l) => l.text).join('\n').normalize('NFC');
}

export function indexPages(pages: ReadPage[]): IndexedPage[] {
  return pages.map((p) => {
    const text = pageText(p);
    return { page: p.page, text, folded: foldChars(text) };
  });
}

/** The search index of this database: FTS5 on SQLite, its own form on PostgreSQL. */
export function searchIndex(db: Db): SearchIndex {
  return isPostgresDb(db) ? new PgSearchRepository(db) : new SearchRepository(db);
}

/**
 * Brings the index up to date with the documents' `pages` artifacts; returns how many documents
 * this call (re)indexed (one another searcher indexed meanwhile is not counted).
 */
export function refreshSearchIndex(db: Db): number {
  const repo = searchIndex(db);
  let done = 0;
  for (const d of repo.stale()) {
    const json = repo.pagesJson(d.id);
    const pages = json ? (JSON.parse(json) as ReadPage[]) : [];
    if (repo.replace(d.id, d.updatedAt, indexPages(pages))) done++;
  }
  repo.prune();
  return done;
}

/** The query's words as one phrase. */
export const asPhrase = (tokens: string[]): PageQuery => ({ phrases: [tokens] });
/** Every word of the query, anywhere on the page. */
export const asWords = (tokens: string[]): PageQuery => ({ phrases: tokens.map((t) => [t]) });

/** Where the query's words stand next to each other in a folded text (separators between them free). */
function locate(folded: string, tokens: string[]): { start: number; end: number } | null {
  const esc = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${esc.join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u').exec(folded);
  if (phrase) return { start: phrase.index, end: phrase.index + phrase[0].length };
  const first = new RegExp(`(?<![\\p{L}\\p{N}])${esc[0]}`, 'u').exec(folded);
  return first ? { start: first.index, end: first.index + first[0].length } : null;
}

/** About `width` characters around the match, cut at spaces, lines joined. */
export function snippetOf(text: string, folded: string, tokens: string[], width = 90): { snippet: string; highlight: SearchHit['highlight'] } {
  const at = locate(folded, tokens);
  if (!at) return { snippet: text.slice(0, 2 * width).replace(/\s+/g, ' ').trim(), highlight: null };
  let from = Math.max(0, at.start - width);
  let to = Math.min(text.length, at.end + width);
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(' ', to) > at.end ? text.lastIndexOf(' ', to) : to;
  const flat = (s: string) => s.replace(/\s/g, ' ');
  const before = `${from > 0 ? '…' : ''}${flat(text.slice(from, at.start))}`;
  const match = flat(text.slice(at.start, at.end));
  const after = `${flat(text.slice(at.end, to))}${to < text.length ? '…' : ''}`;
  return { snippet: before + match + after, highlight: { start: before.length, end: before.length + match.length } };
}

function keep(r: SearchRow, o: SearchOptions): boolean {
  if (o.province) {
    const want = o.province.trim();
    const ok = /^\d{1,2}$/.test(want) ? r.provinceCode === want.padStart(2, '0') : !!r.provinceName && foldVietnamese(r.provinceName) === foldVietnamese(want);
    if (!ok) return false;
  }
  if (o.period && (!r.period || periodKey(r.period) !== periodKey(o.period))) return false;
  if (o.type && !typeMatches(r.docType, o.type)) return false;
  return true;
}

/**
 * The type filter takes the code the database keeps ("BC") or the type's name as printed,
 * with or without diacritics ("Báo cáo", "bao cao"); a công văn has no type code, so
 * "công văn" means a document without one.
 */
export function typeMatches(docType: string | null, wanted: string): boolean {
  const f = foldVietnamese(wanted);
  if (docType && foldVietnamese(docType) === f) return true;
  const named = TYPE_NAMES.find((t) => t.name === f);
  if (named) return !!docType && named.codes.includes(docType);
  return f === 'cong van' && docType === null;
}

/**
 * Searches the pages: the query's words as a phrase first ("giam ngheo", "280/BC-SLĐTBXH"),
 * and when no page has the phrase, pages holding every word. One hit per page, best first.
 */
export function searchDocuments(db: Db, query: string, o: SearchOptions = {}): SearchResult {
  const tokens = queryTokens(query);
  if (tokens.length === 0) throw new TonghopError('usage.empty_search');
  for (const [option, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new TonghopError('usage.bad_date', { option, value: v });
  }
  refreshSearchIndex(db);
  const repo = searchIndex(db);
  const limit = o.limit ?? 50;
  const run = (q: PageQuery) => repo.search(q, { from: o.from, to: o.to }, 5000).filter((r) => keep(r, o)).slice(0, limit);
  let mode: SearchResult['mode'] = 'phrase';
  let rows = run(asPhrase(tokens));
  if (rows.length === 0 && tokens.length > 1) {
    mode = 'words';
    rows = run(asWords(tokens));
  }
  const hits = rows.map((r): SearchHit => {
    const s = snippetOf(r.text, r.folded, tokens);
    return {
      id: r.documentId, file: r.fileName, docNumber: r.docNumber, province: r.provinceName, page: r.page,
      snippet: s.snippet, highlight: s.highlight,
      provinceCode: r.provinceCode, issueDate: r.issueDate, period: r.period, docType: r.docType,
    };
  });
  return { query, mode, hits };
}

/** The hits as a plain table for a terminal. */
export function searchTable(r: SearchResult): string {
  if (r.hits.length === 0) return `Không tìm thấy "${r.query}".\n`;
  const lines = r.hits.map((h) => `${h.docNumber ?? '(chưa có số)'}\t${h.province ?? ''}\ttr. ${h.page}\t${h.file}\n    ${h.snippet}`);
  const how = r.mode === 'words' ? ' (không có cụm từ liền nhau; trang có đủ các từ)' : '';
  return `${r.hits.length} kết quả cho "${r.query}"${how}:\n${lines.join('\n')}\n`;
}

/**
 * Documents whose text cites a document number ("329/CV-VPQGGN"): the number's words as a
 * phrase anywhere in their pages. The follow-up uses it to find the answers to a request.
 */
export function citingDocuments(db: Db, docNumber: string): Set<string> {
  const tokens = queryTokens(docNumber);
  if (tokens.length === 0) return new Set();
  refreshSearchIndex(db);
  const rows = searchIndex(db).search(asPhrase(tokens), {}, 100_000);
  return new Set(rows.map((r) => r.documentId));
}

/**
 * Every place the query matches in a folded page text: the words as a phrase, or when the
 * phrase is not on the page, each word. Offsets are valid in the page text as read too.
 */
export function matchRanges(folded: string, tokens: string[]): { start: number; end: number }[] {
  if (tokens.length === 0) return [];
  const esc = tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const find = (pattern: string) => [...folded.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'gu'))]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const phrase = find(esc.join('[^\\p{L}\\p{N}]+'));
  if (phrase.length) return phrase;
  return esc.flatMap(find).sort((a, b) => a.start - b.start);
}

/** One page of a document as indexed (text as read and folded), after bringing the index up to date. */
export function indexedPage(db: Db, documentId: string, page: number): IndexedPage | null {
  refreshSearchIndex(db);
  return searchIndex(db).page(documentId, page);
}
