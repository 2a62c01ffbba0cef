// normalise: document number and type, ISO date, province resolved against the gazetteer
// as of the issue date. Each field keeps its confidence, provenance and findings.
import { done, type Stage } from '../stage.js';
import type { Box, ExtractedField, Finding } from '../../model/document.js';
import type { HeaderFields, Classification } from '../../extractors/header-fields.js';
import { classifyDocument } from '../../extractors/header-fields.js';
import { normaliseDocNumber } from '../../extractors/doc-number.js';
import { parsePlaceDateLine, parseVnDate } from '../../extractors/vn-date.js';
import { matchProvince } from '../../extractors/province-gazetteer.js';
import { foldVietnamese } from '../../extractors/text-fold.js';

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

/** Issuers that are national bodies: their documents have no province. */
const NATIONAL = /^(bo |ban chi dao trung uong|uy ban trung uong|van phong quoc gia|chinh phu|thu tuong)|trung uong mat tran/;

export const normaliseStage: Stage = {
  name: 'normalise',
  needs: ['header', 'classification'],
  gives: ['normalised'],
  async run(_ctx, doc) {
    const h = doc.artifacts.header as HeaderFields;

    // Document number and type
    let docNumber: ExtractedField<string>;
    let docType: ExtractedField<string>;
    if (h.docNumberRaw.value) {
      const n = normaliseDocNumber(h.docNumberRaw.value);
      const conf = Math.min(h.docNumberRaw.confidence, n.confidence);
      docNumber = { value: n.value?.value ?? null, confidence: n.value ? conf : 0, provenance: h.docNumberRaw.provenance, findings: n.findings };
      docType = { value: n.value?.docType ?? null, confidence: n.value ? conf : 0, provenance: h.docNumberRaw.provenance, findings: [] };
    } else {
      docNumber = { ...h.docNumberRaw, confidence: Math.min(h.docNumberRaw.confidence, 0.5) };
      docType = { value: null, confidence: 0.5, provenance: null, findings: [{ code: 'docType.unknown', message: 'Không có số, ký hiệu nên chưa xác định được loại văn bản.' }] };
    }

    // Issue date and the place printed with it
    let issueDate: ExtractedField<string>;
    let place: string | null = null;
    if (h.dateLine.value) {
      const d = parsePlaceDateLine(h.dateLine.value);
      place = d.place;
      issueDate = { value: d.iso, confidence: d.iso ? Math.min(h.dateLine.confidence, d.confidence) : 0, provenance: h.dateLine.provenance, findings: d.findings };
    } else {
      issueDate = { ...h.dateLine, confidence: Math.min(h.dateLine.confidence, 0.5) };
    }
    const asOf = issueDate.value ?? undefined;

    // Province: from the issuer lines; the date line's place (often a city) is only a fallback.
    const issuerLines = h.issuerLines.value ?? [];
    let province: ExtractedField<ProvinceValue>;
    const issuerFolded = issuerLines.map(foldVietnamese);
    const national = issuerFolded.length > 0 && issuerFolded.some((l) => NATIONAL.test(l)) && !issuerFolded.some((l) => /\b(tinh|thanh pho|tp)\b/.test(l));
    const matches = issuerLines.map((l, i) => ({ ...matchProvince(l, { asOf }), lineConf: h.issuerConfs?.[i] ?? h.issuerLines.confidence }))
      .filter((m) => m.province || m.candidates.length);
    const best = matches.sort((a, b) => b.score - a.score)[0];
    const findings: Finding[] = [];
    if (best?.province && !best.ambiguous) {
      const agree = matches.every((m) => !m.province || m.province.code === best.province!.code);
      if (!agree) findings.push({ code: 'province.conflict', message: 'Các dòng cơ quan ban hành chỉ ra các tỉnh khác nhau.' });
      province = {
        value: { code: best.province.code, name: best.province.name },
        confidence: Math.min(best.lineConf, best.score) * (agree ? 1 : 0.5),
        provenance: h.issuerLines.provenance, findings: [...findings, ...best.findings],
        candidates: best.candidates.map((c) => ({ value: { code: c.province.code, name: c.province.name }, score: c.score, label: c.province.name })),
      };
    } else if (national) {
      province = { value: null, confidence: 0.95, provenance: h.issuerLines.provenance, findings: [] };
    } else {
      const byPlace = place ? matchProvince(place, { asOf }) : null;
      const cands = (best ?? byPlace)?.candidates ?? [];
      if (byPlace?.province && !byPlace.ambiguous) {
        province = {
          value: { code: byPlace.province.code, name: byPlace.province.name },
          confidence: Math.min(h.dateLine.confidence, byPlace.score) * 0.85,
          provenance: h.dateLine.provenance,
          findings: [{ code: 'province.from_place', message: `Tỉnh suy ra từ địa danh "${place}" ở dòng ngày tháng, không có trong tên cơ quan ban hành.` }, ...byPlace.findings],
          candidates: byPlace.candidates.map((c) => ({ value: { code: c.province.code, name: c.province.name }, score: c.score, label: c.province.name })),
        };
      } else {
        province = {
          value: null, confidence: 0, provenance: h.issuerLines.provenance,
          findings: [{ code: 'province.not_found', message: 'Không xác định được tỉnh, thành phố ban hành văn bản.' }],
          candidates: cands.map((c) => ({ value: { code: c.province.code, name: c.province.name }, score: c.score, label: c.province.name })),
        };
      }
    }

    const body = ((doc.artifacts.pages as { lines: { text: string }[] }[]) ?? []).flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    const classification = classifyDocument(h.typeName.value, h.title.value, docType.value, body);
    return done({
      normalised: {
        docNumber, docType, issueDate, province,
        receivedDate: receivedDateFrom(doc.artifacts.pages as StampedPage[]),
        issuer: issuerLines.length ? issuerLines.join(' / ') : null,
        title: h.title.value,
        classification,
      } satisfies NormalisedHeader,
    });
  },
};

interface StampedPage { page: number; receivedStamp?: { box: Box; date: string | null; lines: { text: string; conf: number }[] } | null }

/** The received stamp's "Ngày: 03/7/2023", read by OCR on a scan (never the document's own date). */
function receivedDateFrom(pages: StampedPage[]): ExtractedField<string> | null {
  const withStamp = (pages ?? []).find((p) => p.receivedStamp?.date);
  const stamp = withStamp?.receivedStamp;
  if (!withStamp || !stamp?.date) return null;
  const d = parseVnDate(stamp.date);
  const line = stamp.lines.find((l) => l.text.includes(stamp.date!.slice(0, 2))) ?? stamp.lines[0];
  return {
    value: d.iso,
    confidence: d.iso ? Math.min(d.confidence, line?.conf ?? 0.5) : 0,
    provenance: { page: withStamp.page, box: stamp.box, sourceText: stamp.lines.map((l) => l.text).join(' / ') },
    findings: d.findings,
  };
}
