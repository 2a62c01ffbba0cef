// Header fields on layouts the generator does not write: type name merged with the title,
// letter-spaced, in sentence case, missing; body openings right under the title.
import { extractHeaderFields } from '../../extractors/header-fields.js';
import { matchTypeName, joinTitle } from '../../extractors/title-block.js';
import type { PageText, TextItem, TextLine } from '../../model/document.js';
import { groupIntoLines } from '../../extractors/page-text.js';

interface Row { text: string; x?: number; w?: number; centre?: boolean; size?: number; bold?: boolean; gap?: number; right?: boolean }

/** Lays rows out on an A4 page: left column (issuer, Số), right column (Quốc hiệu, date), then centred or justified rows. */
function page(header: { left: string[]; right: string[] }, rows: Row[]): PageText {
  const items: TextItem[] = [];
  const left = 80, right = 540, mid = (left + right) / 2;
  const charW = (size: number) => size * 0.5;
  const put = (text: string, x: number, y: number, size = 13, bold = false) =>
    items.push({ str: text, box: { x, y, w: text.length * charW(size), h: size }, conf: 1, bold });
  let y = 60;
  for (let i = 0; i < Math.max(header.left.length, header.right.length); i++) {
    const l = header.left[i];
    const r = header.right[i];
    if (l) put(l, 190 - (l.length * charW(12)) / 2, y, 12);
    if (r) put(r, 430 - (r.length * charW(12)) / 2, y, 12);
    y += 16;
  }
  y += 20;
  for (const row of rows) {
    y += row.gap ?? 4;
    const size = row.size ?? 13;
    const w = row.w ?? row.text.length * charW(size);
    const x = row.x ?? (row.centre === false ? left + 30 : mid - w / 2);
    items.push({ str: row.text, box: { x, y, w, h: size }, conf: 1, bold: row.bold ?? false });
    y += size;
  }
  // a body paragraph reaching both margins, so the text block spans them
  y += 10;
  put('nội dung văn bản trải rộng toàn bộ chiều ngang của khối văn bản để xác định lề trái phải nhé', left, y);
  items[items.length - 1].box.w = right - left;
  const lines: TextLine[] = groupIntoLines(items);
  return { page: 1, width: 595, height: 842, source: 'text', items, lines };
}

