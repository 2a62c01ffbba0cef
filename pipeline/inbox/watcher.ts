// Watches the inbox folder and hands over entries once they are ready (readiness.ts).
//
// The folder itself is the queue: chokidar events (or polling, for network shares where events
// do not fire) only nudge; a scan of the folder finds the work. At most `maxTracked` entries are
// observed at once, so dropping thousands of files keeps this bounded; when the limit is hit
// the watcher remembers only that it must scan again once there is room.
import fs from 'node:fs';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { checkReadiness, statEntry, isIgnoredName, type Observation, type ReadinessOptions, type EntryKind } from './readiness.js';
import type { FileKind } from '../file-kind.js';

export interface ReadyEntry { path: string; kind: EntryKind; size: number; mtimeMs: number; complete: boolean; fileKind: FileKind | null }

export interface WatcherOptions {
  inbox: string;
  readiness: ReadinessOptions;
  /** poll the folder instead of relying on OS events (network shares) */
  poll: boolean;
  pollIntervalMs: number;
  /** entries observed at once */
  maxTracked: number;
  /** full rescans as a safety net for missed events (ms) */
  rescanMs: number;
  /** paths already taken in (waiting to move): skipped */
  isKnown: (p: string) => boolean;
  /** called one entry at a time; the watcher waits for it before the next */
  onReady: (e: ReadyEntry) => Promise<void> | void;
  onError?: (err: Error, where: string) => void;
}

export class InboxWatcher {
  private readonly tracked = new Map<string, Observation>();
  private overflow = false;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopped = false;

  constructor(private readonly o: WatcherOptions) {}

  /** Entries being observed now (bounded by maxTracked). */
  get trackedCount(): number { return this.tracked.size; }
  /** True when nothing is observed and no scan is owed: the inbox holds nothing new. */
  get idle(): boolean { return this.tracked.size === 0 && !this.overflow && !this.busy; }

  async start(opts: { watch: boolean } = { watch: true }): Promise<void> {
    fs.mkdirSync(this.o.inbox, { recursive: true });
    this.scan();
    if (opts.watch) {
      this.watcher = chokidar.watch(this.o.inbox, {
        // persistent: false: chokidar's fs.watch handles never hold the process open (a file
        // added while close() runs could leave one behind, keeping a stopped `watch` alive; seen
        // as FSEventWrap in 2 of 6 stops); the service keeps itself alive with its own timers
        depth: 0, ignoreInitial: true, followSymlinks: false, persistent: false,
        usePolling: this.o.poll, interval: this.o.pollIntervalMs, binaryInterval: this.o.pollIntervalMs,
        ignored: (p: string) => p !== this.o.inbox && isIgnoredName(path.basename(p)),
      });
      const nudge = (p: string) => this.nudge(p);
      this.watcher.on('add', nudge).on('change', nudge).on('addDir', nudge)
        .on('error', (err) => this.o.onError?.(err as Error, 'watcher'));
      await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
      this.rescanTimer = setInterval(() => this.scan(), this.o.rescanMs);
      this.rescanTimer.unref();
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    await this.watcher?.close();
    this.watcher = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  /** An event about one path: observe it if there is room, else owe a scan. */
  nudge(p: string): void {
    if (this.stopped) return;
    const abs = path.resolve(p);
    if (abs === path.resolve(this.o.inbox) || path.dirname(abs) !== path.resolve(this.o.inbox)) return;
    if (isIgnoredName(path.basename(abs))) return;
    const known = this.tracked.get(abs);
    if (known) { known.nextCheckAt = 0; this.schedule(0); return; }
    if (this.tracked.size >= this.o.maxTracked) { this.overflow = true; return; }
    if (this.o.isKnown(abs)) return;
    this.observe(abs);
    this.schedule(0);
  }

  /** Reads the folder (streamed, never all names at once) and observes new entries while there is room. */
  scan(): void {
    if (this.stopped) return;
    this.overflow = false;
    let dir: fs.Dir;
    try { dir = fs.opendirSync(this.o.inbox); } catch (err) { this.o.onError?.(err as Error, 'scan'); return; }
    try {
      for (let ent = dir.readSync(); ent; ent = dir.readSync()) {
        if (isIgnoredName(ent.name)) continue;
        const abs = path.resolve(this.o.inbox, ent.name);
        if (this.tracked.has(abs)) continue;
        if (this.o.isKnown(abs)) continue;
        if (this.tracked.size >= this.o.maxTracked) { this.overflow = true; break; }
        this.observe(abs);
      }
    } finally {
      dir.closeSync();
    }
    this.schedule(0);
  }

  private observe(abs: string): void {
    const st = statEntry(abs);
    if (!st) return;
    this.tracked.set(abs, checkReadiness(abs, st, undefined, Date.now(), this.o.readiness).obs);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delay));
  }

  /** Looks at every entry that is due, hands over the ready ones (one at a time), re-arms the timer. */
  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      const now = Date.now();
      for (const [p, prev] of [...this.tracked]) {
        if (this.stopped) break;
        if (prev.nextCheckAt > now) continue;
        const st = statEntry(p);
        if (!st) { this.tracked.delete(p); continue; }
        const v = checkReadiness(p, st, prev, Date.now(), this.o.readiness);
        if (!v.ready) { this.tracked.set(p, v.obs); continue; }
        this.tracked.delete(p);
        try {
          await this.o.onReady({ path: p, kind: st.kind, size: st.size, mtimeMs: st.mtimeMs, complete: v.complete, fileKind: v.fileKind });
        } catch (err) {
          this.o.onError?.(err as Error, `onReady ${p}`);
        }
      }
    } finally {
      this.busy = false;
    }
    if (this.stopped) return;
    if (this.overflow && this.tracked.size < this.o.maxTracked / 2) this.scan();
    let next = Infinity;
    for (const obs of this.tracked.values()) next = Math.min(next, obs.nextCheckAt);
    if (next !== Infinity) this.schedule(Math.max(25, next - Date.now()));
    else if (this.overflow) this.schedule(25);
  }
}
