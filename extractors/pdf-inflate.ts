// Flate decoding for pdfjs inside the isolated worker, through zlib's one-shot call.
// pdfjs 5 inflates every Flate stream (page content, embedded fonts) through the Web
// DecompressionStream. In Node each call builds a web stream over a zlib stream, with several
// promise hops per chunk: on the generated born-digital set that was about a seventh of the
// worker's time, more than the inflating itself. pdfjs uses only a small part of the interface
// (a writer it writes the bytes to and closes, then the readable iterated to the end), which
// this class gives with zlib.inflateSync over the same bytes: the same zlib, the same output.
// Anything zlib refuses (corrupt data, more than MAX_INFLATED_BYTES) throws where pdfjs catches
// it and falls back to its own JavaScript decoder, exactly as when DecompressionStream fails.
import zlib from 'node:zlib';

/** Inflated size above which zlib stops and pdfjs's own decoder (on the worker's capped heap) takes over. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** The part of DecompressionStream('deflate') that pdfjs uses, inflated in one call at close. */
export class OneShotInflateStream {
  readonly writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(format: string) {
    // Node 20's DecompressionStream knows no 'brotli' either: pdfjs then decodes it itself
    if (format !== 'deflate') throw new TypeError(`The "format" argument must be "deflate", got "${format}"`);
    const chunks: Uint8Array[] = [];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => { closed = resolve; });
    const ready = Promise.resolve();
    this.writable = {
      getWriter: () => ({
        ready,
        write: async (chunk) => { chunks.push(chunk); },
        close: async () => { closed(); },
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await done;
        yield zlib.inflateSync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), { maxOutputLength: MAX_INFLATED_BYTES });
      },
    };
  }
}

/** Installs OneShotInflateStream as this thread's DecompressionStream (the pdfjs worker only). */
export function useOneShotInflate(): void {
  (globalThis as { DecompressionStream: unknown }).DecompressionStream = OneShotInflateStream;
}
