// OCR by the `tesseract` program installed on the machine (Debian/Ubuntu `tesseract-ocr`, 5.x;
// the Windows and macOS builds alike) with tonghop's own model files, unpacked once from
// node_modules: the same LSTM model as the WebAssembly engine (ocr-pool.ts), at native SIMD
// speed (about 1.8× less CPU a page on this machine). Every job is a process of its own, with
// OMP_THREAD_LIMIT=1 (one core a job; the pool size is the parallelism) and a time limit past
// which it is killed, so a page that hangs tesseract costs one job, never the service. Images go
// in as binary PGM on stdin; words come back as TSV. Re-reads with the same settings that arrive
// together (a page's doubtful figures) share one process: a list of images, one model load.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { cropGrey, pgmParts, toPgm, type GreyImage } from './pixels.js';
import {
  clampRect, defaultLangPath, defaultOsdPath, meanWordConf, modelHash, OcrError, ocrLine, vieModelHash, type OcrLine, type OcrRecogniser, type OcrResult,
  type OrientationResult, type PageSegMode, type RecogniseOptions,
} from './ocr-pool.js';

export interface NativeTesseract { bin: string; version: string }

const found = new Map<string, NativeTesseract | null>();

/**
 * The installed tesseract, when it is version 5 or later (the LSTM engine and the model format
 * tonghop ships); null otherwise. `TONGHOP_TESSERACT` names another program file. Asked once.
 */
export function findNativeTesseract(bin = process.env.TONGHOP_TESSERACT || 'tesseract'): NativeTesseract | null {
  if (found.has(bin)) return found.get(bin)!;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /tesseract\s+v?(\d+)\.(\d+)\.(\d+)/i.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  const t = r.status === 0 && m && Number(m[1]) >= 5 ? { bin, version: `${m[1]}.${m[2]}.${m[3]}` } : null;
  found.set(bin, t);
  return t;
}

/** Identity of the native engine and model (cache keys): never equal to the WebAssembly engine's. */
export function nativeEngineId(t: NativeTesseract, langPath = defaultLangPath()): string {
  return `tesseract@${t.version}/vie-${path.basename(langPath)}-${vieModelHash(langPath)}/lstm`;
}

export function nativeOsdEngineId(t: NativeTesseract, osdPath = defaultOsdPath()): string | null {
  const file = path.join(osdPath, 'osd.traineddata.gz');
  return fs.existsSync(file) ? `tesseract@${t.version}/osd-${modelHash(file)}` : null;
}

/**
 * `<lang>.traineddata` unpacked from `<folder>/<lang>.traineddata.gz` into a folder named by its
 * hash under the temp folder (written to a temporary name, then renamed: concurrent processes
 * never read half a file); the folder to pass as --tessdata-dir.
 */
export function unpackModel(folder: string, lang: string, root = os.tmpdir()): string {
  const gz = path.join(folder, `${lang}.traineddata.gz`);
  if (!fs.existsSync(gz)) throw new OcrError('ocr.model_missing', { file: gz });
  const dir = path.join(root, `tonghop-tessdata-${lang}-${modelHash(gz)}`);
  const file = path.join(dir, `${lang}.traineddata`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, zlib.gunzipSync(fs.readFileSync(gz)));
    fs.renameSync(tmp, file);
  }
  return dir;
}

const PSM_CODE: Record<PageSegMode, string> = { auto: '3', single_block: '6', sparse: '11', single_line: '7' };

export interface NativeOcrPoolOptions {
  tesseract: NativeTesseract;
  /** processes at once; default os.availableParallelism() */
  workers?: number;
  langPath?: string;
  osdPath?: string;
  /** one page may take this long before its process is killed; default 120 s */
  jobTimeoutMs?: number;
  /** folder for the unpacked models; default the temp folder */
  modelRoot?: string;
}

interface Job {
  img: GreyImage;
  opts: RecogniseOptions;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
}

/** Jobs with these settings may share one process (re-reads of one page arrive together). */
function batchKey(img: GreyImage, opts: RecogniseOptions): string | null {
  if (!opts.psm || opts.psm === 'auto' || opts.rectangle) return null;
  return `${opts.psm}|${opts.whitelist ?? ''}|${Math.round(opts.dpi ?? img.dpi ?? 300)}`;
}

const MAX_BATCH = 64;

export class NativeOcrPool implements OcrRecogniser {
  readonly kind = 'native' as const;
  readonly engine: string;
  readonly osdEngine: string | null;
  private readonly queue: Job[] = [];
  private readonly children = new Set<ReturnType<typeof spawn>>();
  private running = 0;
  private jobs = 0;
  /** tesseract processes started (a batch of re-reads is one) */
  private processes = 0;
  private failed = 0;
  private busyMs = 0;
  private closed = false;
  private pumpTimer: NodeJS.Timeout | undefined;
  private readonly workers: number;
  private readonly tessdata: string;
  private osdData: string | null | undefined;
  private readonly created = Date.now();

