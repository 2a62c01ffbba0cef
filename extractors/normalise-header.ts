// The header as read → the header as normalised: document number and type, ISO issue date,
// province resolved against the gazetteer as of the issue date, the received stamp's date, and
// the classification (computed here, once). Each field keeps its confidence, provenance and findings.
import type { ExtractedField, Finding } from '../model/document.js';
import type { HeaderFields, NormalisedHeader, ProvinceValue } from '../model/header.js';
import type { ReadPage } from '../model/ocr.js';
import { classifyDocument } from './header-fields.js';
import { normaliseDocNumber } from './doc-number.js';
import { parsePlaceDateLine, parseVnDate } from './vn-date.js';
import { matchProvince, type ProvinceMatch } from './province-gazetteer.js';
import { foldVietnamese } from './text-fold.js';
import { confirmDocNumber, confirmProvince } from './cross-checks.js';
import { confirmIssueDate, reportingPeriodYear } from './reread-checks.js';
import { ISSUER_UNCONFIRMED, TITLE_UNCONFIRMED } from './ocr-claims.js';

/** Issuers that are national bodies: their documents have no province. */
const NATIONAL = new RegExp('^(bo |ban chi dao (trung uong|nha nuoc|quoc gia)|uy ban trung uong|van phong (quoc gia|chinh phu|quoc hoi|chu tich nuoc|trung uong)'
  + '|chinh phu|thu tuong|quoc hoi|uy ban thuong vu quoc hoi|kiem toan nha nuoc|thanh tra chinh phu|ngan hang nha nuoc'
  + '|toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|tong cuc |cuc |bao hiem xa hoi viet nam|uy ban dan toc'
  + '|ban chap hanh trung uong|ban bi thu|bo chinh tri|hoi dong quoc gia|uy ban quan ly von nha nuoc)|trung uong mat tran');

export function normaliseHeader(h: HeaderFields, pages: readonly ReadPage[]): NormalisedHeader {
  // Cross-checks between independently read parts lift a fair reading to a confirmed one.
  const { docNumber, docType } = confirmDocNumber(...Object.values(normaliseNumberAndType(h)) as [ExtractedField<string>, ExtractedField<string>], h, pages[0]?.numberReread ?? null, pages[0]?.source === 'text');
  const read = normaliseIssueDate(h);
  const body = pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
  const issueDate = confirmIssueDate(read.issueDate, pages[0]?.dateReread, reportingPeriodYear(body));
  const place = read.place;
  const issuerLines = h.issuerLines.value ?? [];
  return {
    docNumber, docType: withTypeDoubt(docType, h), issueDate,
    province: confirmProvince(resolveProvince(h, place, issueDate.value ?? undefined), h, place, issueDate.value ?? undefined),
    receivedDate: receivedDateFrom(pages),
    // a scan's issuer or title its words do not vouch for is not claimed (ocr-claims.ts); the
    // classification still reads the title: it only weighs it with the other cues
    issuer: issuerLines.length && !unconfirmed(h.issuerLines, ISSUER_UNCONFIRMED) ? issuerLines.join(' / ') : null,
    title: unconfirmed(h.title, TITLE_UNCONFIRMED) ? null : h.title.value,
    classification: classifyDocument(h.typeName.value, h.title.value, docType.value, body),
  };
}

const unconfirmed = (f: ExtractedField<unknown>, code: string) => f.findings.some((x) => x.code === code);

export function normaliseNumberAndType(h: HeaderFields): { docNumber: ExtractedField<string>; docType: ExtractedField<string> } {
  if (!h.docNumberRaw.value) {
    return {
      docNumber: { ...h.docNumberRaw, confidence: Math.min(h.docNumberRaw.confidence, 0.5) },
      docType: { value: null, confidence: 0.5, provenance: null, findings: [{ code: 'docType.unknown', message: 'Không có số, ký hiệu nên chưa xác định được loại văn bản.' }] },
    };
  }
  const n = normaliseDocNumber(h.docNumberRaw.value);
  const conf = n.value ? Math.min(h.docNumberRaw.confidence, n.confidence) : 0;
  return {
    docNumber: { value: n.value?.value ?? null, confidence: conf, provenance: h.docNumberRaw.provenance, findings: n.findings },
    docType: { value: n.value?.docType ?? null, confidence: conf, provenance: h.docNumberRaw.provenance, findings: [] },
  };
}

/** The issue date, and the place printed with it (often a city: only a fallback for the province). */
export function normaliseIssueDate(h: HeaderFields): { issueDate: ExtractedField<string>; place: string | null } {
  if (!h.dateLine.value) return { issueDate: { ...h.dateLine, confidence: Math.min(h.dateLine.confidence, 0.5) }, place: null };
  const d = parsePlaceDateLine(h.dateLine.value);
  return {
    issueDate: { value: d.iso, confidence: d.iso ? Math.min(h.dateLine.confidence, d.confidence) : 0, provenance: h.dateLine.provenance, findings: d.findings },
    place: d.place,
  };
}

const candidatesOf = (m: Pick<ProvinceMatch, 'candidates'>) =>
  m.candidates.map((c) => ({ value: { code: c.province.code, name: c.province.name }, score: c.score, label: c.province.name }));

