// The generic pool behind pdf-isolated.ts and raster-isolated.ts, on a tiny echo worker: reuse,
// the maxWorkers cap with its FIFO queue, heap sizes giving way, `prefer`, killed workers
// (counted until exit with `untilExit`), stuck requests, keepIdle and the idle close.
import { afterEach, expect, test } from '@jest/globals';
import { WorkerPool, crashDetail, exchange, type PoolSlot } from '../extractors/worker-pool.js';

const BOOT = new URL('./worker-pool/echo-worker.mjs', import.meta.url);
interface Echo { id: number; value?: unknown; thread: number }
let pool: WorkerPool;
afterEach(async () => { await pool.closeIdle(); });

/** Sends `{ id, ...msg }` (op 'hang' or 'exit', else echoed) and waits for the outcome. */
const send = (slot: PoolSlot, msg: { op?: string; value?: unknown }, timeoutMs = 5000) => {
  const withId = { id: 1, ...msg };
  return exchange<Echo>(slot.worker, withId, [], timeoutMs);
};
const threadOf = async (slot: PoolSlot) => {
  const out = await send(slot, { value: 'x' });
  if (!('reply' in out)) throw new Error('no reply');
  return out.reply.thread;
};
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  return ok();
};

test('a released worker is reused, and the next request beyond maxWorkers waits for it (FIFO)', async () => {
  pool = new WorkerPool(BOOT);
  const a = await pool.acquire(32, 1);
  const order: string[] = [];
  const second = pool.acquire(32, 1).then((s) => { order.push('second'); return s; });
  const third = pool.acquire(32, 1).then((s) => { order.push('third'); return s; });
  await new Promise((r) => setTimeout(r, 50));
  expect(order).toEqual([]);
  const thread = await threadOf(a);
  pool.release(a, 2);
  const b = await second;
  expect(await threadOf(b)).toBe(thread);
  pool.release(b, 2);
  pool.release(await third, 2);
  expect(order).toEqual(['second', 'third']);
  expect(pool.count()).toBe(1);
});

test('an idle worker of another heap size gives way at maxWorkers; prefer picks among idle ones', async () => {
  pool = new WorkerPool(BOOT);
  const small = await pool.acquire(32, 1);
  pool.release(small, 2);
  const big = await pool.acquire(48, 1);
  expect(big.heapMb).toBe(48);
  expect(pool.count()).toBe(1);
  const other = await pool.acquire(48, 2);
  pool.release(big, 2);
  pool.release(other, 2);
  const picked = await pool.acquire(48, 2, { prefer: (s) => s === other });
  expect(picked).toBe(other);
  pool.release(picked, 2);
});

test('a timed-out worker is killed: with untilExit it counts until its thread is gone, then a waiting request gets a fresh one', async () => {
  pool = new WorkerPool(BOOT);
  const a = await pool.acquire(32, 1);
  const out = await send(a, { op: 'hang' }, 100);
  expect(out).toEqual({ timedOut: true });
  const next = pool.acquire(32, 1);
  pool.kill(a, { untilExit: true });
  expect(pool.count()).toBe(1);
  const b = await next;
  expect(b).not.toBe(a);
  expect(pool.count()).toBe(1);
  pool.release(a, 2); // a killed worker handed back is not kept
  pool.release(b, 2);
  expect(pool.count()).toBe(1);
});

test('a worker that exits mid-request ends the exchange with its exit code', async () => {
  pool = new WorkerPool(BOOT);
  const a = await pool.acquire(32, 1);
  const out = await send(a, { op: 'exit' });
  expect(out).toEqual({ exitCode: 3 });
  if (!('exitCode' in out)) throw new Error('unreachable');
  expect(crashDetail(out, 32)).toBe('luồng xử lý thoát với mã 3');
  pool.kill(a);
  expect(await until(() => pool.count() === 0)).toBe(true);
});

test('with stuckAfterMs a request busy that long stops counting: the next one gets a worker of its own', async () => {
  pool = new WorkerPool(BOOT);
  const a = await pool.acquire(32, 1, { stuckAfterMs: 150 });
  const hung = send(a, { op: 'hang' });
  const t0 = Date.now();
  const b = await pool.acquire(32, 1, { stuckAfterMs: 150 });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  expect(b).not.toBe(a);
  pool.kill(a);
  expect(await hung).toMatchObject({ exitCode: expect.any(Number) });
  pool.release(b, 2);
});

test('beyond keepIdle a released worker closes; warm starts idle ones; closeIdle stops them', async () => {
  pool = new WorkerPool(BOOT);
  pool.warm(2, 32);
  expect(pool.count()).toBe(2);
  const [a, b] = [await pool.acquire(32, 3), await pool.acquire(32, 3)];
  pool.release(a, 1);
  pool.release(b, 1);
  expect(await until(() => pool.count() === 1)).toBe(true);
  await pool.closeIdle();
  expect(pool.count()).toBe(0);
});
