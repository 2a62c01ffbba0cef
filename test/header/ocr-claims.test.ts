// Title and issuer of a scan are claimed only when their words vouch for them; a text layer is
// kept as printed.
import { extractHeaderFields } from '../../extractors/header-fields.js';
import { normaliseHeader } from '../../extractors/normalise-header.js';
import { titleShapeDoubts, capitalsLikeNeighbours, cleanIssuerWords, correctFromElsewhere, correctIssuerWords, issuerClaim, ISSUER_UNCONFIRMED, misspeltOrgWord, OCR_CLAIM_FLOOR, readElsewhere, titleClaim, TITLE_UNCONFIRMED, wordDoubts } from '../../extractors/ocr-claims.js';
import { groupIntoLines } from '../../extractors/page-text.js';
import type { PageText, TextItem } from '../../model/document.js';

const words = (s: string, conf = 0.96) => s.split(' ').map((str) => ({ str, conf }));

describe('wordDoubts', () => {
  it('says nothing against well-read syllables, acronyms and symbols', () => {
    expect(wordDoubts(words('Kết quả thực hiện Chương trình phối hợp số 109/CTr-BLĐTBXH-MTTW của UBND'))).toEqual([]);
  });

  it('doubts a tone misread in a pair administrative titles always spell one way, with no body to compare', () => {
    expect(wordDoubts(words('VỀ VIỆC TIẾP NHẬN VÀ TRẢ KẾT QUÁ GIẢI QUYẾT')).join()).toContain('"KẾT QUÁ" / "KẾT QUẢ"');
    expect(wordDoubts(words('THUỘC THẤM QUYỀN CỦA UBND')).join()).toContain('"THẤM QUYỀN"');
    // the body misreading the pair too (or both ways) vouches for nothing
    const body = readElsewhere([words('công tác tố chức thực hiện'), words('cơ cấu tổ chức của sở')]);
    expect(wordDoubts(words('CHUẨN BỊ TỐ CHỨC LỄ KHÁNH THÀNH'), body).join()).toContain('"TỐ CHỨC" / "TỔ CHỨC"');
    // either placement of the mark in ỦY / UỶ, and pairs spelt right, pass
    expect(wordDoubts(words('CỦA UỶ BAN NHÂN DÂN VỀ KẾT QUẢ THỰC HIỆN'))).toEqual([]);
    expect(wordDoubts(words('Kết quả thực hiện của Ủy ban nhân dân'))).toEqual([]);
  });

  it('doubts a word of mixed case ("vỀ", "PHáT"), not a capitalised one or a symbol', () => {
    expect(wordDoubts(words('CỦA CHÍNH PHỦ vỀ PHÁT TRIỂN'))[0]).toContain('"vỀ"');
    expect(wordDoubts(words('Về việc phát triển V/v QĐ-UBND'))).toEqual([]);
  });

  it('doubts a number OCR split or cut, though every word is read well', () => {
    expect(wordDoubts(words('Phối hợp thực hiện giai đoạn 202 1-2025 trên địa bàn tỉnh'))[0]).toContain('"202 1-2025"');
    expect(wordDoubts(words('giảm nghèo bền vững giai đoạn 1-2025'))[0]).toContain('"1-2025"');
    // whole numbers and ranges, a day and month in words, a symbol: nothing to doubt
    expect(wordDoubts(words('giai đoạn 2021-2025 và 2021 - 2025, 06 tháng đầu năm 2023, số 109/CTr-BLĐTBXH-MTTW'))).toEqual([]);
  });

  it('doubts a word read under the floor, and one that is no syllable', () => {
    const w = words('VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHÙ SỐ');
    w[9].conf = OCR_CLAIM_FLOOR - 0.55;
    expect(wordDoubts(w)[0]).toContain('"PHÙ" 35%');
    expect(wordDoubts(words('PHỔỐI HỢP'))[0]).toContain('"PHỔỐI"');
  });

  it('takes a weak word read alike, with its neighbours, elsewhere in the document', () => {
    const title = words('Sở Lao động - Thương binh và Xã hội');
    title[5].conf = 0.8; // "binh"
    const body = [words('giữa Bộ Lao động - Thương binh và Xã hội và Ban Thường trực')];
    expect(wordDoubts(title)).not.toEqual([]);
    expect(wordDoubts(title, readElsewhere(body))).toEqual([]);
    // read poorly there too: no second reading
    expect(wordDoubts(title, readElsewhere([words('Thương binh và', 0.7)]))).not.toEqual([]);
  });

  it('confirms a weak symbol by the same symbol read well elsewhere, also its part after a line break', () => {
    const title = [...words('phối hợp số 109/'), { str: 'CTr-BLĐTBXH-MTTW', conf: 0.49 }];
    expect(wordDoubts(title, readElsewhere([words('Căn cứ Chương trình phối hợp số 109/CTr-BLĐTBXH-MTTW ngày')]))).toEqual([]);
  });

  it('doubts two words the document spells otherwise elsewhere ("KẾT QUÁ" where the body reads "kết quả")', () => {
    const seen = readElsewhere([words('trả kết quả giải quyết thủ tục hành chính')]);
    expect(wordDoubts(words('TIẾP NHẬN VÀ TRẢ KẾT QUÁ GIẢI QUYẾT'), seen).join()).toContain('"KẾT QUÁ" / "KẾT QUẢ"');
    expect(wordDoubts(words('TIẾP NHẬN VÀ TRẢ KẾT QUẢ GIẢI QUYẾT'), seen)).toEqual([]);
  });
});

