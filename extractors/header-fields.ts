// Header fields of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP layout):
// issuer lines (top left), "Số: ..." under them, Quốc hiệu and the place-and-date line
// (top right), then the type name and title centred. Works on positioned lines, so the
// many documents cited in the body ("Thực hiện Công văn số 329/CV-VPQGGN ngày ...") are
// never taken for the document's own number and date.
import type { PageText, TextItem, TextLine, ExtractedField, Finding, Provenance } from '../model/document.js';
import { foldVietnamese } from './text-fold.js';
import { unionBox, groupIntoLines, makeLine } from './page-text.js';
import type { HeaderFields } from '../model/header.js';
import { collectTitleLines, isCentred, joinTitle, matchTypeName, TYPE_NAMES, typeLineScore, TYPE_LINE_MIN_SCORE, type LineGeometry, type TypeMatch } from './title-block.js';
import { normaliseDocNumber } from './doc-number.js';
import { capitalsLikeNeighbours, cleanIssuerWords, correctedFinding, correctFromElsewhere, correctIssuerWords, ISSUER_CORRECTED, issuerClaim, readElsewhere, TITLE_CORRECTED, titleClaim } from './ocr-claims.js';


// The Quốc hiệu and tiêu ngữ; a party body's "ĐẢNG CỘNG SẢN VIỆT NAM" stands in the same place.
const QUOC_HIEU = /cong hoa xa hoi chu nghia viet nam|doc lap\s*-?\s*tu do\s*-?\s*hanh phuc|^\s*dang cong san viet nam\s*$/;
/** Urgency and secrecy marks printed or stamped in the header ("KHẨN", "HỎA TỐC", "MẬT"): part of no field. */
const MARK = /^(thuong khan|khan|hoa toc( hen gio)?|toi mat|tuyet mat|mat)\.?$/;
const SO_LINE = /^s[o0]\s*[:;.]?\s*(?=\S*\d)/; // "Số:", "So:", OCR "S0 :"
const DATE_LINE = /ngay\s*\S{1,3}\s*thang\s*\S{1,3}\s*nam\s*\d{4}|\bngay\b.*\d{4}\s*$/;
const STAMP = /cong van den|cv den/;

const prov = (page: PageText, lines: TextLine[]): Provenance => ({
  page: page.page,
  box: lines.length ? unionBox(lines.map((l) => l.box)) : null,
  sourceText: lines.map((l) => l.text).join(' / '),
});

function field<T>(value: T | null, confidence: number, provenance: Provenance | null, findings: Finding[] = []): ExtractedField<T> {
  return { value, confidence, provenance, findings };
}

