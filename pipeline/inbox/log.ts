// The service's log: one JSON object per line on stderr (pino), written synchronously so the
// last lines before a crash are not lost in a buffer.
import pino, { type Logger } from 'pino';

export function serviceLogger(level: string = 'info'): Logger {
  return pino({ name: 'tonghop', level, timestamp: pino.stdTimeFunctions.isoTime, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}
