// The pool of killable worker threads behind pdf-isolated.ts (pdfjs text layer) and
// ocr/raster-isolated.ts (page rasters); each keeps its own message protocol and errors.
// Workers start from a boot file with a heap limit and `execArgv: []`. Requests wait in one FIFO
// queue for an idle worker of their heap size (`prefer` picks among them, e.g. one holding the
// document open), else a new one while fewer than `maxWorkers` are alive, an idle worker of
// another size giving way. A worker handed back idles for reuse (unref'd, closed after 30 s
// unused, or at once beyond `keepIdle` idle); one that timed out or crashed is killed, never
// reused. With `stuckAfterMs`, a worker busy that long stops counting against maxWorkers.
// exchange() sends one request and waits for its reply, its time limit, or the worker's death.
import { Worker } from 'node:worker_threads';

const IDLE_CLOSE_MS = 30_000;

/** A pooled worker; a pool's slots may carry more (WorkerPool's `extend`). */
export interface PoolSlot { readonly worker: Worker; readonly heapMb: number }
/** `prefer`: the idle worker taken first; `stuckAfterMs`: busy this long, it stops counting (default: never) */
export interface AcquireOptions<S> { prefer?: (slot: S) => boolean; stuckAfterMs?: number }

/** The pool's own view of a slot: whether a request holds it (since when), its idle timer. */
interface SlotState { busy: boolean; since: number; idleTimer?: NodeJS.Timeout }
interface Request<S> extends AcquireOptions<S> { heapMb: number; maxWorkers: number; take: (slot: S) => void }

export class WorkerPool<S extends PoolSlot = PoolSlot> {
  private readonly slots = new Map<S, SlotState>();
  /** killed with `untilExit`: out of the pool, still counted until the thread is gone */
  private readonly leaving = new Set<Worker>();
  private readonly waiting: Request<S>[] = [];
  private repump: NodeJS.Timeout | undefined;

  /** `extend` adds a module's own fields to each new slot (it may listen to the fresh worker). */
  constructor(private readonly boot: URL, private readonly extend = (_worker: Worker) => ({}) as Omit<S, keyof PoolSlot>) {}

  /** A worker with this heap limit, once one is free (or there is room for a new one); FIFO. */
  acquire(heapMb: number, maxWorkers: number, opts: AcquireOptions<S> = {}): Promise<S> {
    return new Promise((take) => { this.waiting.push({ heapMb, maxWorkers, ...opts, take }); this.pump(); });
  }

  /** A request done: the worker goes to the next waiting request, else idles (or closes beyond keepIdle). */
  release(slot: S, keepIdle: number): void {
    const state = this.slots.get(slot);
    if (state) state.busy = false;
    this.pump();
    if (!state || state.busy || !this.slots.has(slot)) return; // killed before, handed on, or gave way
    if (this.idle().length > keepIdle) this.kill(slot);
    else this.park(slot);
  }

  /** Stops a worker for good (timeout, crash): out of the pool at once, but with `untilExit` counted until its thread exits. */
  kill(slot: S, { untilExit = false } = {}): void {
    const state = this.slots.get(slot);
    if (!state) return; // already killed, or exited
    clearTimeout(state.idleTimer);
    this.slots.delete(slot);
    if (untilExit) this.leaving.add(slot.worker);
    void slot.worker.terminate();
  }

  /** Starts idle workers until `target` are alive, while no request waits. */
  warm(target: number, heapMb: number): void {
    while (this.count() < target && this.waiting.length === 0) this.park(this.spawn(heapMb));
  }

  /** Worker threads alive now (busy or idle). */
  count(): number { return this.slots.size + this.leaving.size; }

  find(pred: (slot: S) => boolean): S | undefined { return [...this.slots.keys()].find(pred); }

  /** Stops the idle workers (tests, shutdown). */
  async closeIdle(): Promise<void> {
    const idle = this.idle();
    for (const slot of idle) this.kill(slot);
    await Promise.all(idle.map((s) => s.worker.terminate()));
  }

  private idle(): S[] { return [...this.slots].filter(([, st]) => !st.busy).map(([s]) => s); }

