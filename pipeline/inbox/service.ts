// The inbox service behind `tonghop watch` and `npm start`: ready files are taken in
// (intake.ts), processed from the database (runner.ts), then moved out of the inbox:
//   accepted / needs_review → archive/YYYY-MM/      duplicate → archive/duplicates/ + .duplicate.json
//   failed, folders, symlinks → quarantine/ + .error.json
// Every step is recorded before it happens (inbox_files, file_events), so a restart after a
// crash finishes what was interrupted and takes nothing in twice.
//
// On PostgreSQL (a `queue` option, pipeline/pg/inbox-intake.ts) the service does not run the
// stages: a file is taken in and enqueued for `tonghop worker` processes (document, original,
// first job and inbox entry in one transaction), and it leaves the inbox, by the same rules,
// once the workers have given its document a final status (polled every `settlePollMs`).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { App } from '../app.js';
import type { AnyStage } from '../stage.js';
import { takeIn, type IntakeOutcome } from '../intake.js';
import { processPending } from '../runner.js';
import { InboxRepository, type InboxFileRow, type SettledRow, type DestKind } from '../db/inbox.repository.js';
import { InboxWatcher, type ReadyEntry } from './watcher.js';
import { DEFAULT_READINESS, type ReadinessOptions } from './readiness.js';
import { completeMove, freeDestination, fileSha, lstatOrNull, writeFileDurably } from './mover.js';
import { INBOX_REASONS, unreadableReason } from './reasons.js';
import { messageFor, TonghopError } from '../../model/errors.js';
import { acquireLock, type Lock } from './lock.js';
import { finishedWithin } from '../wait.js';

/**
 * Intake when the pipeline runs elsewhere: on the job queue of the PostgreSQL store, processed by
 * `tonghop worker`s (pipeline/pg/inbox-intake.ts). Without one (SQLite) the service runs the stages itself.
 */
export interface QueueIntake {
  /** takes a file in: document, original, first stage job and its inbox entry, in one transaction */
  takeIn(file: string, seen: { size: number; mtimeMs: number }): Promise<IntakeOutcome>;
  /** makes this the only watcher of the database; released when the process dies */
  lock(): Lock;
  /** whether some worker is alive (if not, files wait in the inbox: the service says so) */
  workersAlive(): Promise<boolean>;
}

export interface InboxFolders { inbox: string; archive: string; quarantine: string }

export interface InboxServiceOptions {
  inbox: string;
  /** default: archive/ beside the inbox */
  archive?: string;
  /** default: quarantine/ beside the inbox */
  quarantine?: string;
  readiness?: Partial<ReadinessOptions>;
  poll?: boolean;
  pollIntervalMs?: number;
  /** entries observed at once by the watcher (memory bound) */
  maxTracked?: number;
  rescanMs?: number;
  /** on SIGINT/SIGTERM, wait this long for in-flight documents, then leave them pending */
  shutdownTimeoutMs?: number;
  stages?: readonly AnyStage[];
  log: Logger;
  /** the month folder is taken from this clock */
  now?: () => Date;
  /** PostgreSQL: enqueue for the workers instead of processing here */
  queue?: QueueIntake;
  /** with `queue`: how often to look for documents the workers have finished (ms) */
  settlePollMs?: number;
}

export const SIDE = { duplicate: '.duplicate.json', quarantine: '.error.json' } as const;

/** Default archive and quarantine folders: beside the inbox. */
export function defaultFolders(inbox: string, o: { archive?: string; quarantine?: string } = {}): InboxFolders {
  const abs = path.resolve(inbox);
  const parent = path.dirname(abs);
  return { inbox: abs, archive: path.resolve(o.archive ?? path.join(parent, 'archive')), quarantine: path.resolve(o.quarantine ?? path.join(parent, 'quarantine')) };
}

/** Refuses folder layouts that would make the service eat its own output. */
export function checkFolders(f: InboxFolders): void {
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  for (const [name, dir] of [['archive', f.archive], ['quarantine', f.quarantine]] as const) {
    if (inside(dir, f.inbox) || inside(f.inbox, dir)) throw new TonghopError('usage.folders_overlap', { name, dir, inbox: f.inbox });
  }
}

export interface ServiceCounts { taken: number; archived: number; duplicates: number; quarantined: number; gone: number }

export class InboxService {
  readonly inboxRepo: InboxRepository;
  readonly folders: InboxFolders;
  private readonly watcher: InboxWatcher;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private stopRequested = false;
  /** set by stop(): in-flight documents were left pending (still running in this process) */
  parked = false;
  private sweeping = false;
  private sweepOwed = false;
  private lock: Lock | null = null;
  private fatal: Error | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  readonly counts: ServiceCounts = { taken: 0, archived: 0, duplicates: 0, quarantined: 0, gone: 0 };