describe('issuerClaim', () => {
  it('claims a well-read issuer', () => {
    expect(issuerClaim([words('ỦY BAN NHÂN DÂN'), words('TỈNH ĐỒNG THÁP')])).toBeNull();
  });

  it('doubts an organisation word with other marks, the Quốc hiệu mixed in, two blocks read as one line', () => {
    expect(issuerClaim([words('ỦY BAN NHÂN DÂN'), words('TÍNH ĐỒNG THÁP')])?.message).toContain('"TÍNH"');
    expect(issuerClaim([words('UBND TỈNH CAO BẰNG'), words('Độc lập')])?.code).toBe(ISSUER_UNCONFIRMED);
    expect(issuerClaim([words('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI. VIỆT NAM TỈNH HUẾ')])?.message).toContain('hai khối');
  });

  it('knows which organisation words have one spelling: HẢI and HAI, QUẬN and QUAN are both names', () => {
    expect(['TÍNH', 'TINH', 'SƠ', 'PHỔ', 'TRỤC', 'HÁI', 'THUE'].map((w) => misspeltOrgWord(w))).toEqual([true, true, true, true, true, true, true]);
    expect(['TỈNH', 'HẢI', 'HAI', 'QUAN', 'QUẬN', 'ĐỒNG', 'THANH'].map((w) => misspeltOrgWord(w))).toEqual([false, false, false, false, false, false, false]);
    // the province Hà Tĩnh
    expect(misspeltOrgWord('TĨNH', 'HÀ')).toBe(false);
    expect(misspeltOrgWord('TĨNH', 'VIỆT NAM')).toBe(true);
    expect(issuerClaim([words('UBND TỈNH HÀ TĨNH'), words('SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI')])).toBeNull();
  });

  it('puts an issuer\'s TÍNH right to TỈNH (an organisation name has no other word of those letters), and a pair from the body', () => {
    const line = words('ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TÍNH ĐỒNG THÁP');
    line[8].conf = 0.6; // "TÍNH"
    const fixed = correctIssuerWords(line, null);
    expect(fixed.words.map((w) => w.str).join(' ')).toBe('ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH ĐỒNG THÁP');
    expect(issuerClaim([fixed.words])).toBeNull();
    expect(correctIssuerWords(words('UBND TỈNH HÀ TĨNH'), null).changed).toEqual([]);
    // only TÍNH / TINH before a name: never after HÀ, never another tone, never a line's last word
    for (const line of ['UBND TỈNH HÀ TÍNH', 'UBND TỈNH HA TINH', 'UBND HUYỆN SƠN TỊNH', 'THỊ XÃ TỊNH BIÊN', 'UBND HUYỆN TĨNH GIA', 'SỞ NỘI VỤ TÍNH']) {
      expect(correctIssuerWords(words(line), null).changed).toEqual([]);
    }
    const body = readElsewhere([words('Ban Thường trực Ủy ban MTTQ tỉnh')]);
    const weak = words('BAN THƯỜNG TRỤC');
    weak[2].conf = 0.8;
    expect(correctIssuerWords(weak, body).words.map((w) => w.str).join(' ')).toBe('BAN THƯỜNG TRỰC');
    // read well as "TRỤC": left as read, and doubted
    expect(correctIssuerWords(words('BAN THƯỜNG TRỤC'), body).changed).toEqual([]);
  });

  it('drops specks and a trailing full stop from an issuer line', () => {
    expect(cleanIssuerWords(words('„. UBND TỈNH HÀ NAM.')).map((w) => w.str)).toEqual(['UBND', 'TỈNH', 'HÀ', 'NAM']);
    expect(cleanIssuerWords(words('SỞ LAO ĐỘNG - THƯƠNG BINH')).map((w) => w.str)).toEqual(['SỞ', 'LAO', 'ĐỘNG', '-', 'THƯƠNG', 'BINH']);
  });
});