export function extractHeaderFields(pages: PageText[]): HeaderFields {
  const findings: Finding[] = [];
  const page = pages[0];
  if (!page || page.lines.length === 0) {
    const none = field<string>(null, 0, null, [{ code: 'header.no_text', message: 'Trang đầu không có chữ để đọc phần đầu văn bản.' }]);
    return { docNumberRaw: none, dateLine: none, issuerLines: field<string[]>(null, 0, null), issuerConfs: [], typeName: none, title: none, receivedStamp: null, findings: none.findings };
  }
  const lines = joinSplitDateLines(joinSplitMotto(joinLabelAlone(splitAtQuocHieu(page.lines).sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x))));
  const folded = new Map(lines.map((l) => [l, foldVietnamese(l.text)]));
  const f = (l: TextLine) => folded.get(l)!;
  // Centre of the text block (margins differ left and right), not of the paper.
  const left0 = Math.min(...lines.map((l) => l.box.x));
  const right0 = Math.max(...lines.map((l) => l.box.x + l.box.w));
  const mid = lines.length > 3 ? (left0 + right0) / 2 : page.width / 2;
  const blockWidth = right0 - left0;

  // The received stamp: a box of lines near "CÔNG VĂN ĐẾN"; its "Số"/"Ngày" lines are excluded.
  const stampLines = new Set<TextLine>();
  let receivedStamp: string | null = null;
  for (const l of lines) {
    if (!STAMP.test(f(l))) continue;
    const near = lines.filter((o) => o.box.y >= l.box.y - 2 && o.box.y <= l.box.y + 60 && Math.abs(o.box.x - l.box.x) < 80);
    for (const o of near) stampLines.add(o);
    receivedStamp = near.map((o) => o.text).join(' / ');
  }
  const usable = lines.filter((l) => !stampLines.has(l) && !(l.box.y < page.height * 0.5 && MARK.test(f(l).trim())));

  // The header's own parts (Quốc hiệu, "Số:", place-and-date) sit in the top half; the type
  // name comes after them (Nghị định 30/2020's order), the title after the type name.
  const top = usable.filter((l) => l.box.y < page.height * 0.5);
  const quocHieuTop = top.filter((l) => QUOC_HIEU.test(f(l)));
  const soTop = top.find((l) => SO_LINE.test(f(l)));
  // The date line sits beside or just under the number (or under the Quốc hiệu): a body line
  // citing "Căn cứ ... ngày 11/01/2023" further down is not it.
  // Joint documents put the number above the Quốc hiệu and the date under it.
  const band = soTop || quocHieuTop.length
    ? Math.max(soTop ? soTop.box.y + soTop.box.h * 4 : 0, ...quocHieuTop.map((l) => l.box.y + l.box.h * 4))
    : page.height * 0.5;
  const dateTop = top.find((l) => l.box.y <= band && isDateLine(f(l)));
  // "Số: 437/CTPH-LĐTBXH-" / "MTTQ": the symbol's wrapped end belongs to the number, not to a title.
  const soCont = soTop && /[-/]$/.test(soTop.text.trim()) ? symbolContinuation(usable, soTop) : null;
  const parts = [...quocHieuTop, soTop, soCont ?? undefined, dateTop].filter((l): l is TextLine => l !== undefined);
  const partsBottom = parts.length ? Math.max(...parts.map((l) => l.box.y + l.box.h)) : 0;
  const geometry = bodyGeometry(lines, { mid, blockWidth, bodySize: medianHeight(lines), left: left0, right: right0 });
  const typeHit = agreesWithSymbol(findTypeLine(usable.filter((l) => l.box.y >= partsBottom - 1 && l.box.y < page.height * 0.75), geometry), soTop, f);
  const typeLine = typeHit?.line;
  // Without a type line the title block (if any) still ends the header zone.
  const afterParts = usable.filter((l) => l.box.y >= partsBottom - 1 && l.box.y < page.height * 0.6);
  const collected = typeLine ? [] : collectTitleLines(afterParts, partsBottom, geometry);
  const block = typeLine || collected.length ? collected : titleBeforeBody(afterParts, geometry);
  const titleOnly = block.length && isStrongTitleStart(block[0], block.length) ? block : [];
  const headerBottom = typeLine ? typeLine.box.y : titleOnly.length ? titleOnly[0].box.y : Math.max(partsBottom + 1, page.height * 0.4);
  const header = usable.filter((l) => l.box.y < headerBottom);

  const quocHieu = header.filter((l) => QUOC_HIEU.test(f(l)));
  // Column split: the Quốc hiệu's left edge, else the page middle.
  const split = quocHieu.length ? Math.min(...quocHieu.map((l) => l.box.x)) - 4 : mid;
  const left = header.filter((l) => l.box.x + l.box.w / 2 < split);
  const right = header.filter((l) => l.box.x + l.box.w / 2 >= split);

  // "Số:" line in the left column (fallback: anywhere in the header).
  const soLine = left.find((l) => SO_LINE.test(f(l))) ?? header.find((l) => SO_LINE.test(f(l)));
  let docNumberRaw: ExtractedField<string>;
  if (soLine) {
    const raw = soLine.text.replace(/^\s*S\S?\s*[:;.]?\s*/i, '').trim();
    const rest = !/[-/]$/.test(raw) ? null : soLine === soTop ? soCont : symbolContinuation(usable, soLine);
    const conf = valueConf(soLine, (w) => /\d|\//.test(w));
    if (rest) docNumberRaw = field(raw + rest.text.trim(), Math.min(conf, rest.conf), prov(page, [soLine, rest]));
    else if (/[-/]$/.test(raw)) {
      // "Số: 82/2025/QĐ-" with nothing readable under it: the symbol is cut, never accept it.
      docNumberRaw = field(raw, Math.min(conf, 0.5), prov(page, [soLine]), [{ code: 'docNumber.cut', message: 'Số, ký hiệu văn bản bị ngắt dòng và không đọc được phần còn lại.' }]);
    } else docNumberRaw = field(raw, conf, prov(page, [soLine]));
  } else {
    docNumberRaw = field<string>(null, 0.5, null, [{ code: 'docNumber.missing', message: 'Không thấy dòng "Số:" ở phần đầu văn bản.' }]);
  }

  // Place-and-date line: right column, "..., ngày .. tháng .. năm ....".
  const dateCands = right.filter((l) => l.box.y <= band && isDateLine(f(l)));
  const dl = dateCands[0] ?? header.find((l) => l.box.y <= band && isDateLine(f(l)) && !SO_LINE.test(f(l)))
    ?? dateUnderNumber(header, soLine, blockWidth, f);
  const dateLine = dl
    ? field(dl.text, valueConf(dl, (w) => /\d/.test(w)), prov(page, [dl]))
    : field<string>(null, 0.5, null, [{ code: 'issueDate.missing', message: 'Không thấy dòng địa danh, ngày tháng năm ban hành.' }]);

  // Issuer lines: everything in the header above the "Số:" line that is not the Quốc hiệu
  // (standard layout: top left; joint documents: two issuer blocks side by side), read
  // block by block: left column top to bottom, then the right one.
  const issuerBottom = soLine ? soLine.box.y : dl ? dl.box.y : headerBottom;
  const issuerRaw = header
    .filter((l) => l.box.y < issuerBottom - 1 && l !== dl && /\p{L}/u.test(l.text) && !QUOC_HIEU.test(f(l)) && !DATE_LINE.test(f(l))
      && !/ngay\s*\d{1,2}\s*thang/.test(f(l))); // a date line whose year OCR lost is no issuer
  // Two issuer blocks side by side (joint documents) share baselines: read block by block.
  // A single block (also one centred over the page) reads top to bottom.
  const sideBySide = issuerRaw.some((a) => issuerRaw.some((b) => a !== b && side(a) !== side(b) && Math.abs(a.box.y - b.box.y) < Math.min(a.box.h, b.box.h)));
  const issuer = issuerRaw.sort((a, b) => (sideBySide ? side(a) - side(b) : 0) || a.box.y - b.box.y);
  function side(l: TextLine) { return l.box.x + l.box.w / 2 < mid ? 0 : 1; }
  // A scan's specks ("„.", a stray full stop) are no part of a name; a text layer is kept as printed.
  const ocr = page.source === 'ocr';
  const issuerText = (l: TextLine) => (ocr ? cleanIssuerWords(l.items).map((i) => i.str).join(' ') : l.text).replace(/\s+/g, ' ').trim();
  const issuerLines = issuer.length
    ? field(issuer.map(issuerText), Math.min(...issuer.map((l) => l.conf)), prov(page, issuer))
    : field<string[]>(null, 0.3, null, [{ code: 'issuer.missing', message: 'Không xác định được cơ quan ban hành.' }]);

  // Title: after the type name (or its rest on the same line), else the title block alone,
  // else a công văn's "V/v ..." subject under the number.
  let typeName = field<string>(null, 0.5, null);
  let title = field<string>(null, 0.5, null);
  /** the OCR words the title was read from (its share of the type line included) */
  let titleWords: TextItem[] = [];
  if (typeLine && typeHit) {
    const m = typeHit.match;
    const doubt: Finding[] = mergedTypeDoubtful(typeHit, soTop)
      ? [{ code: 'typeName.doubtful', message: `Dòng "${typeLine.text.slice(0, 60)}" có thể là trích yếu chứ không phải tên loại văn bản; ký hiệu chỉ loại khác.` }]
      : [];
    typeName = field(m.typeText, typeLine.conf, prov(page, [typeLine]), doubt);
    const titleLines = collectTitleLines(usable.filter((l) => l.box.y > typeLine.box.y + typeLine.box.h * 0.5), typeLine.box.y + typeLine.box.h, geometry, typeLine, m.rest !== '');
    const parts = [m.rest, ...titleLines.map((l) => l.text)].filter((x) => x.trim() !== '');
    if (parts.length) {
      const srcLines = m.rest ? [typeLine, ...titleLines] : titleLines;
      title = field(joinTitle(parts), Math.min(...srcLines.map((l) => l.conf)), prov(page, srcLines));
      titleWords = [...(m.rest ? typeLine.items.slice(-m.rest.split(/\s+/).length) : []), ...titleLines.flatMap((l) => l.items)];
    }
  } else if (soLine && congVanSubject(usable, soLine, side, f, mid + blockWidth * 0.08).length) {
    // A công văn has no type name: its subject ("V/v ...") sits under the number, left column.
    const titleLines = congVanSubject(usable, soLine, side, f, mid + blockWidth * 0.08);
    typeName = field('CÔNG VĂN', 0.9, prov(page, [titleLines[0]]));
    title = field(joinTitle(titleLines.map((l) => l.text)), Math.min(...titleLines.map((l) => l.conf)), prov(page, titleLines));
    titleWords = titleLines.flatMap((l) => l.items);
  } else if (titleOnly.length) {
    title = field(joinTitle(titleOnly.map((l) => l.text)), Math.min(...titleOnly.map((l) => l.conf)) * 0.95, prov(page, titleOnly));
    titleWords = titleOnly.flatMap((l) => l.items);
    findings.push({ code: 'typeName.missing', message: 'Không thấy dòng tên loại văn bản; trích yếu lấy từ khối tiêu đề.' });
  }
  // a trích yếu ends without a full stop: on a scan a trailing one is a speck read as a mark
  if (ocr && title.value) title = { ...title, value: title.value.replace(/\s*[.,;]+$/, '') };
  if (!title.value) findings.push({ code: 'title.missing', message: 'Không thấy tên loại và trích yếu văn bản.' });
  // On a scan, title and issuer are kept only when their words vouch for them (ocr-claims.ts).
  /** the issuer lines' words after correctIssuerWords (a scan), for their confidences below */
  let issuerWords: Pick<TextItem, 'str' | 'conf'>[][] | null = null;
  if (ocr) {
    const elsewhere = (own: readonly TextItem[]) => {
      const skip = new Set(own);
      return readElsewhere(pages.flatMap((p) => p.lines.map((l) => l.items.filter((i) => !skip.has(i)))));
    };
    const titleSrc = titleSource(usable, titleWords);
    const seen = elsewhere(titleWords);
    // a tone the body reads otherwise, and well, is put right before the title's words are judged
    const fixed = title.value ? correctFromElsewhere(capitalsLikeNeighbours(titleWords), seen) : null;
    let respelt = fixed?.words;
    if (respelt?.some((w, i) => w.str !== titleWords[i].str)) {
      const value = respellTitle(title.value!, titleWords, respelt);
      if (value === null) respelt = undefined;
      else title = { ...title, value };
    }
    if (respelt && fixed?.changed.length) title.findings.push(correctedFinding(TITLE_CORRECTED, fixed.changed));
    const titleDoubt = title.value ? titleClaim(respelt ?? titleWords, seen, titleLeftOut(usable, typeLine ?? null, titleSrc, geometry)) : null;
    // the issuer's lines, a tone the body (or an organisation's name) spells otherwise put right
    const issuerSeen = elsewhere(issuer.flatMap((l) => l.items));
    const issuerFixed = issuer.map((l) => correctIssuerWords(cleanIssuerWords(l.items), issuerSeen));
    issuerWords = issuerFixed.map((x) => x.words);
    const issuerChanged = issuerFixed.flatMap((x) => x.changed);
    if (issuerChanged.length) {
      issuerLines.value = issuerFixed.map((x) => x.words.map((w) => w.str).join(' ').replace(/\s+/g, ' ').trim());
      issuerLines.findings.push(correctedFinding(ISSUER_CORRECTED, issuerChanged));
    }
    const issuerDoubt = issuer.length ? issuerClaim(issuerFixed.map((x) => x.words), issuerSeen) : null;
    for (const [f, doubt] of [[title, titleDoubt], [issuerLines, issuerDoubt]] as const) {
      if (doubt) { f.findings.push(doubt); findings.push(doubt); }
    }
  }

  // A line's confidence is that of its words with letters (OCR often adds a stray mark).
  // a word put right counts as read well (the body or the organisation's name vouches for it)
  const issuerConfs = issuer.map((l, i) => valueConf(l, (w) => /\p{L}{2,}/u.test(w), issuerWords?.[i]));
  return { docNumberRaw, dateLine, issuerLines, issuerConfs, typeName, title, receivedStamp, findings };
}

