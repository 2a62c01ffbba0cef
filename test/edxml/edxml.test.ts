// edXML packages (issue 14 parts 3 and 4): the envelope's fields as data, the envelope written
// out as a header page the header reader reads like any document, the attachment/envelope
// cross-check, and hostile packages (entities, bad or huge base64) refused with their codes.
import { decodeAttachment, envelopeBlocks, looksLikeEdxml, parseEdxml, withEnvelopeFindings, withEnvelopeProvince } from '../../extractors/edxml.js';
import { parseOrgCode, provinceOfOrgCode } from '../../extractors/org-code.js';
import { layoutBlocks } from '../../extractors/office/layout.js';
import { extractHeaderFields } from '../../extractors/header-fields.js';
import type { NormalisedHeader } from '../../model/header.js';
import { TonghopError } from '../../model/errors.js';
import { makeEdxml } from './make-edxml.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (err instanceof TonghopError) return err.code;
    throw err;
  }
}

describe('edXML envelope', () => {
  const pkg = makeEdxml({ attachments: [{ name: 'bao-cao.pdf', bytes: Buffer.from('%PDF-1.7 ...') }, { name: 'phu-luc.xlsx', bytes: Buffer.from([1, 2, 3]) }] });

  it('reads sender, receivers, number, place and date, type, subject, signer, due date and attachments', () => {
    expect(looksLikeEdxml(pkg)).toBe(true);
    const e = parseEdxml(pkg);
    expect({ ...e, attachments: e.attachments.map((a) => [a.name, Buffer.from(a.bytes).toString('latin1')]) }).toEqual({
      from: { id: '000.00.00.H22', name: 'Ủy ban nhân dân tỉnh Hà Giang' },
      to: [{ id: '000.00.13.G12', name: 'Bộ Lao động - Thương binh và Xã hội' }],
      codeNumber: '280', codeNotation: 'BC-UBND', place: 'Hà Giang', date: '2023-06-29', typeName: 'Báo cáo',
      subject: 'Kết quả thực hiện Chương trình phối hợp giảm nghèo 6 tháng đầu năm 2023',
      signer: { competence: 'TM. Ủy ban nhân dân', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Bình' },
      dueDate: '2023-07-15',
      attachments: [['bao-cao.pdf', '%PDF-1.7 ...'], ['phu-luc.xlsx', '\x01\x02\x03']],
    });
  });

  it('its header page reads like a document header', () => {
    const h = extractHeaderFields(layoutBlocks(envelopeBlocks(parseEdxml(pkg))));
    expect(h.docNumberRaw.value).toBe('280/BC-UBND');
    expect(h.dateLine.value).toBe('Hà Giang, ngày 29 tháng 6 năm 2023');
    expect(h.typeName.value).toBe('BÁO CÁO');
    expect(h.title.value).toBe('Kết quả thực hiện Chương trình phối hợp giảm nghèo 6 tháng đầu năm 2023');
    expect(h.issuerLines.value?.join(' ')).toBe('ỦY BAN NHÂN DÂN TỈNH HÀ GIANG');
  });

  it('an attachment whose number or date differs from its envelope gets a finding on that field', () => {
    const e = parseEdxml(pkg, undefined, { attachments: false });
    const field = (value: string | null) => ({ value, confidence: 0.95, provenance: null, findings: [] });
    const header = (num: string | null, date: string | null) => ({ docNumber: field(num), issueDate: field(date), province: { ...field(null), value: { code: '02', name: 'Hà Giang' } } }) as unknown as NormalisedHeader;
    const same = withEnvelopeFindings(header('280/BC-UBND', '2023-06-29'), e);
    expect([same.docNumber.findings, same.issueDate.findings]).toEqual([[], []]);
    const spaced = withEnvelopeFindings(header('280 / BC-UBND', null), e);
    expect(spaced.docNumber.findings).toEqual([]);
    const other = withEnvelopeFindings(header('281/BC-UBND', '2023-06-30'), e);
    expect(other.docNumber.findings.map((f) => f.code)).toEqual(['envelope.number_mismatch']);
    expect(other.issueDate.findings.map((f) => f.code)).toEqual(['envelope.date_mismatch']);
    // an annex without its own number is not contradicted
    expect(withEnvelopeFindings(header(null, null), e).docNumber.findings).toEqual([]);
  });
});

describe('organisation codes (mã định danh) in the gazetteer', () => {
  it('splits an identifier into its four levels, and refuses what is not one', () => {
    expect(parseOrgCode('000.00.15.H22')).toEqual({ level4: '000', level3: '00', level2: '15', level1: 'H22' });
    expect(parseOrgCode(' 000.00.00.h49 ')).toEqual({ level4: '000', level3: '00', level2: '00', level1: 'H49' });
    expect([parseOrgCode('H22'), parseOrgCode('000.00.15'), parseOrgCode(null)]).toEqual([null, null, null]);
  });

  it('a level-1 H-code names its province, the codes in use included; other codes name none', () => {
    const name = (id: string, asOf?: string) => provinceOfOrgCode(id, asOf)?.name ?? null;
    // codes seen in use: Cao Bằng H14, TP Hồ Chí Minh H29, Nghệ An H41, Quảng Ninh H49, Thanh Hóa H56, Huế H57
    expect(['H14', 'H29', 'H41', 'H49', 'H56', 'H57'].map((h) => name(`000.00.00.${h}`, '2023-06-29'))).toEqual(['Cao Bằng', 'TP Hồ Chí Minh', 'Nghệ An', 'Quảng Ninh', 'Thanh Hóa', 'Thừa Thiên Huế']);
    // a department (level 2) belongs to its province too
    expect(provinceOfOrgCode('000.00.15.H22', '2023-06-29')).toMatchObject({ code: '02', name: 'Hà Giang' });
    // after the 2025 changes the code follows the gazetteer's successors
    expect(name('000.00.00.H57', '2025-03-01')).toBe('Huế');
    expect(provinceOfOrgCode('000.00.15.H22', '2025-08-01')).toMatchObject({ code: '08', name: 'Tuyên Quang' });
    // ministries (G) and anything unknown name no province
    expect([name('000.00.13.G12'), name('000.00.00.H64'), name('không phải mã')]).toEqual([null, null, null]);
  });

  const field = <T>(value: T | null, confidence: number, codes: string[] = []) => ({ value, confidence, provenance: null, findings: codes.map((code) => ({ code, message: code })) });
  const header = (province: ReturnType<typeof field>) => ({ docNumber: field(null, 0), issueDate: field('2023-06-29', 0.95), province }) as unknown as NormalisedHeader;
  const dept = parseEdxml(makeEdxml({ from: { id: '000.00.15.H22', name: 'Sở Lao động - Thương binh và Xã hội' } }), undefined, { attachments: false });

  it('a document without a readable province takes it from the sender\'s code, with a note', () => {
    const p = withEnvelopeProvince(header(field(null, 0, ['province.not_found'])), dept);
    expect(p.value).toEqual({ code: '02', name: 'Hà Giang' });
    expect(p.confidence).toBeGreaterThanOrEqual(0.9);
    expect(p.findings.map((f) => [f.code, f.severity])).toEqual([['province.from_org_code', 'info']]);
  });

  it('a province read from the place only is confirmed by an agreeing code; another province is a finding', () => {
    const confirmed = withEnvelopeProvince(header(field({ code: '02', name: 'Hà Giang' }, 0.8, ['province.from_place'])), dept);
    expect([confirmed.confidence, confirmed.findings.map((f) => f.code)]).toEqual([0.95, ['province.from_org_code']]);
    const other = withEnvelopeProvince(header(field({ code: '04', name: 'Cao Bằng' }, 0.95)), dept);
    expect(other.value).toEqual({ code: '04', name: 'Cao Bằng' });
    expect(other.findings.map((f) => f.code)).toEqual(['envelope.province_mismatch']);
  });

  it('a national body, or a sender without a provincial code, is left as read', () => {
    const national = header(field(null, 0.95));
    expect(withEnvelopeProvince(national, dept)).toBe(national.province);
    const ministry = parseEdxml(makeEdxml({ from: { id: '000.00.13.G12', name: 'Bộ Lao động - Thương binh và Xã hội' } }), undefined, { attachments: false });
    const unknown = header(field(null, 0, ['province.not_found']));
    expect(withEnvelopeProvince(unknown, ministry)).toBe(unknown.province);
  });
});

describe('hostile edXML', () => {
  it('XXE and entity expansion are refused, never resolved', () => {
    expect(codeOf(() => parseEdxml(makeEdxml({ prolog: '<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>' })))).toBe('xml.entities');
    const laughs = '<!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    expect(codeOf(() => parseEdxml(makeEdxml({ prolog: laughs })))).toBe('xml.entities');
  });

  it('malformed and huge base64 are refused before decoding', () => {
    expect(codeOf(() => parseEdxml(makeEdxml({ attachments: [{ name: 'x.pdf', base64: 'JVBERi0x$$$***' }] })))).toBe('edxml.bad_encoding');
    expect(codeOf(() => parseEdxml(makeEdxml({ attachments: [{ name: 'x.pdf', base64: 'QUJDR' }] })))).toBe('edxml.bad_encoding');
    expect(codeOf(() => parseEdxml(makeEdxml({ attachments: [{ name: 'x.pdf', base64: '' }] })))).toBe('edxml.bad_encoding');
    expect(codeOf(() => decodeAttachment('A'.repeat(4_000_000), 'big.pdf', 1024 * 1024))).toBe('edxml.attachment_too_large');
    const big = makeEdxml({ attachments: [{ name: 'a.bin', bytes: new Uint8Array(600_000) }, { name: 'b.bin', bytes: new Uint8Array(600_000) }] });
    expect(codeOf(() => parseEdxml(big, { maxAttachments: 10, maxAttachmentBytes: 1e6, maxTotalBytes: 1e6 }))).toBe('edxml.attachment_too_large');
  });

  it('an envelope without a header, and broken XML, have their codes', () => {
    expect(codeOf(() => parseEdxml(Buffer.from('<?xml version="1.0"?><edXML:edXMLEnvelope xmlns:edXML="x"></edXML:edXMLEnvelope>')))).toBe('edxml.invalid');
    expect(codeOf(() => parseEdxml(Buffer.from('<?xml version="1.0"?><edXML:edXMLEnvelope><edXML:MessageHeader>')))).toBe('xml.invalid');
  });
});
