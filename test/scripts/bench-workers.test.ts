// The worker-process bench's pure parts (scripts/bench-workers.ts): the --workers list, the
// median run, /proc parsing and the table's ratios. No timing here; the bench itself is
// `npm run bench -- --workers 1,2`.
import { busyOfProcStat, cpuOfStat, medianBy, quietestRound, parseWorkerList, peakRssMbOfStatus, summaryTable, type WorkerRun } from '../../scripts/bench-workers.js';

describe('parseWorkerList', () => {
  it('reads a comma list as process counts, without repeats', () => {
    expect(parseWorkerList('1,2')).toEqual([1, 2]);
    expect(parseWorkerList(' 1, 2 ,4,2')).toEqual([1, 2, 4]);
    expect(parseWorkerList('3,')).toEqual([3]);
  });
  it('leaves a single number (the in-process OCR pool size) and no flag alone', () => {
    expect(parseWorkerList('2')).toBeNull();
    expect(parseWorkerList(undefined)).toBeNull();
  });
  it('refuses anything but positive integers', () => {
    expect(() => parseWorkerList('1,0')).toThrow('--workers');
    expect(() => parseWorkerList('1,x')).toThrow('--workers');
    expect(() => parseWorkerList('1.5,2')).toThrow('--workers');
    expect(() => parseWorkerList(',')).toThrow('--workers');
  });
});

describe('medianBy', () => {
  it('returns the middle run itself (upper middle of an even count)', () => {
    const runs = [{ id: 'a', v: 30 }, { id: 'b', v: 10 }, { id: 'c', v: 20 }];
    expect(medianBy(runs, (r) => r.v).id).toBe('c');
    expect(medianBy(runs.slice(0, 2), (r) => r.v).id).toBe('a');
    expect(() => medianBy([], () => 0)).toThrow();
  });
});

describe('/proc parsing', () => {
  // a real line's shape: the command may hold spaces and parentheses
  const stat = '4242 (node (tonghop) w) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 78 9 20 0 11 0 100 0 0';
  it('takes utime+stime, and the reaped children on request, in seconds', () => {
    expect(cpuOfStat(stat)).toBeCloseTo(12.9, 6);
    expect(cpuOfStat(stat, true)).toBeCloseTo(13.77, 6);
  });
  it('counts the machine busy time of /proc/stat, idle and iowait left out', () => {
    expect(busyOfProcStat('cpu  1000 20 300 9000 50 7 3 10 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n')).toBeCloseTo(13.4, 6);
  });
  it('reads VmHWM in MiB', () => {
    expect(peakRssMbOfStatus('Name:\tnode\nVmPeak:\t 9999 kB\nVmHWM:\t  1048576 kB\nVmRSS:\t 5 kB\n')).toBe(1024);
    expect(peakRssMbOfStatus('Name:\tnode\n')).toBe(0);
  });
});

describe('summaryTable', () => {
  const run = (n: number, wallS: number, workerCpuS: number): WorkerRun => ({ n, run: 1, pages: 18, wallS, ingestS: wallS + 2, workerCpuS, pgCpuS: null, otherCores: 0.25, peakRssMb: [700, 720].slice(0, n), failed: 0, load1: 0.5, roundTripsPerJob: null });
  it('gives each N its ratio to the first by wall clock and by CPU time', () => {
    const [, , one, two] = summaryTable([run(1, 90, 80), run(2, 50, 84)]);
    expect(one).toBe('| 1 | 18 | 90.0 | 12.0 | 4.44 | 0.87 | 700 | 1.00 | 1.00 | 0.25 |');
    // 90/50 = 1.80 by the clock; 2 × 80/84 = 1.90 by CPU
    expect(two).toBe('| 2 | 18 | 50.0 | 21.6 | 4.67 | 1.62 | 720 | 1.80 | 1.90 | 0.25 |');
  });
});

describe('quietestRound', () => {
  const r = (run: number, n: number, otherCores: number, failed = 0): WorkerRun => ({ n, run, pages: 18, wallS: 60, ingestS: 61, workerCpuS: 66, pgCpuS: null, otherCores, peakRssMb: [800], failed, load1: 1, roundTripsPerJob: null });
  it('picks the round whose busiest run had the least other work, skipping incomplete or failed rounds', () => {
    const all = [r(1, 1, 0.9), r(1, 2, 0.1), r(2, 1, 0.3), r(2, 2, 0.4), r(3, 1, 0.0, 2), r(3, 2, 0.0), r(4, 1, 0.0)];
    expect(quietestRound(all, [1, 2])?.map((x) => x.run)).toEqual([2, 2]);
    expect(quietestRound([r(1, 1, 0)], [1, 2])).toBeNull();
  });
});