/** The lines the title's words came from (the type line when the title shares it). */
function titleSource(usable: TextLine[], words: readonly TextItem[]): TextLine[] {
  const own = new Set(words);
  return usable.filter((l) => l.items.some((i) => own.has(i)));
}

/** A body opening, an authority line or a rule: what may follow a title without being part of it. */
const NOT_TITLE = /^(can cu|kinh gui|thuc hien|theo |xet |trien khai|dieu \d|chu tich|bo truong|thu truong|thu tuong|giam doc|cuc truong|chanh van phong|quyet dinh|quyet nghi|\(|[ivx]+\s*[.)-]|\d+\s*[.)])/;

/**
 * On a scan, a title-like line touching the title block that was not taken: the title may be
 * cut (a line lost between the type name and the title, or its last line left under it).
 * Returns the reasons (Vietnamese), empty when none.
 */
function titleLeftOut(usable: TextLine[], typeLine: TextLine | null, src: TextLine[], g: LineGeometry): string[] {
  if (!src.length) return [];
  const taken = new Set([...src, ...(typeLine ? [typeLine] : [])]);
  const first = src.reduce((a, b) => (b.box.y < a.box.y ? b : a));
  const last = src.reduce((a, b) => (b.box.y + b.box.h > a.box.y + a.box.h ? b : a));
  const titleLike = (l: TextLine) => {
    const t = l.text.trim();
    return /\p{L}{2,}/u.test(t) && !NOT_TITLE.test(foldVietnamese(t)) && ((/\p{Lu}/u.test(t) && t === t.toUpperCase()) || isCentred(l, g));
  };
  const out: string[] = [];
  const between = typeLine ? usable.find((l) => !taken.has(l) && l.box.y > typeLine.box.y && l.box.y < first.box.y && titleLike(l)) : undefined;
  if (between) out.push(`dòng "${between.text.trim().slice(0, 50)}" giữa tên loại và trích yếu không được lấy`);
  const bottom = last.box.y + last.box.h;
  const under = usable.filter((l) => !taken.has(l) && l.box.y > last.box.y + last.box.h * 0.5).sort((a, b) => a.box.y - b.box.y)[0];
  if (under && under.box.y - bottom < last.box.h * 0.8 && titleLike(under)) out.push(`dòng "${under.text.trim().slice(0, 50)}" ngay dưới có thể là phần tiếp theo của trích yếu`);
  return out;
}