  constructor(private readonly o: NativeOcrPoolOptions) {
    const langPath = o.langPath ?? defaultLangPath();
    this.engine = nativeEngineId(o.tesseract, langPath);
    this.osdEngine = nativeOsdEngineId(o.tesseract, o.osdPath);
    this.tessdata = unpackModel(langPath, 'vie', o.modelRoot);
    this.workers = Math.max(1, Math.floor(o.workers ?? os.availableParallelism()));
  }

  recognise(img: GreyImage, opts: RecogniseOptions = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new OcrError('ocr.terminated'));
    return new Promise((resolve, reject) => {
      this.queue.push({ img, opts, resolve, reject });
      // a moment's wait lets the re-reads of one page, asked together, go to one process
      this.pumpTimer ??= setTimeout(() => { this.pumpTimer = undefined; this.pump(); }, batchKey(img, opts) ? 3 : 0);
    });
  }

  private pump(): void {
    while (this.running < this.workers && this.queue.length) {
      const first = this.queue.shift()!;
      const key = batchKey(first.img, first.opts);
      const batch = [first];
      if (key) {
        for (let i = 0; i < this.queue.length && batch.length < MAX_BATCH;) {
          if (batchKey(this.queue[i].img, this.queue[i].opts) === key) batch.push(...this.queue.splice(i, 1));
          else i++;
        }
      }
      this.running++;
      void this.run(batch).finally(() => { this.running--; this.pump(); });
    }
  }

  private async run(batch: Job[]): Promise<void> {
    const t0 = Date.now();
    const { img, opts } = batch[0];
    const dpi = Math.round(opts.dpi ?? img.dpi ?? 300);
    const rect = opts.rectangle ? clampRect(opts.rectangle, img) : null;
    const args = ['--tessdata-dir', this.tessdata, '-l', 'vie', '--oem', '1', '--psm', PSM_CODE[opts.psm ?? 'auto'], '--dpi', String(dpi),
      '-c', `debug_file=${os.devNull}`, '-c', 'tessedit_create_tsv=1'];
    if (opts.whitelist) args.push('-c', `tessedit_char_whitelist=${opts.whitelist}`);
    let listDir: string | null = null;
    try {
      let stdin: Buffer[] | null = null;
      if (batch.length === 1) {
        stdin = pgmParts(rect ? cropGrey(img, rect) : img);
        args.unshift('stdin', 'stdout');
      } else {
        listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-ocr-'));
        const names = batch.map((j, i) => {
          const f = path.join(listDir!, `${i}.pgm`);
          fs.writeFileSync(f, toPgm(j.img));
          return f;
        });
        fs.writeFileSync(path.join(listDir, 'list.txt'), `${names.join('\n')}\n`);
        args.unshift(path.join(listDir, 'list.txt'), 'stdout');
      }
      // a batch is a page's re-reads: small crops, together far less work than one page
      const tsv = await this.exec(args, stdin, this.o.jobTimeoutMs ?? 120_000);
      const pages = parseTsv(tsv);
      const ms = Date.now() - t0;
      this.busyMs += ms;
      this.jobs += batch.length;
      const suffix = (opts.psm && opts.psm !== 'auto' ? `/psm-${opts.psm}` : '') + (opts.whitelist ? '/whitelist' : '');
      batch.forEach((j, i) => { j.resolve(toResult(pages.get(i + 1) ?? [], j.img, dpi, rect, this.engine + suffix, Math.round(ms / batch.length))); });
    } catch (err) {
      this.failed += batch.length;
      const e = err instanceof OcrError ? err : new OcrError('ocr.failed', { detail: err instanceof Error ? err.message : String(err) });
      for (const j of batch) j.reject(e);
    } finally {
      if (listDir) fs.rmSync(listDir, { recursive: true, force: true });
    }
  }

  /** Runs tesseract; its stdout, or an `ocr.failed` naming the exit status, a signal or the time limit. */
  private exec(args: string[], stdin: Buffer[] | null, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.closed) { reject(new OcrError('ocr.terminated')); return; }
      this.processes++;
      const p = spawn(this.o.tesseract.bin, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
      this.children.add(p);
      const out: Buffer[] = [];
      let err = '';
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; p.kill('SIGKILL'); }, timeoutMs);
      p.stdout!.on('data', (b: Buffer) => out.push(b));
      p.stderr!.on('data', (b: Buffer) => { if (err.length < 2000) err += b.toString(); });
      p.on('error', (e) => { clearTimeout(timer); this.children.delete(p); reject(new OcrError('ocr.failed', { detail: e.message })); });
      p.on('close', (code, signal) => {
        clearTimeout(timer);
        this.children.delete(p);
        if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
        else if (this.closed) reject(new OcrError('ocr.terminated'));
        else {
          const why = timedOut ? `quá ${Math.round(timeoutMs / 1000)} giây, đã dừng tesseract` : signal ? `tesseract dừng bởi ${signal}` : `tesseract thoát với mã ${code}`;
          reject(new OcrError('ocr.failed', { detail: `${why}${err.trim() ? `: ${err.trim().split('\n').slice(-2).join(' ')}` : ''}` }));
        }
      });
      if (stdin) {
        p.stdin!.on('error', () => undefined); // a process that died early: reported by 'close'
        for (const part of stdin.slice(0, -1)) p.stdin!.write(part);
        p.stdin!.end(stdin[stdin.length - 1]);
      }
    });
  }

  /** One OSD pass (`tesseract --psm 0` with the osd model); null when the model is missing or tesseract gives no answer. */
  async orientation(img: GreyImage): Promise<OrientationResult | null> {
    if (this.closed) throw new OcrError('ocr.terminated');
    if (this.osdData === undefined) {
      const osdPath = this.o.osdPath ?? defaultOsdPath();
      this.osdData = fs.existsSync(path.join(osdPath, 'osd.traineddata.gz')) ? unpackModel(osdPath, 'osd', this.o.modelRoot) : null;
    }
    if (!this.osdData) return null;
    const out = await this.exec(['stdin', 'stdout', '--tessdata-dir', this.osdData, '-l', 'osd', '--psm', '0', '--dpi', String(Math.round(img.dpi)),
      '-c', `debug_file=${os.devNull}`], pgmParts(img), 60_000).catch(() => '');
    return parseOsd(out);
  }

  stats() {
    return { workers: this.workers, startMs: 0, jobs: this.jobs, processes: this.processes, failed: this.failed, queued: this.queue.length, running: this.running, busyMs: this.busyMs, upMs: Date.now() - this.created };
  }

  /** Rejects queued jobs and kills running processes. */
  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.pumpTimer);
    for (const job of this.queue.splice(0)) job.reject(new OcrError('ocr.terminated'));
    for (const p of this.children) p.kill('SIGKILL');
  }
}