/** Province: from the issuer lines; the date line's place is only a fallback; national bodies have none. */
export function resolveProvince(h: HeaderFields, place: string | null, asOf: string | undefined): ExtractedField<ProvinceValue> {
  const issuerLines = h.issuerLines.value ?? [];
  const issuerFolded = issuerLines.map(foldVietnamese);
  // a narrow column breaks names anywhere ("VĂN PHÒNG CHÍNH" / "PHỦ"): the lines joined count too
  const national = issuerFolded.length > 0 && (issuerFolded.some((l) => NATIONAL.test(l)) || NATIONAL.test(issuerFolded.join(' ')))
    && !issuerFolded.some((l) => /\b(tinh|thanh pho|tp)\b/.test(l));
  const lineConf = (i: number) => h.issuerConfs?.[i] ?? h.issuerLines.confidence;
  const single = issuerLines.map((l, i) => ({ ...matchProvince(l, { asOf }), lineConf: lineConf(i) }));
  // A name wrapped over two lines ("ỦY BAN NHÂN DÂN TỈNH BẮC" / "NINH") is read joined. A line
  // that only names a provincial capital or matches loosely ("TỈNH TRÀ" / "VINH": Vinh is Nghệ
  // An's capital) gives way to its pair read joined when that names a province exactly.
  const loose = (m: ProvinceMatch) => m.findings.some((x) => x.code === 'province.via_capital' || x.code === 'province.fuzzy');
  const needJoined = !single.some((m) => m.province && !m.ambiguous) || single.some((m) => m.province && loose(m));
  const joined = !needJoined ? [] : issuerLines.slice(1)
    .map((l, i) => ({ ...matchProvince(`${issuerLines[i]} ${l}`, { asOf }), lineConf: Math.min(lineConf(i), lineConf(i + 1)), pair: i }));
  const exactPairs = joined.filter((m) => m.province && !m.ambiguous && !loose(m));
  const superseded = new Set(exactPairs.flatMap((m) => [m.pair, m.pair + 1]));
  const kept = single.filter((m, i) => !(superseded.has(i) && m.province && loose(m)));
  const matches = [...kept, ...(single.some((m) => m.province && !m.ambiguous && !loose(m)) ? exactPairs : joined)].filter((m) => m.province || m.candidates.length);
  const best = matches.sort((a, b) => b.score - a.score)[0];
  if (best?.province && !best.ambiguous) {
    const agree = matches.every((m) => !m.province || m.province.code === best.province!.code);
    const findings: Finding[] = agree ? [] : [{ code: 'province.conflict', message: 'Các dòng cơ quan ban hành chỉ ra các tỉnh khác nhau.' }];
    return {
      value: { code: best.province.code, name: best.province.name },
      confidence: Math.min(best.lineConf, best.score) * (agree ? 1 : 0.5),
      provenance: h.issuerLines.provenance, findings: [...findings, ...best.findings], candidates: candidatesOf(best),
    };
  }
  if (national) return { value: null, confidence: 0.95, provenance: h.issuerLines.provenance, findings: [] };
  const byPlace = place ? matchProvince(place, { asOf }) : null;
  if (byPlace?.province && !byPlace.ambiguous) {
    return {
      value: { code: byPlace.province.code, name: byPlace.province.name },
      confidence: Math.min(h.dateLine.confidence, byPlace.score) * 0.85,
      provenance: h.dateLine.provenance,
      findings: [{ code: 'province.from_place', message: `Tỉnh suy ra từ địa danh "${place}" ở dòng ngày tháng, không có trong tên cơ quan ban hành.` }, ...byPlace.findings],
      candidates: candidatesOf(byPlace),
    };
  }
  return {
    value: null, confidence: 0, provenance: h.issuerLines.provenance,
    findings: [{ code: 'province.not_found', message: 'Không xác định được tỉnh, thành phố ban hành văn bản.' }],
    candidates: candidatesOf(best ?? byPlace ?? { candidates: [] }),
  };
}

/** A printed type name that may be the title's first words leaves the type (and the title) to a person. */
function withTypeDoubt(docType: ExtractedField<string>, h: HeaderFields): ExtractedField<string> {
  const doubt = h.typeName.findings.filter((x) => x.code === 'typeName.doubtful');
  return doubt.length ? { ...docType, findings: [...docType.findings, ...doubt] } : docType;
}

/** The received stamp's "Ngày: 03/7/2023", read by OCR on a scan (never the document's own date). */
export function receivedDateFrom(pages: readonly ReadPage[]): ExtractedField<string> | null {
  const withStamp = pages.find((p) => p.receivedStamp?.date);
  const stamp = withStamp?.receivedStamp;
  if (!withStamp || !stamp?.date) return null;
  const date = stamp.date;
  const d = parseVnDate(date);
  const line = stamp.lines.find((l) => l.text.includes(date.slice(0, 2))) ?? stamp.lines[0];
  return {
    value: d.iso,
    confidence: d.iso ? Math.min(d.confidence, line?.conf ?? 0.5) : 0,
    provenance: { page: withStamp.page, box: stamp.box, sourceText: stamp.lines.map((l) => l.text).join(' / ') },
    findings: d.findings,
  };
}