/** Where the body has begun, the type name can no longer come (Nghị định 30's order of parts). */
const BODY_OPENING = /^(can cu|kinh gui|dieu \d|xet de nghi|theo de nghi)\b/;

function findTypeLine(candidates: TextLine[], g: LineGeometry): { line: TextLine; match: TypeMatch } | null {
  // The first line after the header's parts (ignoring a received stamp's remains or a lone year)
  const first = candidates.find((l) => /\p{L}{3,}/u.test(l.text));
  for (const line of candidates) {
    if (BODY_OPENING.test(foldVietnamese(line.text).trim())) break;
    // "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" closing the preamble is the enacting formula, not the type name
    if (/:\s*$/.test(line.text)) continue;
    const match = matchTypeName(line.text);
    if (match && typeLineScore(line, match, g, line === first) >= TYPE_LINE_MIN_SCORE) return { line, match };
  }
  return null;
}

/**
 * A type name merged with the title on one line ("QUY ĐỊNH MỘT SỐ NỘI DUNG CHI ...") is only the
 * document's type when the symbol does not say otherwise: a resolution (NQ) whose title begins
 * "QUY ĐỊNH ..." printed without its type line has the whole line as its title.
 */
function agreesWithSymbol(hit: { line: TextLine; match: TypeMatch } | null, soLine: TextLine | undefined, f: (l: TextLine) => string): { line: TextLine; match: TypeMatch } | null {
  if (!hit || hit.match.rest === '' || !soLine) return hit;
  const code = normaliseDocNumber(soLine.text.replace(/^\s*S\S?\s*[:;.]?\s*/i, '').trim()).value?.docType;
  const codes = TYPE_NAMES.find((t) => t.name === hit.match.folded)?.codes ?? [];
  // a consolidated text (VBHN) prints the type name of the document it consolidates
  if (!code || code.toUpperCase() === 'VBHN' || codes.some((c) => c.toUpperCase() === code.toUpperCase())) return hit;
  return SO_LINE.test(f(soLine)) ? null : hit;
}

