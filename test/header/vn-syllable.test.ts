// The Vietnamese syllable check that refutes OCR misreads of titles and issuer lines.
import { isVietnameseSyllable, judgeWord } from '../../extractors/vn-syllable.js';

describe('isVietnameseSyllable', () => {
  it('takes the syllables of administrative titles and names, in any case', () => {
    const words = ('Kết quả thực hiện Chương trình phối hợp giữa Sở Lao động Thương binh và Xã hội Ủy ban Mặt trận Tổ quốc '
      + 'Việt Nam tỉnh Hậu Giang THẨM QUYỀN GIẢI QUYẾT ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH NGHIÊNG KHUYA quyết quỳnh giếng gìn '
      + 'giữa thuở thủy thuỷ hoà hòa xoong được Đắk Lắk yêu tiền').split(' ');
    expect(words.filter((w) => !isVietnameseSyllable(w))).toEqual([]);
  });

  it('refutes broken structure: two tones, a tone off the nucleus, a coda that takes no such tone, a wrong onset', () => {
    // PHỔỐI: two tones; ĐƠÀ: no such rhyme; THUE: "ue" only after q; taì: tone on the coda;
    // cầc: huyền before a stop; kà, ngi: k before a, ng before i; tyên: yê after a consonant
    for (const w of ['PHỔỐI', 'ĐƠÀ', 'THUE', 'taì', 'cầc', 'kà', 'ngi', 'tyên', 'VONERAM', 'bình2']) expect(isVietnameseSyllable(w)).toBe(false);
  });

  it('lets a misread that is itself a syllable pass: the check only refutes', () => {
    expect(isVietnameseSyllable('TÍNH')).toBe(true); // "TỈNH" misread; other checks catch it
  });
});

describe('judgeWord', () => {
  it('tells syllables, acronyms, symbols and specks apart', () => {
    expect(judgeWord('(ĐỢT')).toBe('syllable');
    expect(judgeWord('ĐỔI,')).toBe('syllable');
    expect(judgeWord('UBND')).toBe('acronym');
    expect(judgeWord('HĐND')).toBe('acronym');
    expect(judgeWord('109/CTr-BLĐTBXH-MTTW')).toBe('symbol');
    expect(judgeWord('2021-2025')).toBe('symbol');
    expect(judgeWord('-')).toBe('symbol');
    for (const w of ['„.', 'x.', 'nh', 'CASINO', 'PHỔỐI']) expect(judgeWord(w)).toBe('bad');
  });
});