/** `Rotate: 90` of tesseract's OSD report: the clockwise turn that makes the page upright (what tesseract.js's detect() calls orientation_degrees). */
export function parseOsd(out: string): OrientationResult | null {
  const rot = /^Rotate:\s*(\d+)/m.exec(out);
  const conf = /^Orientation confidence:\s*([\d.]+)/m.exec(out);
  const rotation = rot ? Number(rot[1]) : NaN;
  return rotation === 0 || rotation === 90 || rotation === 180 || rotation === 270 ? { rotation, conf: conf ? Number(conf[1]) : 0 } : null;
}

interface TsvWord { block: number; par: number; line: number; left: number; top: number; width: number; height: number; conf: number; text: string }
interface TsvLine { block: number; par: number; line: number; left: number; top: number; width: number; height: number; words: TsvWord[] }

/** tesseract's TSV, by page (1-based, one per image of a list): lines with their words, in reading order. */
export function parseTsv(tsv: string): Map<number, TsvLine[]> {
  const pages = new Map<number, TsvLine[]>();
  let current: TsvLine | null = null;
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] === 'level') continue;
    const [level, page, block, par, line] = f.slice(0, 5).map(Number);
    const [left, top, width, height] = f.slice(6, 10).map(Number);
    if (!pages.has(page)) pages.set(page, []);
    if (level === 1) current = null;
    else if (level === 4) {
      current = { block, par, line, left, top, width, height, words: [] };
      pages.get(page)!.push(current);
    } else if (level === 5 && current && current.block === block && current.par === par && current.line === line) {
      current.words.push({ block, par, line, left, top, width, height, conf: Number(f[10]), text: f.slice(11).join('\t') });
    }
  }
  return pages;
}

function toResult(tsvLines: TsvLine[], img: GreyImage, dpi: number, rect: { left: number; top: number } | null, engine: string, ms: number): OcrResult {
  const dx = rect?.left ?? 0, dy = rect?.top ?? 0;
  const box = (l: number, t: number, w: number, h: number) => ({ x0: l + dx, y0: t + dy, x1: l + w + dx, y1: t + h + dy });
  const lines: OcrLine[] = [];
  const paragraphs: string[][] = [];
  let lastPar = '';
  for (const l of tsvLines) {
    const line = ocrLine(l.words.map((w) => ({ text: w.text, confidence: w.conf, bbox: box(w.left, w.top, w.width, w.height) })),
      box(l.left, l.top, l.width, l.height), l.block - 1);
    if (!line) continue;
    lines.push(line);
    const par = `${l.block}.${l.par}`;
    if (par !== lastPar) paragraphs.push([]);
    lastPar = par;
    paragraphs[paragraphs.length - 1].push(line.text);
  }
  const text = paragraphs.map((p) => `${p.join('\n')}\n`).join('\n');
  return { width: img.width, height: img.height, dpi, conf: meanWordConf(lines), text, lines, engine, ms };
}