const TITLE_VERBS = new Set(['quy dinh', 'huong dan', 'thong bao', 'bao cao']);

/**
 * A merged type name that the symbol allows but does not first denote ("QUY ĐỊNH ..." numbered
 * QĐ, the code of QUYẾT ĐỊNH): the line may be a title that starts with those words. Doubtful.
 */
function mergedTypeDoubtful(hit: { line: TextLine; match: TypeMatch } | null, soLine: TextLine | undefined): boolean {
  // only type names that are also verbs opening a title ("QUY ĐỊNH về ...", "HƯỚNG DẪN thực hiện ...")
  if (!hit || hit.match.rest === '' || !soLine || !TITLE_VERBS.has(hit.match.folded)) return false;
  const code = normaliseDocNumber(soLine.text.replace(/^\s*S\S?\s*[:;.]?\s*/i, '').trim()).value?.docType?.toUpperCase();
  if (!code) return false;
  // a consolidated text may print its original's type name merged with the title, or a title alone
  if (code === 'VBHN') return true; // no type of its own
  const canonical = TYPE_NAMES.find((t) => t.codes[0].toUpperCase() === code) ?? TYPE_NAMES.find((t) => t.codes.some((c) => c.toUpperCase() === code));
  const m = hit.match.folded;
  return canonical !== undefined && !canonical.name.startsWith(m) && !m.startsWith(canonical.name);
}