  constructor(private readonly app: App, private readonly o: InboxServiceOptions) {
    this.folders = defaultFolders(o.inbox, o);
    checkFolders(this.folders);
    this.inboxRepo = new InboxRepository(app.db);
    this.watcher = new InboxWatcher({
      inbox: this.folders.inbox,
      readiness: { ...DEFAULT_READINESS, ...o.readiness },
      poll: o.poll ?? false,
      pollIntervalMs: o.pollIntervalMs ?? 1000,
      maxTracked: o.maxTracked ?? 256,
      rescanMs: o.rescanMs ?? 15_000,
      isKnown: (p) => !!this.inboxRepo.openEntry(p),
      onReady: (e) => this.takeReady(e),
      onError: (err, where) => this.o.log.warn({ err, where }, 'watcher error'),
    });
  }

  /** Starts the service: finishes interrupted moves, picks up what is already in the inbox, watches. */
  async start(opts: { watch?: boolean } = {}): Promise<void> {
    if (this.stopping) return;
    for (const d of Object.values(this.folders)) fs.mkdirSync(d, { recursive: true });
    this.lock = this.o.queue ? this.o.queue.lock() : acquireLock(path.join(this.app.cfg.dataDir, 'watch.lock'));
    this.recoverMoves();
    this.sweep();
    this.kick();
    if (this.o.queue) this.watchWorkers(this.o.queue);
    await this.watcher.start({ watch: opts.watch ?? true });
    this.o.log.info({ ...this.folders, poll: this.o.poll ?? false }, 'inbox service started');
  }

  /** Runs until the inbox is empty and nothing is pending, then stops (`--once`). */
  async runOnce(): Promise<ServiceCounts> {
    await this.start({ watch: false });
    for (;;) {
      if (this.fatal) throw this.fatal;
      if (this.stopping || this.stopRequested) break;
      if (this.watcher.idle && !this.running && this.handled()) break;
      await sleep(100);
    }
    await this.stop();
    return this.counts;
  }

  /** Asks `runOnce` to stop as soon as it can (a signal during `--once`). */
  requestStop(): void { this.stopRequested = true; }

  /** Stops taking new files, lets in-flight documents finish (or leaves them pending after the timeout). */
  async stop(): Promise<{ parked: boolean }> {
    if (this.stopping && !this.lock) return { parked: false };
    this.stopping = true;
    await this.watcher.stop();
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.abort.abort();
    let parked = false;
    if (this.running) {
      parked = !(await finishedWithin(this.running, this.o.shutdownTimeoutMs ?? 30_000));
    }
    if (!parked) this.sweep();
    this.parked = parked;
    this.lock?.release();
    this.lock = null;
    this.o.log.info({ ...this.counts, parked }, 'inbox service stopped');
    return { parked };
  }

  /** Rejects when the runner hit an error it cannot go on from (e.g. the database is unwritable). */
  get failure(): Error | null { return this.fatal; }

  // ---- intake ------------------------------------------------------------------------------

  /** Whether everything taken in has left the inbox (SQLite: and nothing is pending; PostgreSQL: only this inbox's documents count). */
  private handled(): boolean {
    if (this.o.queue) {
      const open = this.inboxRepo.countByState();
      return (open.waiting ?? 0) + (open.moving ?? 0) === 0;
    }
    return this.app.repo.countPending() === 0 && this.inboxRepo.settled(1).length === 0;
  }

