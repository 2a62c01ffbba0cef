// Medium test (issue 13 part 6): the compiled CLI (a fresh `scripts/build.mjs` build, as `npm ci`
// makes through `prepare`) answers exactly as the TypeScript sources run through tsx. Each path
// ingests the same born-digital PDF into its own database — through the compiled PDF worker on
// one side, so a worker or asset (migrations, JSON data, templates) that dist/ lacks shows up —
// then both print status, exports and a report table, which must be byte for byte the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bornDigitalFixtures, tempDir } from './helpers.js';

const ROOT = process.cwd();
// inside the repository (tmp/ is ignored) so the compiled files resolve node_modules as dist/ does
const OUT = path.join(ROOT, 'tmp', `dist-check-${process.pid}`);

type Runner = (db: string, ...args: string[]) => string;

function run(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} → ${r.status}\n${r.stderr}`);
  return r.stdout;
}

const compiled: Runner = (db, ...args) => run([path.join(OUT, 'cli', 'main.js'), '--db', db, ...args]);
const viaTsx: Runner = (db, ...args) => run([path.join(ROOT, 'bin', 'tonghop.js'), '--db', db, ...args], { TONGHOP_RUN: 'tsx' });

describe('compiled CLI (dist) and tsx give the same answers', () => {
  let pdf: string;
  const dbs = { compiled: '', tsx: '' };

  beforeAll(async () => {
    pdf = path.join(await bornDigitalFixtures(), 'bc-an-giang-1901.pdf');
    run([path.join(ROOT, 'scripts', 'build.mjs'), '--out', OUT]);
    const dir = tempDir('tonghop-cli-dist-');
    dbs.compiled = path.join(dir, 'compiled.db');
    dbs.tsx = path.join(dir, 'tsx.db');
  }, 240_000);
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  it('builds: compiled entry, worker boot beside the compiled worker, assets, stamp', () => {
    for (const f of ['cli/main.js', 'extractors/pdf-worker.js', 'extractors/pdf-worker-boot.mjs', 'pipeline/db/migrations/001_initial.sql',
      'schemas/gazetteer.json', 'schemas/indicator-catalogue.json', 'reports/templates/cong-van-don-doc.txt', '.build-stamp']) {
      expect(fs.existsSync(path.join(OUT, f))).toBe(true);
    }
  });

  it('every worker boot file that loads a TypeScript worker through tsx loads the compiled one in dist', () => {
    const boots = (fs.readdirSync(OUT, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjs'));
    expect(boots).toContain(path.join('extractors', 'pdf-worker-boot.mjs'));
    for (const f of boots) {
      const text = fs.readFileSync(path.join(OUT, f), 'utf8');
      for (const [, name] of text.matchAll(/import\(\s*'\.\/([\w./-]+)\.ts'\s*\)/g)) {
        expect({ boot: f, compiled: text.includes(`./${name}.js`) && fs.existsSync(path.join(OUT, path.dirname(f), `${name}.js`)) })
          .toEqual({ boot: f, compiled: true });
      }
    }
  });

  it('ingests the same PDF to the same records, then prints the same status, exports and report', () => {
    const ingested = (r: Runner, db: string) => JSON.parse(r(db, 'ingest', '--json', pdf)) as { accepted?: number; seconds?: number };
    const a = ingested(compiled, dbs.compiled);
    const b = ingested(viaTsx, dbs.tsx);
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 }); // only the time taken may differ
    for (const args of [['status', '--json'], ['export', 'documents'], ['export', 'documents', '--format', 'csv'], ['report', 'appendix-1']]) {
      const out = compiled(dbs.compiled, ...args);
      expect(out.length).toBeGreaterThan(20);
      expect(out).toBe(viaTsx(dbs.tsx, ...args));
    }
    const docs = JSON.parse(compiled(dbs.compiled, 'export', 'documents')) as { documents: { file: string; status: string }[] };
    expect(docs.documents.map((d) => [d.file, d.status])).toEqual([['bc-an-giang-1901.pdf', 'accepted']]);
  }, 240_000);
});
