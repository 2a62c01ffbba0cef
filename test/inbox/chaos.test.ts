// Chaos: files (valid, duplicates, every hostile kind) keep landing in the inbox while the real
// `tonghop watch` is killed with SIGKILL at random moments and restarted; a final `--once` run
// must leave every input accounted for exactly once across database, archive and quarantine.
// Sized for ~2–3 minutes on two slow shared cores: CHAOS_VALID, CHAOS_KILLS to change it.
import fs from 'node:fs';
import path from 'node:path';
import { validPdf, hostileCases, type HostileCase, type Expected } from '../../testkit/generator/hostile.js';
import { tmpRoot, startWatch, waitFor, sleep, sha256, openDb, walk, type Child } from './helpers.js';

const VALID = Number(process.env.CHAOS_VALID ?? 120);
const DUPLICATES = Math.round(VALID / 5);
const KILLS = Math.min(5, Number(process.env.CHAOS_KILLS ?? 5)); // ≤ 5 keeps every document under the runner's crash-loop limit

/** A deterministic PRNG, so a failing run can be repeated with the same seed. */
function rng(seed: number) {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

interface Input { name: string; expect: Expected; sha: string | null; group: string | null; case?: HostileCase }

describe('chaos: SIGKILL at random moments while files keep arriving', () => {
  it('accounts for every input exactly once', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
    const rand = rng(seed);
    const t0 = Date.now();
    const root = tmpRoot('chaos');
    const inbox = path.join(root, 'inbox');
    const staging = path.join(root, 'staging');
    const scratch = path.join(root, 'scratch');
    for (const d of [inbox, staging, scratch]) fs.mkdirSync(d, { recursive: true });

    // ---- inputs, prepared in staging (same filesystem: a rename drops a whole file at once)
    const inputs: Input[] = [];
    const validBytes: Buffer[] = [];
    for (let i = 0; i < VALID; i++) {
      const b = await validPdf(1000 + i);
      validBytes.push(b);
      const name = i % 7 === 0 ? `Báo cáo số ${i} – tỉnh Hà Giang.pdf` : `bc-${i}.pdf`;
      fs.writeFileSync(path.join(staging, name), b);
      inputs.push({ name, expect: { dest: 'archive' }, sha: sha256(b), group: sha256(b) });
    }
    for (let i = 0; i < DUPLICATES; i++) {
      const b = validBytes[(i * 3) % VALID];
      const name = `ban-sao-${i}.pdf`;
      fs.writeFileSync(path.join(staging, name), b);
      inputs.push({ name, expect: { dest: 'duplicate' }, sha: sha256(b), group: sha256(b) });
    }
    for (const tag of ['', '-2']) {
      for (const c of hostileCases({ tag })) {
        if (c.place) { inputs.push({ name: c.name, expect: c.expect, sha: null, group: null, case: c }); continue; }
        const b = (await c.build())!;
        fs.writeFileSync(path.join(staging, c.name), b);
        // the second set repeats some contents byte for byte (zero-byte, HTML...): those are duplicates
        inputs.push({ name: c.name, expect: c.expect, sha: sha256(b), group: sha256(b), case: c });
      }
    }
    const order = inputs.map((x) => x).sort(() => rand() - 0.5);
    const prepared = Date.now();

    // ---- the dropper: batches of 1–8 entries every 0.3–1.5 s, whether the service is up or not,
    // so files keep arriving through every kill and restart
    let dropped = 0;
    const dropper = (async () => {
      while (dropped < order.length) {
        const n = 1 + Math.floor(rand() * 8);
        for (const inp of order.slice(dropped, dropped + n)) {
          const target = path.join(inbox, inp.name);
          if (inp.case?.place) inp.case.place(target, scratch);
          else fs.renameSync(path.join(staging, inp.name), target);
        }
        dropped = Math.min(order.length, dropped + n);
        await sleep(300 + rand() * 1200);
      }
    })();

    // ---- kill it again and again: some kills land during start-up and recovery, the others
    // at a random moment after it is up (intake, processing, moves)
    const kills: { phase: string; afterMs: number }[] = [];
    let child: Child | null = null;
    try {
      for (let k = 0; k < KILLS; k++) {
        child = startWatch(root);
        const c = child;
        let phase = 'running';
        if (k % 3 === 2) {
          phase = 'start-up';
        } else {
          await waitFor('service start', () => c.log.some((l) => l.includes('inbox service started')) || c.proc.exitCode !== null, 90_000);
          expect(c.proc.exitCode).toBeNull();
        }
        const afterMs = Math.floor(phase === 'start-up' ? 500 + rand() * 3000 : rand() * 3000);
        await sleep(afterMs);
        c.proc.kill('SIGKILL');
        const { signal } = await c.exited;
        expect(signal).toBe('SIGKILL');
        kills.push({ phase, afterMs });
        child = null;
      }
    } finally {
      if (child) { child.proc.kill('SIGKILL'); await child.exited; }
    }
    await dropper;

    // ---- the final run handles what is left and exits
    const last = startWatch(root, ['--once']);
    const { code } = await last.exited;
    if (code !== 0) throw new Error(`final run failed (${code}):\n${last.log.slice(-20).join('\n')}`);
    const seconds = (Date.now() - t0) / 1000;

    // ---- accounting
    expect(fs.readdirSync(inbox)).toEqual([]);
    const db = openDb(root);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT * FROM inbox_files ORDER BY id').all() as { path: string; state: string; dest_kind: string; dest_path: string; sidecar_path: string | null; reason_code: string | null; document_id: string | null; sha256: string | null }[];
      // exactly one entry per input: nothing taken twice, nothing missed, nothing lost
      expect(rows.map((r) => path.basename(r.path)).sort()).toEqual(inputs.map((i) => i.name).sort());
      expect(rows.filter((r) => r.state !== 'moved')).toEqual([]);

      const docs = db.prepare('SELECT id, sha256, status, error_code, duplicate_of FROM documents').all() as { id: string; sha256: string; status: string; error_code: string | null; duplicate_of: string | null }[];
      const fileInputs = inputs.filter((i) => i.sha !== null);
      expect(docs).toHaveLength(fileInputs.length); // one document row per file, never two
      const byId = new Map(docs.map((d) => [d.id, d]));

      // on disk: exactly the inputs, each once, with its bytes; one note beside each quarantined file or duplicate
      const onDisk = [...walk(path.join(root, 'archive')).map((p) => path.join(root, 'archive', p)),
        ...walk(path.join(root, 'quarantine'), (rel) => !rel.includes(path.sep)).map((p) => path.join(root, 'quarantine', p))];
      expect(onDisk.filter((p) => path.basename(p).startsWith('.tonghop-'))).toEqual([]);
      const notes = onDisk.filter((p) => p.endsWith('.error.json') || p.endsWith('.duplicate.json'));
      const moved = onDisk.filter((p) => !notes.includes(p));
      expect(moved.sort()).toEqual(rows.map((r) => r.dest_path).sort());
      expect(notes.sort()).toEqual(rows.filter((r) => r.sidecar_path).map((r) => r.sidecar_path).sort());

      const byName = new Map(rows.map((r) => [path.basename(r.path), r]));
      const originals = new Map<string, number>();
      for (const inp of inputs) {
        const r = byName.get(inp.name)!;
        if (inp.sha) expect(sha256(fs.readFileSync(r.dest_path))).toBe(inp.sha);
        const doc = r.document_id ? byId.get(r.document_id) : undefined;
        if (doc?.status === 'duplicate') {
          // a later copy of content already taken in (which copy came first depends on the shuffle)
          expect({ name: inp.name, dest: r.dest_kind }).toEqual({ name: inp.name, dest: 'duplicate' });
          expect(byId.get(doc.duplicate_of!)!.sha256).toBe(inp.sha);
          continue;
        }
        if (inp.group) originals.set(inp.group, (originals.get(inp.group) ?? 0) + 1);
        if (inp.expect.dest === 'quarantine') {
          expect({ name: inp.name, dest: r.dest_kind, code: r.reason_code }).toEqual({ name: inp.name, dest: 'quarantine', code: inp.expect.code });
        } else {
          // a valid document: processed, never lost
          expect({ name: inp.name, dest: r.dest_kind, status: doc!.status }).toEqual({ name: inp.name, dest: 'archive', status: expect.stringMatching(/^(accepted|needs_review)$/) });
        }
      }
      // every content processed exactly once (one original per content, the rest duplicates)
      const groups = new Set(inputs.filter((i) => i.group).map((i) => i.group!));
      expect([...groups].filter((g) => originals.get(g) !== 1)).toEqual([]);

      const figures = {
        seed, inputs: inputs.length, valid: VALID, duplicates: DUPLICATES, hostile: inputs.length - VALID - DUPLICATES,
        kills: kills.length, killed: kills.map((k) => `${k.phase}+${k.afterMs}ms`),
        outcome: Object.fromEntries(['archive', 'duplicate', 'quarantine'].map((k) => [k, rows.filter((r) => r.dest_kind === k).length])),
        docStatus: docs.reduce<Record<string, number>>((m, d) => { m[d.status] = (m[d.status] ?? 0) + 1; return m; }, {}),
        secondsPreparing: (prepared - t0) / 1000, secondsTotal: seconds,
      };
      process.stderr.write(`chaos figures: ${JSON.stringify(figures)}\n`);
      fs.mkdirSync(path.join(process.cwd(), 'tmp'), { recursive: true });
      fs.writeFileSync(path.join(process.cwd(), 'tmp', 'chaos-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    } finally {
      db.close();
    }
  }, 300_000);
});
