// The organisation's signature on a separately filed attachment (NĐ 30/2020, Phụ lục I): the
// main document's number and the signing time, printed small at the top right of page 1.
import { findAttachmentMark, markTime } from '../../extractors/attachment-mark.js';
import type { PageText, TextLine } from '../../model/document.js';

const line = (text: string, x: number, y: number, h = 10): TextLine => ({ text, box: { x, y, w: text.length * h * 0.5, h }, items: [], conf: 1 });
const page = (lines: TextLine[]): PageText => ({ page: 1, width: 595, height: 842, source: 'text', items: [], lines });

describe('attachment mark', () => {
  it('reads the number and the time at the top right', () => {
    const m = findAttachmentMark([page([line('280/BC-UBND', 470, 20), line('2023-06-29T10:15:30+07:00', 440, 32), line('PHỤ LỤC', 270, 90, 14)])]);
    expect(m).toMatchObject({ parentNumber: '280/BC-UBND', signedAt: '2023-06-29T10:15:30+07:00' });
  });

  it('takes the dotted date form too', () => {
    expect(findAttachmentMark([page([line('29.06.2023 10:15:30 +07:00', 440, 18), line('280/BC-UBND', 470, 30)])])?.parentNumber).toBe('280/BC-UBND');
    expect(markTime('29/06/2023 10:15')).toBe('2023-06-29T10:15+07:00');
  });

  it('is not the document\'s own "Số:" line, nor a number without a time, nor one lower on the page', () => {
    expect(findAttachmentMark([page([line('Số: 280/BC-UBND', 470, 20), line('2023-06-29T10:15:30+07:00', 440, 32)])])).toBeNull();
    expect(findAttachmentMark([page([line('280/BC-UBND', 470, 20)])])).toBeNull();
    expect(findAttachmentMark([page([line('280/BC-UBND', 470, 300), line('2023-06-29T10:15:30+07:00', 440, 312)])])).toBeNull();
    expect(findAttachmentMark([page([line('280/BC-UBND', 60, 20), line('2023-06-29T10:15:30+07:00', 60, 32)])])).toBeNull();
    expect(findAttachmentMark([page([line('Hà Giang, ngày 29 tháng 6 năm 2023', 330, 20), line('2023-06-29T10:15:30+07:00', 440, 32)])])).toBeNull();
  });
});
