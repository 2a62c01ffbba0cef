// The inbox service's console: short Vietnamese lines on a terminal, pino JSON otherwise.
import { chooseLogFormat, clockTime, consoleLine, serviceLogger, type LogRecord } from '../../pipeline/inbox/log.js';
import { messageFor } from '../../model/errors.js';

/** An ISO time whose local clock reads 15:04:12, whatever the machine's time zone. */
const at = new Date(2026, 5, 30, 15, 4, 12).toISOString();
const rec = (r: Partial<LogRecord>): LogRecord => ({ level: 30, time: at, ...r });

describe('consoleLine', () => {
  it('archived, with what waits for review', () => {
    expect(consoleLine(rec({ msg: 'moved.archive', file: '/srv/inbox/ha-giang-bc.pdf', status: 'needs_review', reviewFields: 2, reviewIndicators: 0 })))
      .toBe('15:04:12  ha-giang-bc.pdf  → đã lưu (cần kiểm tra: 2 trường)');
    expect(consoleLine(rec({ msg: 'moved.archive', file: '/srv/inbox/a.pdf', status: 'needs_review', reviewFields: 1, reviewIndicators: 3 })))
      .toBe('15:04:12  a.pdf  → đã lưu (cần kiểm tra: 1 trường, 3 số liệu)');
    expect(consoleLine(rec({ msg: 'moved.archive', file: '/srv/inbox/b.pdf', status: 'accepted' }))).toBe('15:04:12  b.pdf  → đã lưu');
  });

  it('quarantined, with the Vietnamese reason and its code', () => {
    const reason = messageFor('pdf.encrypted');
    expect(consoleLine(rec({ msg: 'moved.quarantine', file: '/srv/inbox/mat-khau.pdf', code: 'pdf.encrypted', reason })))
      .toBe(`15:04:12  mat-khau.pdf  → cách ly: ${reason} (pdf.encrypted)`);
  });

  it('duplicates, start and stop get a line; routine steps do not', () => {
    expect(consoleLine(rec({ msg: 'moved.duplicate', file: '/srv/inbox/x.pdf' }))).toMatch(/^15:04:12 {2}x\.pdf {2}→ trùng lặp/);
    expect(consoleLine(rec({ msg: 'inbox service started', inbox: '/srv/inbox' }))).toBe('15:04:12  Hộp thư /srv/inbox: bắt đầu nhận tệp (Ctrl+C để dừng)');
    expect(consoleLine(rec({ msg: 'inbox service stopped', taken: 5, archived: 2, duplicates: 1, quarantined: 2 })))
      .toBe('15:04:12  Đã dừng: nhận 5 tệp; lưu 2, trùng lặp 1, cách ly 2.');
    expect(consoleLine(rec({ msg: 'taken in', file: '/srv/inbox/x.pdf' }))).toBeNull();
    expect(consoleLine(rec({ msg: 'processed', file: 'x.pdf', status: 'accepted' }))).toBeNull();
    expect(consoleLine(rec({ level: 40, msg: 'not a file: quarantining', file: '/srv/inbox/d' }))).toBeNull();
  });

  it('warnings and errors in Vietnamese, with the error message', () => {
    expect(consoleLine(rec({ level: 50, msg: 'move failed; will retry', file: '/srv/inbox/a.pdf', err: { message: 'EBUSY' } })))
      .toBe('15:04:12  LỖI: chưa chuyển được tệp, sẽ thử lại (a.pdf): EBUSY');
    expect(consoleLine(rec({ level: 40, msg: 'something new' }))).toBe('15:04:12  Cảnh báo: something new');
  });

  it('clockTime is the local wall clock', () => {
    expect(clockTime(new Date(2026, 0, 2, 9, 5, 7).toISOString())).toBe('09:05:07');
  });
});

describe('log format switch', () => {
  it('pretty only on a terminal without --log-json', () => {
    expect(chooseLogFormat({ isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, logJson: true })).toBe('json');
    expect(chooseLogFormat({ isTTY: false })).toBe('json');
    expect(chooseLogFormat({ isTTY: undefined })).toBe('json'); // a pipe or a file
  });

  it('json writes pino records; pretty writes the console lines of the same calls', () => {
    const json: string[] = [];
    const pretty: string[] = [];
    for (const [format, out] of [['json', json], ['pretty', pretty]] as const) {
      const log = serviceLogger('info', format, { write: (s: string) => out.push(s) });
      log.info({ file: '/srv/inbox/ha-giang-bc.pdf', code: 'pdf.truncated', reason: messageFor('pdf.truncated') }, 'moved.quarantine');
      log.info({ file: '/srv/inbox/ha-giang-bc.pdf', id: 'abc' }, 'taken in');
    }
    const records = json.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.msg, r.level, r.name])).toEqual([['moved.quarantine', 30, 'tonghop'], ['taken in', 30, 'tonghop']]);
    expect(records[0]).toMatchObject({ code: 'pdf.truncated', file: '/srv/inbox/ha-giang-bc.pdf' });
    expect(pretty).toHaveLength(1);
    expect(pretty[0]).toMatch(/^\d\d:\d\d:\d\d {2}ha-giang-bc\.pdf {2}→ cách ly: Tệp PDF bị cắt cụt .* \(pdf\.truncated\)\n$/);
  });
});