  private async takeReady(e: ReadyEntry): Promise<void> {
    if (this.stopping) return; // found again on the next start
    if (this.inboxRepo.openEntry(e.path)) return;
    const st = lstatOrNull(e.path);
    if (!st) return;
    if (!st.isFile()) {
      const reason = st.isSymbolicLink() ? INBOX_REASONS.symlink : INBOX_REASONS.folder;
      this.inboxRepo.addEntry({ path: e.path, kind: st.isSymbolicLink() ? 'symlink' : 'folder', mtimeMs: st.mtimeMs, reasonCode: reason.code, reason: reason.message });
      this.o.log.warn({ file: e.path, code: reason.code }, 'not a file: quarantining');
      this.sweep();
      return;
    }
    let outcome: IntakeOutcome;
    try {
      outcome = this.o.queue ? await this.o.queue.takeIn(e.path, { size: st.size, mtimeMs: st.mtimeMs }) : this.takeInHere(e.path, st);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return; // removed while we looked
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EIO') {
        const r = unreadableReason(code);
        this.inboxRepo.addEntry({ path: e.path, kind: 'file', size: st.size, mtimeMs: st.mtimeMs, reasonCode: r.code, reason: r.message });
        this.sweep();
        return;
      }
      throw err;
    }
    this.counts.taken++;
    this.o.log.info({ file: e.path, id: outcome.id, outcome: outcome.kind, complete: e.complete }, 'taken in');
    this.sweep();
    if (outcome.kind === 'new') this.kick();
  }

  /** SQLite: the document and its inbox entry in one transaction; the stages run in this process. */
  private takeInHere(file: string, st: fs.Stats): IntakeOutcome {
    return this.app.repo.transaction(() => {
      const o = takeIn(this.app, file, { recordRepeats: true });
      const doc = this.app.repo.get(o.id)!;
      this.inboxRepo.addEntry({ path: file, kind: 'file', sha256: doc.sha256, size: st.size, mtimeMs: st.mtimeMs, documentId: o.id });
      return o;
    });
  }

  /**
   * PostgreSQL: the workers finish documents in other processes; look for them every
   * settlePollMs and move their files. A database failure here is fatal, as the runner's is
   * with SQLite (the service manager restarts the service, which resumes).
   */
  private watchWorkers(queue: QueueIntake): void {
    let warned = false;
    let lastCheck = 0;
    // every 30 s while files wait: say once that no worker is there to process them
    const warnIfAlone = () => {
      if (Date.now() - lastCheck < 30_000 || this.handled()) return;
      lastCheck = Date.now();
      queue.workersAlive().then((alive) => {
        if (!alive && !warned) this.o.log.warn('no tonghop worker alive: files wait in the inbox until one runs');
        warned = !alive;
      }).catch(() => { /* the next poll meets the database failure */ });
    };
    this.settleTimer = setInterval(() => {
      if (this.stopping || this.fatal) return;
      try { this.sweep(); warnIfAlone(); } catch (err) {
        this.fatal = err as Error;
        this.o.log.error({ err }, 'settling stopped: database failure');
      }
    }, this.o.settlePollMs ?? 1000);
    this.settleTimer.unref(); // the watcher keeps the process alive; a failed --once must still be able to exit
  }

  // ---- processing ----------------------------------------------------------------------------

  private kick(): void {
    if (this.o.queue) return; // PostgreSQL: the workers process (watchWorkers moves what they finish)
    if (this.stopping || this.fatal) return;
    if (this.running) { this.again = true; return; }
    this.running = (async () => {
      do {
        this.again = false;
        await processPending(this.app, {
          stages: this.o.stages,
          signal: this.abort.signal,
          onProgress: (p) => {
            this.o.log.info({ id: p.id, file: p.fileName, status: p.status }, 'processed');
            this.sweep();
          },
        });
        this.sweep();
      } while (this.again && !this.abort.signal.aborted);
    })().catch((err: Error) => {
      this.fatal = err;
      this.o.log.error({ err }, 'runner stopped');
    }).finally(() => { this.running = null; });
  }

  // ---- moves -------------------------------------------------------------------------------

  /** Moves every settled entry out of the inbox. Re-entrant calls are folded into one more pass. */
  sweep(): void {
    if (this.sweeping) { this.sweepOwed = true; return; }
    this.sweeping = true;
    try {
      do {
        this.sweepOwed = false;
        let after = 0;
        for (;;) {
          const rows = this.inboxRepo.settled(50, after);
          if (!rows.length) break;
          for (const row of rows) {
            after = row.id;
            try { this.settle(row); } catch (err) { this.o.log.error({ err, file: row.path }, 'move failed; will retry'); }
          }
        }
      } while (this.sweepOwed);
    } finally {
      this.sweeping = false;
    }
  }

  /** Finishes moves a crash interrupted (intent recorded, file maybe not moved yet). */
  recoverMoves(): void {
    let after = 0;
    for (;;) {
      const rows = this.inboxRepo.unfinishedMoves(50, after);
      if (!rows.length) break;
      for (const row of rows) {
        after = row.id;
        try { this.finishMove(row); } catch (err) { this.o.log.error({ err, file: row.path }, 'recovering a move failed; will retry'); }
      }
    }
  }

  private settle(row: SettledRow): void {
    const st = lstatOrNull(row.path);
    if (!st) { this.gone(row, 'the original left the inbox before it was moved'); return; }
    if (row.entry_kind === 'file' && row.sha256 && (st.size !== row.size || st.mtimeMs !== row.mtime_ms)) {
      if (!st.isFile() || fileSha(row.path) !== row.sha256) {
        this.gone(row, 'the file was replaced by a different one');
        this.watcher.nudge(row.path);
        return;
      }
    }
    const destKind: DestKind = !row.document_id || row.doc_status === 'failed' ? 'quarantine' : row.doc_status === 'duplicate' ? 'duplicate' : 'archive';
    const dir = destKind === 'quarantine' ? this.folders.quarantine
      : destKind === 'duplicate' ? path.join(this.folders.archive, 'duplicates')
      : path.join(this.folders.archive, monthFolder((this.o.now ?? (() => new Date()))()));
    const side = destKind === 'archive' ? null : SIDE[destKind];
    const { dest, sidecar } = freeDestination(dir, path.basename(row.path), side, (p) => this.inboxRepo.isReserved(p));
    this.inboxRepo.planMove(row.id, {
      destKind, destPath: dest, sidecarPath: sidecar,
      reasonCode: destKind === 'quarantine' ? row.doc_error_code ?? row.reason_code : null,
      reason: destKind === 'quarantine' ? row.doc_error ?? row.reason : null,
    });
    this.finishMove(this.inboxRepo.get(row.id)!);
  }

  private finishMove(row: InboxFileRow): void {
    const result = completeMove(row.path, row.dest_path!, row.id);
    if (result === 'dest-taken') {
      this.o.log.warn({ file: row.path, dest: row.dest_path }, 'destination taken by another file; choosing another name');
      this.inboxRepo.replan(row.id);
      this.sweepOwed = true;
      return;
    }
    if (result === 'source-missing') { this.gone(row, 'the original was neither in the inbox nor at its destination'); return; }
    if (row.sidecar_path) writeFileDurably(row.sidecar_path, `${JSON.stringify(this.noteFor(row), null, 2)}\n`, row.id);
    const event = row.dest_kind === 'quarantine' ? 'moved.quarantine' : row.dest_kind === 'duplicate' ? 'moved.duplicate' : 'moved.archive';
    this.inboxRepo.finishMove(row.id, event);
    if (row.dest_kind === 'quarantine') this.counts.quarantined++;
    else if (row.dest_kind === 'duplicate') this.counts.duplicates++;
    else this.counts.archived++;
    this.o.log.info({ file: row.path, to: row.dest_path, code: row.reason_code ?? undefined, ...this.outcomeOf(row) }, event);
  }

  /** What the console line says about a moved file: why it was quarantined, what waits for review. */
  private outcomeOf(row: InboxFileRow): { reason?: string; status?: string; reviewFields?: number; reviewIndicators?: number } {
    if (row.dest_kind === 'quarantine') return { reason: row.reason ?? undefined };
    const doc = row.document_id ? this.app.repo.get(row.document_id) : undefined;
    if (row.dest_kind !== 'archive' || !doc) return {};
    if (doc.status !== 'needs_review') return { status: doc.status };
    const open = (xs: { status: string }[]) => xs.filter((x) => x.status === 'needs_review').length;
    return { status: doc.status, reviewFields: open(this.app.repo.fields(doc.id)), reviewIndicators: open(this.app.repo.indicators(doc.id)) };
  }

  private gone(row: InboxFileRow, why: string): void {
    this.inboxRepo.markGone(row.id, why);
    this.counts.gone++;
    this.o.log.warn({ file: row.path, why }, 'original vanished from the inbox');
  }

  /** The `.error.json` / `.duplicate.json` written beside a quarantined file or a duplicate. */
  private noteFor(row: InboxFileRow): Record<string, unknown> {
    const doc = row.document_id ? this.app.repo.get(row.document_id) : undefined;
    const base = { file: path.basename(row.path), movedTo: path.basename(row.dest_path!), from: row.path, at: new Date().toISOString(), sha256: row.sha256, documentId: row.document_id };
    if (row.dest_kind === 'duplicate' && doc?.duplicate_of) {
      const first = this.app.repo.get(doc.duplicate_of);
      const where = this.inboxRepo.locationOf(doc.duplicate_of);
      return {
        ...base,
        code: 'file.duplicate',
        message: messageFor('file.duplicate', { first: first?.file_name ?? doc.duplicate_of }),
        duplicateOf: {
          documentId: doc.duplicate_of, file: first?.file_name ?? null, status: first?.status ?? null,
          path: where ? (where.state === 'moved' ? where.destPath : where.path) : first?.source_path ?? null,
          storedCopy: first?.store_path ?? null,
        },
      };
    }
    return { ...base, code: row.reason_code ?? doc?.error_code ?? 'internal.unknown', message: row.reason ?? doc?.error ?? messageFor('internal.unknown') };
  }
}

export function monthFolder(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
