// The service's log, on stderr. Two forms of the same records (pino):
// - JSON lines, one object per line, when stderr is not a terminal (a service manager, a file,
//   a test) or with --log-json: for machines, and complete;
// - short Vietnamese lines on a terminal (`npm start`): time, file, outcome, reason — only what a
//   person watching the inbox needs; routine steps ("taken in", "processed") are left out.
// Either way lines are written synchronously so the last ones before a crash are not lost.
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export type LogFormat = 'pretty' | 'json';

/** Pretty lines only for a person at a terminal, and only when JSON was not asked for. */
export function chooseLogFormat(o: { isTTY: boolean | undefined; logJson?: boolean }): LogFormat {
  return o.isTTY && !o.logJson ? 'pretty' : 'json';
}

/** Where log lines go; stderr (fd 2) unless a test passes its own. */
export interface LogSink { write(line: string): unknown }

const stderrSink: LogSink = { write: (s) => fs.writeSync(2, s) };

export function serviceLogger(level: string = 'info', format: LogFormat = 'json', sink?: LogSink): Logger {
  const opts = { name: 'tonghop', level, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } };
  if (format === 'json') return pino(opts, sink ?? pino.destination({ fd: 2, sync: true }));
  const out = sink ?? stderrSink;
  return pino(opts, {
    write(chunk: string) {
      for (const json of chunk.split('\n')) {
        if (!json) continue;
        const line = consoleLine(JSON.parse(json) as LogRecord);
        if (line) out.write(`${line}\n`);
      }
    },
  });
}

/** A pino record as the formatter reads it (only the fields the service logs). */
export interface LogRecord {
  level: number;
  time: string;
  msg?: string;
  file?: string;
  code?: string;
  reason?: string;
  status?: string;
  /** header fields and indicator figures waiting for review in an archived document */
  reviewFields?: number;
  reviewIndicators?: number;
  inbox?: string;
  err?: { message?: string; code?: string };
  [k: string]: unknown;
}

const WARN = 40;
const ERROR = 50;

/** Vietnamese for the service's warnings and errors (the JSON keeps the English `msg`). */
const PROBLEMS: Record<string, string> = {
  'watcher error': 'lỗi khi theo dõi thư mục',
  'move failed; will retry': 'chưa chuyển được tệp, sẽ thử lại',
  'recovering a move failed; will retry': 'chưa hoàn tất được việc chuyển tệp dang dở, sẽ thử lại',
  'destination taken by another file; choosing another name': 'nơi chuyển đến đã có tệp khác, chọn tên khác',
  'runner stopped': 'bộ xử lý văn bản dừng vì lỗi',
  'settling stopped: database failure': 'không đọc được trạng thái văn bản từ cơ sở dữ liệu, dừng hộp thư',
  'fatal: exiting': 'lỗi nghiêm trọng, dừng chương trình',
  'review UI did not start; the inbox service keeps running': 'giao diện kiểm tra không khởi động được; hộp thư vẫn chạy',
  'companion did not stop cleanly': 'giao diện kiểm tra không dừng gọn',
  'stop failed': 'dừng không thành công',
  'no tonghop worker alive: files wait in the inbox until one runs': 'chưa thấy tonghop worker nào đang chạy với cơ sở dữ liệu này; tệp chờ trong hộp thư đến khi có worker xử lý',
};

/** Events worth a line of their own, whatever their level. */
const EVENTS: Record<string, (r: LogRecord) => string | null> = {
  'inbox service started': (r) => `Hộp thư ${r.inbox ?? ''}: bắt đầu nhận tệp (Ctrl+C để dừng)`,
  'moved.archive': (r) => `${name(r)}  → đã lưu${r.status === 'needs_review' ? ` (cần kiểm tra: ${toReview(r)})` : ''}`,
  'moved.duplicate': (r) => `${name(r)}  → trùng lặp với tệp đã nhận trước đó (chuyển vào archive/duplicates)`,
  'moved.quarantine': (r) => `${name(r)}  → cách ly: ${r.reason ?? 'không rõ lý do'}${r.code ? ` (${r.code})` : ''}`,
  'original vanished from the inbox': (r) => `${name(r)}  → biến mất khỏi hộp thư trước khi được chuyển`,
  'stopping: no new files; finishing documents in flight': () => 'Đang dừng: không nhận tệp mới, chờ các văn bản đang xử lý…',
  'second signal: leaving in-flight documents pending': () => 'Dừng ngay; văn bản đang xử lý sẽ được làm tiếp ở lần chạy sau.',
  'in-flight documents left pending; they resume on the next start': () => 'Còn văn bản đang xử lý; sẽ được làm tiếp ở lần chạy sau.',
  'not a file: quarantining': () => null, // the moved.quarantine line says it
  'inbox service stopped': (r) => `Đã dừng: nhận ${r.taken ?? 0} tệp; lưu ${r.archived ?? 0}, trùng lặp ${r.duplicates ?? 0}, cách ly ${r.quarantined ?? 0}.`,
};

const name = (r: LogRecord) => (r.file ? path.basename(r.file) : '?');

/** "2 trường, 1 số liệu": what waits for a reviewer, zero parts left out. */
function toReview(r: LogRecord): string {
  const parts = [[r.reviewFields, 'trường'], [r.reviewIndicators, 'số liệu']] as const;
  const text = parts.filter(([n]) => n).map(([n, what]) => `${n} ${what}`).join(', ');
  return text || 'có giá trị chưa chắc chắn';
}

/** Local wall-clock time of a record, HH:MM:SS. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** One short Vietnamese line for a log record, or null for records a person need not see. */
export function consoleLine(r: LogRecord): string | null {
  const msg = r.msg ?? '';
  const event = EVENTS[msg];
  let text: string | null = null;
  if (event) text = event(r);
  else if (r.level >= WARN) {
    const what = PROBLEMS[msg] ?? msg;
    const why = r.err?.message ? `: ${r.err.message}` : '';
    text = `${r.level >= ERROR ? 'LỖI' : 'Cảnh báo'}: ${what}${r.file ? ` (${path.basename(r.file)})` : ''}${why}`;
  }
  return text === null ? null : `${clockTime(r.time)}  ${text}`;
}
