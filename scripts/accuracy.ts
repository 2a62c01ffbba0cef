// `npm run accuracy`: header-field accuracy of the pipeline, through the CLI's ingest path, on
//   generated            the project's 88 generated born-digital documents (fixtures/ground-truth.json)
//   generated-scanned    their scanned third (OCR; with --scanned)
//   realdocs-tune        real documents (fixtures/realdocs), tune part, rendered in several layouts
//   realdocs-report      the same, report part: measure here, never tune on it
//   realdocs-*-scanned   30 documents of each part, one layout, page 1, scanned (OCR; with --scanned)
//   other-hands-tune, other-hands-report (and -scanned): the ground truth laid out by other offices
//
// --reliability: the reliability table (testkit/reliability.ts) over the tune parts of every
//   corpus chosen (default: generated, realdocs-tune, other-hands-tune; with --scanned their scans too)
//
// Options: --corpus NAME[,NAME]  --part tune|report  --scanned  --layouts N (per document, 1–6)
//          --scan-docs N (scanned documents per part, default 30)
//          --layout-set base|new|tune|heldout|all  --layout NAME[,NAME] (born-digital real documents)
//          --explain (expected vs got for every field not right; --field NAME keeps one field;
//                     refused on held-out layouts)
//          --json FILE
// Rendered corpora are cached in fixtures/generated/realdocs-*/; OCR results in snapshots.
import { engineIdentity, resolveEngine } from '../extractors/ocr/engine.js';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CORPORA, runCorpus, type CorpusName, type CorpusRun } from '../testkit/realdocs/harness.js';
import { isHeldOut, LAYOUT_NAMES, LAYOUT_SETS, type LayoutName } from '../testkit/realdocs/layouts.js';
import { explainLines, formatSummary } from '../testkit/realdocs/tally.js';
import { formatOtherHands, OTHER_HANDS_CORPORA, runOtherHandsCorpus, type OtherHandsCorpus } from '../testkit/other-hands/accuracy.js';
import { formatReliability, type KindObservation } from '../testkit/reliability.js';

type Name = CorpusName | OtherHandsCorpus;
const ALL: readonly Name[] = [...CORPORA, ...OTHER_HANDS_CORPORA];
const isOtherHands = (n: Name): n is OtherHandsCorpus => n.startsWith('other-hands-');

/** --layout-set / --layout → the layouts drawn from and the selection's name (undefined: the first six). */
function chooseLayouts(v: { 'layout-set'?: string; layout?: string; explain?: boolean }): { layouts?: LayoutName[]; layoutSet?: string } {
  if (v['layout-set'] && v.layout) throw new Error('Chỉ dùng một trong --layout-set và --layout');
  let layouts: LayoutName[] | undefined;
  let layoutSet: string | undefined;
  if (v['layout-set']) {
    const set = LAYOUT_SETS[v['layout-set']];
    if (!set) throw new Error(`Không có nhóm bố cục "${v['layout-set']}". Có: ${Object.keys(LAYOUT_SETS).join(', ')}`);
    layouts = [...set];
    layoutSet = v['layout-set'];
  } else if (v.layout) {
    const names = v.layout.split(',').map((s) => s.trim());
    for (const n of names) if (!(LAYOUT_NAMES as readonly string[]).includes(n)) throw new Error(`Không có bố cục "${n}". Có: ${LAYOUT_NAMES.join(', ')}`);
    layouts = names as LayoutName[];
    layoutSet = names.join('+');
  }
  // held-out layouts are measured, never explained: their failures must not steer the extractors
  if (v.explain && layouts?.some(isHeldOut)) throw new Error('--explain không dùng với bố cục giữ lại (heldout): chỉ đo, không xem lỗi');
  return { layouts, layoutSet };
}

function chooseCorpora(v: { corpus?: string; part?: string; scanned?: boolean; reliability?: boolean }): Name[] {
  if (v.corpus) {
    const names = v.corpus.split(',').map((s) => s.trim());
    for (const n of names) if (!(ALL as readonly string[]).includes(n)) throw new Error(`Không có bộ dữ liệu "${n}". Có: ${ALL.join(', ')}`);
    return names as Name[];
  }
  if (v.part && v.part !== 'tune' && v.part !== 'report') throw new Error('--part phải là tune hoặc report');
  // the reliability table is measured on the tune parts only (the generated set is all tuning)
  const part = v.reliability ? 'tune' : v.part;
  return ALL.filter((c) => (v.scanned || !c.endsWith('-scanned')) && (!part || c.includes(`-${part}`) || (v.reliability && c.startsWith('generated'))));
}

async function main(): Promise<void> {
  const { values: v } = parseArgs({
    options: {
      corpus: { type: 'string' }, part: { type: 'string' }, scanned: { type: 'boolean' }, explain: { type: 'boolean' },
      reliability: { type: 'boolean' }, json: { type: 'string' }, layouts: { type: 'string' }, 'scan-docs': { type: 'string' }, field: { type: 'string' },
      'layout-set': { type: 'string' }, layout: { type: 'string' },
    },
  });
  const corpora = chooseCorpora(v);
  const chosen = chooseLayouts(v);
  const explain = (run: CorpusRun) => explainLines(run.results, v.field);
  const runs: CorpusRun[] = [];
  const observations: KindObservation[] = [];
  if (corpora.some((c) => c.endsWith('-scanned'))) {
    const e = resolveEngine();
    process.stdout.write(`OCR: ${engineIdentity(e).engine} (${e.kind === 'native' ? 'tesseract cài trên máy' : 'tesseract.js'}; đổi bằng TONGHOP_OCR_ENGINE=wasm|native)\n\n`);
  }
  for (const name of corpora) {
    process.stderr.write(`… ${name}\n`);
    if (isOtherHands(name)) {
      const r = await runOtherHandsCorpus(name);
      observations.push(...r.observations);
      process.stdout.write(`${formatOtherHands(r)}\n`);
      continue;
    }
    const run = await runCorpus(name, {
      layoutsPerDoc: v.layouts ? Number(v.layouts) : undefined, scanDocs: v['scan-docs'] ? Number(v['scan-docs']) : undefined, ...chosen,
      log: (s) => process.stderr.write(`${s}\n`),
    });
    runs.push(run);
    observations.push(...run.observations);
    process.stdout.write(`${formatSummary(run.summary)}\n`);
    if (v.explain) process.stdout.write(`${explain(run).join('\n')}\n\n`);
  }
  if (v.reliability) process.stdout.write(`${formatReliability(observations)}\n`);
  if (v.json) {
    const out = { corpora: runs.map((r) => ({ ...r.summary, ...(v.explain ? { explain: explain(r) } : {}) })), ...(v.reliability ? { observations } : {}) };
    fs.writeFileSync(v.json, `${JSON.stringify(out, null, 2)}\n`);
  }
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack ?? err}\n`); process.exit(1); });