/** A title block without a type line must open with a line in capitals or bold, or be more than one centred line. */
function isStrongTitleStart(l: TextLine, count: number): boolean {
  const t = l.text.trim();
  return (/\p{Lu}/u.test(t) && t === t.toUpperCase()) || l.items.every((i) => i.bold) || count >= 2;
}

/** A công văn's subject: "V/v ..." (or "Về việc ...") under the number in the left column, up to "Kính gửi". */
function congVanSubject(usable: TextLine[], soLine: TextLine, side: (l: TextLine) => number, f: (l: TextLine) => string, rightLimit: number): TextLine[] {
  // in the number's column: a centred title "VỀ VIỆC ..." of a typed document reaches past the middle
  const vv = usable.filter((l) => l.box.y > soLine.box.y && l.box.y < soLine.box.y + 140 && side(l) === 0 && l.box.x + l.box.w < rightLimit);
  const start = vv.findIndex((l) => /^(v\s*\/\s*v|ve viec)\b/.test(f(l)));
  if (start < 0) return [];
  const out = [vv[start]];
  for (const l of vv.slice(start + 1)) {
    const prevL = out[out.length - 1];
    if (l.box.y - (prevL.box.y + prevL.box.h) > l.box.h * 1.2 || /^kinh gui/.test(f(l)) || isDateLine(f(l))) break;
    out.push(l);
  }
  return out;
}

/**
 * "Số: 82/2025/QĐ-" / "UBND": a symbol wrapped at a hyphen in a narrow number cell goes on in
 * one word right under it, in the same column.
 */
function symbolContinuation(lines: TextLine[], so: TextLine): TextLine | null {
  return lineUnder(lines, so, (o) => overlapsX(so, o) && /^[\p{Lu}0-9][\p{Lu}0-9.&/-]*$/u.test(o.text.trim())) ?? null;
}

/**
 * A date printed under the number in the left column (after a "V/v" subject or a "KHẨN" mark),
 * further down than the band beside the number: the first short date line under "Số:".
 */