describe('titleClaim', () => {
  it('adds the layout reasons to the words', () => {
    expect(titleClaim(words('VỀ VIỆC'), null, ['dòng "X" ngay dưới có thể là phần tiếp theo của trích yếu'])?.code).toBe(TITLE_UNCONFIRMED);
    expect(titleClaim(words('VỀ VIỆC'))).toBeNull();
  });
});

/** A header laid out as words (OCR items carry a confidence each), the text block 80–540. */
function scan(source: 'ocr' | 'text', titleConf: number): PageText {
  const items: TextItem[] = [];
  const width = (text: string) => text.split(' ').reduce((a, w) => a + w.length * 6 + 4, -4);
  const line = (text: string, x: number | 'centre', y: number, conf = 0.96, span?: number) => {
    const words = text.split(' ');
    const gap = span ? (span - words.reduce((a, w) => a + w.length * 6, 0)) / (words.length - 1) : 4;
    let cx = x === 'centre' ? 310 - width(text) / 2 : x;
    for (const str of words) {
      items.push({ str, box: { x: cx, y, w: str.length * 6, h: 12 }, conf: source === 'text' ? 1 : conf });
      cx += str.length * 6 + gap;
    }
  };
  line('UBND TỈNH HÀ GIANG', 100, 60);
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 330, 60);
  line('SỞ LAO ĐỘNG', 110, 76);
  line('Độc lập - Tự do - Hạnh phúc', 350, 76);
  line('Số: 280/BC-SLĐTBXH', 100, 96);
  line('Hà Giang, ngày 29 tháng 6 năm 2023', 330, 96);
  line('BÁO CÁO', 'centre', 140);
  line('Kết quả thực hiện Chương trình phối hợp', 'centre', 158, titleConf);
  line('Thực hiện Công văn số 329/CV-VPQGGN ngày 14/6/2023 của Văn phòng Quốc gia', 110, 200, 0.96, 430);
  for (const y of [216, 232, 248]) line('nội dung văn bản trải rộng toàn bộ chiều ngang của khối văn bản để xác định lề', 80, y, 0.96, 460);
  return { page: 1, width: 595, height: 842, source, items, lines: groupIntoLines(items) };
}

describe('title and issuer of a scan through extractHeaderFields and normaliseHeader', () => {
  it('keeps a well-read scanned title and issuer', () => {
    const p = scan('ocr', 0.95);
    const n = normaliseHeader(extractHeaderFields([p]), [p]);
    expect(n.title).toBe('Kết quả thực hiện Chương trình phối hợp');
    expect(n.issuer).toBe('UBND TỈNH HÀ GIANG / SỞ LAO ĐỘNG');
  });

  it('does not claim a poorly read scanned title: null, a finding that says why, the classification still reads it', () => {
    const p = scan('ocr', 0.6);
    const h = extractHeaderFields([p]);
    const n = normaliseHeader(h, [p]);
    expect(n.title).toBeNull();
    expect(h.title.value).toBe('Kết quả thực hiện Chương trình phối hợp');
    expect(h.findings.find((f) => f.code === TITLE_UNCONFIRMED)?.message).toContain('chữ đọc kém');
    expect(n.issuer).toBe('UBND TỈNH HÀ GIANG / SỞ LAO ĐỘNG');
  });

  it('keeps a text layer as printed, whatever its words', () => {
    const p = scan('text', 0.6);
    const n = normaliseHeader(extractHeaderFields([p]), [p]);
    expect(n.title).toBe('Kết quả thực hiện Chương trình phối hợp');
  });
});

