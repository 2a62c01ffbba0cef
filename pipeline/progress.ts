// Progress on stderr: a bar on a terminal, plain lines otherwise (logs, CI).
import cliProgress from 'cli-progress';

export interface Progress { start(total: number): void; update(done: number, total: number, label: string): void; stop(): void }

export function makeProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream, format: 'Đang xử lý [{bar}] {value}/{total} văn bản | {label}', hideCursor: true, clearOnComplete: false,
    }, cliProgress.Presets.shades_classic);
    return {
      start: (total) => bar.start(total, 0, { label: '' }),
      update: (done, total, label) => { bar.setTotal(total); bar.update(done, { label }); },
      stop: () => bar.stop(),
    };
  }
  return {
    start: (total) => stream.write(`Bắt đầu xử lý ${total} văn bản\n`),
    update: (done, total, label) => stream.write(`[${done}/${total}] ${label}\n`),
    stop: () => {},
  };
}