function dateUnderNumber(header: TextLine[], soLine: TextLine | undefined, blockWidth: number, f: (l: TextLine) => string): TextLine | undefined {
  if (!soLine) return undefined;
  return header.find((l) => l.box.y > soLine.box.y && l.box.w < blockWidth * 0.75 && isDateLine(f(l))
    && /^([\p{L} .'-]{2,40},?\s*)?ngay\s*\d/u.test(f(l).trim()));
}

/** How a body opens right under the title ("Căn cứ ...", "Thực hiện ...", "Kính gửi: ..."). */
const BODY_OPENS = /^(can cu|kinh gui|thuc hien|theo de nghi|xet de nghi|trien khai)\b/;

/**
 * A title typed as long lines over the whole width, with no font weight to tell it from body
 * text: the few lines between the header and the body's first words, set close together, the
 * first not indented as a paragraph is, and a wider gap before the body.
 */
function titleBeforeBody(lines: TextLine[], g: LineGeometry): TextLine[] {
  const k = lines.findIndex((l) => BODY_OPENS.test(foldVietnamese(l.text).trim()));
  if (k < 1 || k > 4) return [];
  const title = lines.slice(0, k);
  if (Math.abs(title[0].box.x - g.left) > 4 && Math.abs(title[0].box.x + title[0].box.w / 2 - g.mid) > 8) return [];
  const gaps = title.slice(1).map((l, i) => l.box.y - (title[i].box.y + title[i].box.h));
  const inner = gaps.length ? Math.max(...gaps) : 0;
  const before = lines[k].box.y - (title[k - 1].box.y + title[k - 1].box.h);
  if (inner > title[0].box.h * 0.8 || before <= inner + 3 || title.some((l) => /[.;:]$/.test(l.text.trim()))) return [];
  return title;
}

/** A place-and-date line, not a body sentence that cites a date. */
function isDateLine(folded: string): boolean {
  return DATE_LINE.test(folded) && !/^(can cu|thuc hien|theo|ve viec|v\/v|kinh gui)\b/.test(folded);
}

/**
 * "Ninh Bình, ngày 28 tháng 3" / "năm 2023": a place-and-date line wrapped in a narrow
 * column becomes one line again (the date parser needs the year).
 */
function joinSplitDateLines(lines: TextLine[]): TextLine[] {
  return joinContinuations(lines, (l) => {
    const fl = foldVietnamese(l.text).trim();
    // "Hà Nội" alone above "ngày 01 tháng 12 năm 2025": a short place name with no digits
    // (a place name starts with a capital and is not a line of capitals: "ngoại quan" ending a
    // "V/v" subject or "TỈNH PHÚ THỌ" ending a title are no place)
    const placeAlone = !/\d/.test(fl) && fl.split(/\s+/).length <= 4 && fl.length > 1 && !MARK.test(fl)
      && /^\p{Lu}/u.test(l.text.trim()) && l.text !== l.text.toUpperCase();
    // Word wraps a long place name's date anywhere: "..., ngày 22 tháng 11 năm" / "2025".
    const brokenAfterYearWord = /ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*$/.test(fl);
    const cut = /ngay\s*\d{1,2}(\s*thang(\s*\d{1,2})?)?\s*$|,\s*$/.test(fl) && !/nam\s*\d{4}/.test(fl) && /ngay|,\s*$/.test(fl);
    if (!cut && !placeAlone && !brokenAfterYearWord) return null;
    const rest = placeAlone ? /^ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}\s*\.?$/ : brokenAfterYearWord ? /^\d{4}$/ : /^(ngay|thang|nam)\b/;
    return (o) => overlapsX(l, o) && rest.test(foldVietnamese(o.text).trim());
  });
}

/**
 * A header line and its continuation right under it, joined: `continuesWith(l)` says whether l
 * is cut and which line below (within a line's height) goes on with it.
 */
function joinContinuations(lines: TextLine[], continuesWith: (l: TextLine) => ((o: TextLine) => boolean) | null): TextLine[] {
  const out: TextLine[] = [];
  const used = new Set<TextLine>();
  for (const l of lines) {
    if (used.has(l)) continue;
    const fits = continuesWith(l);
    const next = fits ? lineUnder(lines, l, (o) => !used.has(o) && fits(o)) : undefined;
    if (next) used.add(next);
    out.push(next ? joinLines(l, next) : l);
  }
  return out;
}

const overlapsX = (a: TextLine, b: TextLine) => b.box.x < a.box.x + a.box.w && b.box.x + b.box.w > a.box.x;

/** The first line that starts right under `l` (within a line's height) and `fits`. */
function lineUnder(lines: TextLine[], l: TextLine, fits: (o: TextLine) => boolean): TextLine | undefined {
  return lines.find((o) => o !== l && o.box.y > l.box.y && o.box.y - (l.box.y + l.box.h) < l.box.h * 1.2 && fits(o));
}

/** Two lines as one (a wrapped line of the header): text joined, boxes and items united. */
function joinLines(a: TextLine, b: TextLine): TextLine {
  return { text: `${a.text.trim()} ${b.text.trim()}`, box: unionBox([a.box, b.box]), items: [...a.items, ...b.items], conf: Math.min(a.conf, b.conf) };
}

/**
 * "Số:" alone on its line, the number under it: a cell too narrow for the whole symbol (which
 * has no space to break at) puts the number on the next line. Joined, it reads as one "Số:" line.
 */
function joinLabelAlone(lines: TextLine[]): TextLine[] {
  return joinContinuations(lines, (l) => (!/^s[o0]\s*[:;.]?$/.test(foldVietnamese(l.text).trim()) ? null
    : (o) => o.box.x < l.box.x + l.box.w + l.box.h * 4 && o.box.x + o.box.w > l.box.x && /^\d{1,6}\s*\//.test(o.text.trim())));
}

/**
 * "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM": a Quốc hiệu in large type wraps in a narrow right
 * column (Word does it); joined again, it is recognised and kept out of the issuer lines.
 */
function joinSplitMotto(lines: TextLine[]): TextLine[] {
  return joinContinuations(lines, (l) => {
    const fl = foldVietnamese(l.text).trim();
    if (!/^cong hoa xa hoi\b/.test(fl) || QUOC_HIEU.test(fl)) return null;
    return (o) => {
      const fo = foldVietnamese(o.text).trim();
      return overlapsX(l, o) && QUOC_HIEU.test(`${fl} ${fo}`) && fo.split(/\s+/).length <= 4;
    };
  });
}

/**
 * The text block's edges from the body's long lines (justified paragraphs reach both margins);
 * header lines in small type often stick out and would skew the centre.
 */
function bodyGeometry(lines: TextLine[], fallback: LineGeometry): LineGeometry {
  const maxW = Math.max(...lines.map((l) => l.box.w));
  const long = lines.filter((l) => l.box.w >= maxW * 0.75);
  if (long.length < 3) return fallback;
  const left = Math.min(...long.map((l) => l.box.x));
  const right = Math.max(...long.map((l) => l.box.x + l.box.w));
  return { ...fallback, left, right, mid: (left + right) / 2, blockWidth: right - left };
}

function medianHeight(lines: TextLine[]): number {
  const hs = lines.map((l) => l.box.h).sort((a, b) => a - b);
  return hs.length ? hs[Math.floor(hs.length / 2)] : 12;
}

/**
 * A narrow gap can glue a left-column line to the right column on the same baseline
 * ("UBND TỈNH X  CỘNG HÒA ...", "Số: 02/CTPH-...  Bình Dương, ngày ..."); split such a
 * line where the right column's element starts.
 */
const RIGHT_COLUMN_START = /^(cong hoa xa hoi|doc lap\s*-)|^[\p{L} .'-]{2,40},?\s*ngay\s*\d/u;

function splitAtQuocHieu(lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    // Items are text runs (born-digital) or single words (OCR): test the text from each item on.
    // Born-digital runs: a run that itself starts the right column. OCR words: the text from a
    // word on is "<place>, ngày <digit>..." and the text before it is the "Số:" line (word and
    // column gaps are too alike on a scan to tell them apart by distance).
    const at = l.items.findIndex((it, i) => i > 0 && (RIGHT_COLUMN_START.test(foldVietnamese(it.str))
      // OCR words: "VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI ..." read as one line
      || /^(cong hoa xa hoi|doc lap\s*-)/.test(foldVietnamese(l.items.slice(i, i + 4).map((x) => x.str).join(' ')))
      || (SO_LINE.test(foldVietnamese(`${l.items[0].str} ${l.items[1]?.str ?? ''}`))
        && RIGHT_COLUMN_START.test(foldVietnamese(l.items.slice(i).map((x) => x.str).join(' '))))));
    if (at <= 0) { out.push(l); continue; }
    // OCR words of one line: two lines as they stand (regrouping by height would break them
    // apart, a dash or an accented capital having another centre than its neighbours)
    if (l.items.every((it) => it.conf < 1)) out.push(makeLine(l.items.slice(0, at)), makeLine(l.items.slice(at)));
    else out.push(...groupIntoLines(l.items.slice(0, at)), ...groupIntoLines(l.items.slice(at)));
  }
  return out;
}

/**
 * Confidence of the words that carry a value: on a scan the label ("Số:") or the place name
 * may be read poorly while the number itself is clear, and the reverse must not pass.
 */
function valueConf(line: TextLine, carries: (s: string) => boolean, items: readonly Pick<TextItem, 'str' | 'conf'>[] = line.items): number {
  const words = items.filter((it) => carries(it.str));
  return words.length ? Math.min(...words.map((it) => it.conf)) : line.conf;
}

export { classifyDocument, findPeriod } from './classify.js';

/**
 * The title text with its words respelt (correctFromElsewhere): each word found in order of
 * appearance (a word printed twice is changed where it was read), also without the full stop a
 * scan's last word lost above; null when a changed word cannot be placed (the caller then keeps
 * the words as read, so the text and the words judged never differ).
 */
function respellTitle(value: string, before: readonly TextItem[], after: readonly Pick<TextItem, 'str'>[]): string | null {
  let out = '';
  let rest = value;
  for (let i = 0; i < before.length; i++) {
    const from = before[i].str, to = after[i].str;
    let at = rest.indexOf(from);
    let [f, t] = [from, to];
    if (at < 0) {
      [f, t] = [from.replace(/[.,;]+$/, ''), to.replace(/[.,;]+$/, '')];
      at = f ? rest.indexOf(f) : -1;
    }
    if (at < 0) {
      if (from !== to) return null;
      continue;
    }
    out += rest.slice(0, at) + t;
    rest = rest.slice(at + f.length);
  }
  return out + rest;
}