  private spawn(heapMb: number): S {
    // execArgv []: a worker would take the parent's flags, `--import tsx` included (~50 MB a
    // thread); from the source tree the boot files register their own lean hooks instead
    const worker = new Worker(this.boot, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, execArgv: [], stdout: false, stderr: false });
    const slot = { ...this.extend(worker), worker, heapMb } as S;
    this.slots.set(slot, { busy: false, since: 0 });
    worker.once('exit', () => {
      clearTimeout(this.slots.get(slot)?.idleTimer);
      this.slots.delete(slot);
      this.leaving.delete(worker);
      this.pump(); // its place is free
    });
    // reported through the request's own listener while it is busy; an idle worker's are not ours to report
    worker.on('error', () => {});
    return slot;
  }

  /** Keeps a worker idle for reuse: unref'd, and closed after IDLE_CLOSE_MS unused. */
  private park(slot: S): void {
    const state = this.slots.get(slot)!;
    slot.worker.unref();
    state.idleTimer = setTimeout(() => { if (!state.busy) this.kill(slot); }, IDLE_CLOSE_MS).unref();
  }

  /** Hands free workers (or room for new ones) to waiting requests, first come first served. */
  private pump(): void {
    while (this.waiting.length > 0) {
      const slot = this.grant(this.waiting[0]);
      if (!slot) return;
      const state = this.slots.get(slot)!;
      state.busy = true;
      state.since = Date.now();
      clearTimeout(state.idleTimer);
      slot.worker.ref();
      this.waiting.shift()!.take(slot);
    }
  }

  /** An idle worker for `req` (preferred one first), else a new one if there is room, else null. */
  private grant(req: Request<S>): S | null {
    const free = this.idle().filter((s) => s.heapMb === req.heapMb);
    const found = (req.prefer && free.find(req.prefer)) ?? free[0];
    if (found) return found;
    if (this.counted(req) >= req.maxWorkers) {
      // an idle worker of another heap size gives way
      const other = this.idle().find((s) => s.heapMb !== req.heapMb);
      if (other) this.kill(other);
    }
    if (this.counted(req) < req.maxWorkers) return this.spawn(req.heapMb);
    // otherwise wait for one to finish or exit, or (with stuck accounting) to be stuck
    if (req.stuckAfterMs !== undefined && !this.repump) {
      this.repump = setTimeout(() => { this.repump = undefined; this.pump(); }, req.stuckAfterMs).unref();
    }
    return null;
  }

  /** Workers that count against maxWorkers for `req`: all alive but those stuck. */
  private counted(req: Request<S>): number {
    if (req.stuckAfterMs === undefined) return this.count();
    const now = Date.now();
    const stuck = [...this.slots.values()].filter((st) => st.busy && now - st.since > req.stuckAfterMs!).length;
    return this.count() - stuck;
  }
}

/** How a request to a worker ended: its reply, its time limit, or the worker's error or exit. */
export type Outcome<R> = { reply: R } | { timedOut: true } | { error: Error & { code?: string } } | { exitCode: number };

/** Posts `msg` and waits at most `timeoutMs` for the reply with its id; the worker's error or exit ends the wait too. */
export function exchange<R extends { id: number }>(worker: Worker, msg: { id: number }, transfer: ArrayBuffer[], timeoutMs: number): Promise<Outcome<R>> {
  return new Promise((resolve) => {
    const finish = (outcome: Outcome<R>) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (reply: R) => { if (reply.id === msg.id) finish({ reply }); };
    const onError = (error: Error) => finish({ error });
    const onExit = (exitCode: number) => finish({ exitCode });
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(msg, transfer);
  });
}

/** Why a worker died, in the words of the crash errors' detail. */
export function crashDetail(outcome: { error: Error & { code?: string } } | { exitCode: number }, heapMb: number): string {
  if ('exitCode' in outcome) return `luồng xử lý thoát với mã ${outcome.exitCode}`;
  return outcome.error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `vượt giới hạn bộ nhớ ${heapMb} MB` : outcome.error.message;
}

/** A seconds figure for time-limit messages. */
export const seconds = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
/** A message type without its `id` (the sender adds one). */
export type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