const STD = {
  left: ['UBND TỈNH HÀ GIANG', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Số: 280/BC-SLĐTBXH'],
  right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Giang, ngày 29 tháng 6 năm 2023'],
};

describe('type name and title from several cues', () => {
  it('reads a type-name line and a title of two lines', () => {
    const h = extractHeaderFields([page(STD, [
      { text: 'BÁO CÁO', size: 14, bold: true },
      { text: 'Kết quả thực hiện Chương trình phối hợp số 109/' },
      { text: 'CTr-BLĐTBXH-MTTW 6 tháng đầu năm 2023' },
      { text: 'Thực hiện Công văn số 329/CV-VPQGGN ngày 14/6/2023 của Văn phòng', gap: 18, x: 110, w: 420 },
    ])]);
    expect(h.typeName.value).toBe('BÁO CÁO');
    expect(h.title.value).toBe('Kết quả thực hiện Chương trình phối hợp số 109/CTr-BLĐTBXH-MTTW 6 tháng đầu năm 2023');
    expect(h.docNumberRaw.value).toBe('280/BC-SLĐTBXH');
  });

  it('splits a type name merged with the title on one line', () => {
    const h = extractHeaderFields([page(STD, [
      { text: 'BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP', bold: true },
      { text: 'VỀ GIẢM NGHÈO BỀN VỮNG NĂM 2023', bold: true },
    ])]);
    expect(h.typeName.value).toBe('BÁO CÁO');
    expect(h.title.value).toBe('KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP VỀ GIẢM NGHÈO BỀN VỮNG NĂM 2023');
  });

  it('reads a letter-spaced type name', () => {
    const h = extractHeaderFields([page(STD, [
      { text: 'B Á O  C Á O', size: 14 },
      { text: 'Kết quả công tác giảm nghèo 6 tháng đầu năm 2023' },
    ])]);
    expect(h.typeName.value).toBe('BÁO CÁO');
    expect(h.title.value).toBe('Kết quả công tác giảm nghèo 6 tháng đầu năm 2023');
  });

  it('finds the title block when there is no type-name line', () => {
    const h = extractHeaderFields([page(STD, [
      { text: 'KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP', bold: true, gap: 10 },
      { text: '6 THÁNG ĐẦU NĂM 2023', bold: true },
    ])]);
    expect(h.typeName.value).toBeNull();
    expect(h.title.value).toBe('KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH PHỐI HỢP 6 THÁNG ĐẦU NĂM 2023');
    expect(h.findings.map((f) => f.code)).toContain('typeName.missing');
    expect(h.issuerLines.value).toEqual(['UBND TỈNH HÀ GIANG', 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI']);
  });

  it('does not take a body sentence that starts with "Báo cáo" for the type name', () => {
    const h = extractHeaderFields([page(STD, [
      { text: 'Báo cáo kết quả thực hiện nhiệm vụ được giao trong năm 2023 như sau đây của đơn vị', x: 80, w: 460 },
    ])]);
    expect(h.typeName.value).toBeNull();
  });

  it('stops the title at an issuing-authority line and at "Căn cứ"', () => {
    const h = extractHeaderFields([page({ ...STD, left: ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ GIANG', 'Số: 12/QĐ-UBND'] }, [
      { text: 'QUYẾT ĐỊNH', size: 14, bold: true },
      { text: 'Ban hành Kế hoạch thực hiện Chương trình', bold: true },
      { text: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG', bold: true, gap: 12 },
      { text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', x: 110, w: 420 },
    ])]);
    expect(h.typeName.value).toBe('QUYẾT ĐỊNH');
    expect(h.title.value).toBe('Ban hành Kế hoạch thực hiện Chương trình');
  });
});

describe('matchTypeName', () => {
  it.each([
    ['BÁO CÁO', 'bao cao', ''],
    ['B Á O  C Á O', 'bao cao', ''],
    ['BÁOCÁO', 'bao cao', ''],
    ['CHƯƠNG TRÌNH PHỐI HỢP', 'chuong trinh phoi hop', ''],
    ['Kế hoạch phối hợp', 'ke hoach phoi hop', ''],
    ['BÁO CÁO KẾT QUẢ THỰC HIỆN', 'bao cao', 'KẾT QUẢ THỰC HIỆN'],
    ['THÔNG TƯ', 'thong tu', ''],
    ['CHUƯƠNG TRÌNH PHỐI HỢP', 'chuong trinh phoi hop', ''], // OCR: one letter too many
  ])('%s', (text, folded, rest) => {
    const m = matchTypeName(text);
    expect(m?.folded).toBe(folded);
    expect(m?.rest).toBe(rest);
  });
  it('is null for other lines', () => {
    expect(matchTypeName('Kính gửi: Văn phòng Quốc gia về giảm nghèo')).toBeNull();
    expect(matchTypeName('Chuương trình phối hợp')).toBeNull(); // near-matches only for lines in capitals
    expect(matchTypeName('BÁO CÁD')).toBeNull(); // short names must match exactly
  });
});

describe('joinTitle', () => {
  it('joins symbols broken over lines without a space', () => {
    expect(joinTitle(['số 109/', 'CTr-BLĐTBXH'])).toBe('số 109/CTr-BLĐTBXH');
    expect(joinTitle(['số 109/CTr-', 'BLĐTBXH-MTTW'])).toBe('số 109/CTr-BLĐTBXH-MTTW');
    expect(joinTitle(['Bộ Lao động -', 'Thương binh'])).toBe('Bộ Lao động - Thương binh');
  });
});