describe('title words put right', () => {
  it('puts small letters shaped like capitals in capitals inside a title of capitals, and nothing else', () => {
    expect(capitalsLikeNeighbours(words('CỦA CHÍNH PHỦ vỀ PHÁT TRIỂN')).map((w) => w.str).join(' ')).toBe('CỦA CHÍNH PHỦ VỀ PHÁT TRIỂN');
    expect(capitalsLikeNeighbours(words('CỦA CHÍNH PHỦ PHáT TRIỂN')).map((w) => w.str).join(' ')).toBe('CỦA CHÍNH PHỦ PHáT TRIỂN');
    expect(capitalsLikeNeighbours(words('Về việc phát triển')).map((w) => w.str).join(' ')).toBe('Về việc phát triển');
  });

  it('respells a pair the body reads well in one spelling, keeping case and punctuation; the words then count as read well', () => {
    const title = words('XỬ LÝ TÀI SẲN, ĐƯỢC XÁC LẬP');
    title[3].conf = 0.5;
    const seen = readElsewhere([words('phương án xử lý tài sản được xác lập quyền sở hữu')]);
    const fixed = correctFromElsewhere(title, seen);
    expect(fixed.words.map((w) => w.str).join(' ')).toBe('XỬ LÝ TÀI SẢN, ĐƯỢC XÁC LẬP');
    expect(fixed.changed).toEqual([{ from: 'SẲN,', to: 'SẢN,' }]);
    expect(wordDoubts(fixed.words, seen)).toEqual([]);
  });

  it('leaves a pair the title reads well, a case misread, and two printings of one word (review of session 7)', () => {
    const body = (t: string) => readElsewhere([words(t)]);
    // read well in the title: both words may be right ("HẰNG NĂM" / "hàng năm", "CHỈ TIÊU" / "chi tiêu")
    expect(correctFromElsewhere(words('KIỂM TRA HẰNG NĂM'), body('công tác hàng năm của sở')).changed).toEqual([]);
    expect(correctFromElsewhere(words('GIAO CHỈ TIÊU KẾ HOẠCH'), body('dự toán chi tiêu kế hoạch')).changed).toEqual([]);
    // the fixed pairs' other spelling, and the other placement of a mark
    expect(correctFromElsewhere(words('CỦA ỦY BAN NHÂN DÂN', 0.5), body('của Uỷ ban nhân dân')).changed).toEqual([]);
    expect(correctFromElsewhere(words('TỈNH THANH HÓA', 0.5), body('tỉnh Thanh Hoá')).changed).toEqual([]);
    // a word of mixed case is left, and stays doubted
    const mixed = words('KẾ HOẠCH CỦA CHÍNH pHÙ');
    mixed[4].conf = 0.5;
    const fixed = correctFromElsewhere(mixed, body('của Chính phủ về'));
    expect(fixed.changed).toEqual([]);
    expect(wordDoubts(fixed.words).join()).toContain('"pHÙ"');
  });

  it('leaves a pair the body spells two ways, or reads poorly', () => {
    const two = readElsewhere([words('tỉnh đồng tháp'), words('tính đồng thời')]);
    expect(correctFromElsewhere(words('TÍNH ĐỒNG THÁP'), two).changed).toEqual([]);
    const poor = readElsewhere([words('tài sản công', 0.6)]);
    expect(correctFromElsewhere(words('TÀI SẲN CÔNG'), poor).changed).toEqual([]);
    expect(correctFromElsewhere(words('TÀI SẲN CÔNG'), null).changed).toEqual([]);
    // nor towards a spelling administrative titles never use (the body misread the pair alike)
    expect(correctFromElsewhere(words('CƠ CẤU TỔ CHỨC'), readElsewhere([words('cơ cấu tố chức của sở')])).changed).toEqual([]);
  });
});

describe('titleShapeDoubts', () => {
  it('doubts a quotation mark or bracket left open, and a title cut after a word no title ends on', () => {
    expect(titleShapeDoubts(words('V/V TRIỂN KHAI CHIẾN DỊCH QUANG TRUNG” THẦN TỐC'))).toHaveLength(1);
    expect(titleShapeDoubts(words('KẾ HOẠCH (GIAI ĐOẠN 2021-2025'))).toHaveLength(1);
    expect(titleShapeDoubts(words('QUẢN LÝ CỦA SỞ NÔNG NGHIỆP VÀ MÔI'))[0]).toContain('"MÔI"');
    expect(titleShapeDoubts(words('giai đoạn 2021 - 2025 trên địa bàn tỉnh Hà Tĩnh của'))[0]).toContain('"của"');
  });

  it('passes balanced marks and whole titles', () => {
    expect(titleShapeDoubts(words('V/V TRIỂN KHAI ”CHIẾN DỊCH QUANG TRUNG” THẦN TỐC'))).toEqual([]);
    expect(titleShapeDoubts(words('Kế hoạch (giai đoạn 2021-2025) của Sở NÔNG NGHIỆP VÀ MÔI TRƯỜNG'))).toEqual([]);
  });
});
