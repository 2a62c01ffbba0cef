// edXML packages for the tests, written the way document-exchange software writes them
// (QCVN 102:2016 element names, `edXML:` prefix, attachments base64 in AttachmentEncoded).
export interface PackageOptions {
  from?: { id: string; name: string };
  to?: { id: string; name: string }[];
  number?: string;
  notation?: string;
  place?: string;
  date?: string;
  typeName?: string;
  subject?: string;
  attachments?: { name: string; contentType?: string; bytes?: Uint8Array; base64?: string }[];
  /** raw text put before the root element (a DOCTYPE, for hostile tests) */
  prolog?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function makeEdxml(o: PackageOptions = {}): Buffer {
  const from = o.from ?? { id: '000.00.00.H22', name: 'Ủy ban nhân dân tỉnh Hà Giang' };
  const to = o.to ?? [{ id: '000.00.13.G12', name: 'Bộ Lao động - Thương binh và Xã hội' }];
  const organ = (tag: string, x: { id: string; name: string }) => `<edXML:${tag}><edXML:OrganId>${esc(x.id)}</edXML:OrganId><edXML:OrganName>${esc(x.name)}</edXML:OrganName></edXML:${tag}>`;
  const atts = (o.attachments ?? []).map((a, i) => `<edXML:Attachment><edXML:ContentId>att${i + 1}</edXML:ContentId><edXML:ContentType>${a.contentType ?? 'application/octet-stream'}</edXML:ContentType><edXML:AttachmentName>${esc(a.name)}</edXML:AttachmentName><edXML:ContentTransferEncoded>base64</edXML:ContentTransferEncoded><edXML:AttachmentText>${a.base64 ?? Buffer.from(a.bytes ?? new Uint8Array()).toString('base64').replace(/(.{76})/g, '$1\n')}</edXML:AttachmentText></edXML:Attachment>`).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${o.prolog ?? ''}
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLHeader><edXML:MessageHeader>
${organ('From', from)}${to.map((t) => organ('To', t)).join('')}
<edXML:Code><edXML:CodeNumber>${o.number ?? '280'}</edXML:CodeNumber><edXML:CodeNotation>${o.notation ?? 'BC-UBND'}</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>${o.place ?? 'Hà Giang'}</edXML:Place><edXML:PromulgationDate>${o.date ?? '2023-06-29'}</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>${o.typeName ?? 'Báo cáo'}</edXML:TypeName></edXML:DocumentType>
<edXML:Subject>${esc(o.subject ?? 'Kết quả thực hiện Chương trình phối hợp giảm nghèo 6 tháng đầu năm 2023')}</edXML:Subject>
<edXML:SignerInfo><edXML:Competence>TM. Ủy ban nhân dân</edXML:Competence><edXML:Position>Phó Chủ tịch</edXML:Position><edXML:FullName>Nguyễn Văn Bình</edXML:FullName></edXML:SignerInfo>
<edXML:DueDate>2023-07-15</edXML:DueDate>
</edXML:MessageHeader></edXML:edXMLHeader>
<edXML:AttachmentEncoded>${atts}</edXML:AttachmentEncoded>
</edXML:edXMLEnvelope>
`;
  return Buffer.from(xml, 'utf8');
}
