// Category from all the evidence: type name, symbol code, title or V/v subject, body words.
import { classify } from '../../extractors/classify.js';

const BODY_REPORT = 'Thực hiện Công văn số 329/CV-VPQGGN, Sở báo cáo kết quả thực hiện Chương trình phối hợp số 109/CTr-BLĐTBXH-MTTW về giảm nghèo bền vững 6 tháng đầu năm 2023 như sau:';
const BODY_PROGRAMME = 'Để thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững, hai bên thống nhất ban hành Chương trình phối hợp như sau:';

describe('classify', () => {
  it.each([
    ['report with type name, code and coordination title', { typeName: 'BÁO CÁO', title: 'Kết quả thực hiện Chương trình phối hợp 6 tháng đầu năm 2023', docType: 'BC', bodyText: BODY_REPORT }, 'report'],
    ['report whose title does not say "phối hợp" (the body does)', { typeName: 'BÁO CÁO', title: 'Kết quả công tác giảm nghèo 6 tháng đầu năm 2023', docType: 'BC', bodyText: BODY_REPORT }, 'report'],
    ['report with no type line found: code and title', { typeName: null, title: 'Báo cáo tình hình thực hiện Chương trình phối hợp năm 2023', docType: 'BC', bodyText: BODY_REPORT }, 'report'],
    ['công văn reporting', { typeName: 'CÔNG VĂN', title: 'V/v Báo cáo kết quả thực hiện Chương trình phối hợp', docType: null, bodyText: BODY_REPORT }, 'report'],
    ['programme', { typeName: 'CHƯƠNG TRÌNH PHỐI HỢP', title: 'Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững', docType: 'CTr', bodyText: BODY_PROGRAMME }, 'programme'],
    ['plan titled "Kế hoạch phối hợp"', { typeName: 'KẾ HOẠCH PHỐI HỢP', title: 'Tuyên truyền về giảm nghèo bền vững năm 2023', docType: 'KHPH', bodyText: BODY_PROGRAMME }, 'programme'],
    ['a decision', { typeName: 'QUYẾT ĐỊNH', title: 'Về việc phê duyệt danh sách hộ nghèo năm 2023', docType: 'QĐ', bodyText: 'Căn cứ Luật Tổ chức chính quyền địa phương; xét đề nghị của Sở Lao động' }, 'other'],
    ['a notice unrelated to poverty', { typeName: 'THÔNG BÁO', title: 'Kết luận của Chủ tịch tại cuộc họp', docType: 'TB', bodyText: 'Ngày 14 tháng 11 năm 2025, Chủ tịch đã chủ trì cuộc họp.' }, 'other'],
  ] as const)('%s', (_name, input, want) => {
    const c = classify({ ...input });
    expect(c.category).toBe(want);
    expect(c.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('sends a poverty report with no sign of the coordination programme to review', () => {
    const c = classify({ typeName: 'BÁO CÁO', title: 'Kết quả thực hiện công tác giảm nghèo năm 2023', docType: 'BC', bodyText: 'Kết quả thực hiện các chính sách giảm nghèo trên địa bàn tỉnh' });
    expect(c.category).toBe('other');
    expect(c.confidence).toBeLessThan(0.9);
  });

  it('lowers confidence when the type name and the code disagree', () => {
    const c = classify({ typeName: 'BÁO CÁO', title: 'Kết quả thực hiện Chương trình phối hợp', docType: 'QĐ', bodyText: BODY_REPORT });
    expect(c.confidence).toBeLessThan(0.9);
  });

  it('finds the reporting period in the title, else the body', () => {
    expect(classify({ typeName: 'BÁO CÁO', title: 'Kết quả thực hiện Chương trình phối hợp 6 tháng đầu năm 2023', docType: 'BC', bodyText: '' }).period).toBe('6 tháng đầu năm 2023');
    expect(classify({ typeName: 'BÁO CÁO', title: 'Kết quả thực hiện Chương trình phối hợp', docType: 'BC', bodyText: BODY_REPORT }).period).toBe('6 tháng đầu năm 2023');
  });
});
