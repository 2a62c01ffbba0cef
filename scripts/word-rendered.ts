// `npm run word-rendered -- build [--part tune]`   remake the corpus (needs LibreOffice): the report
//    part into fixtures/word-rendered/ (committed), the tune part into fixtures/generated/ (not)
// `npm run word-rendered -- measure [--part tune|report] [--format pdf|docx] [--explain] [--limit N]`
//    header accuracy on the real documents;
// `npm run word-rendered -- reports [--part tune|report] [--format pdf|docx] [--explain]`
//    the ground truth's reports and programmes (with indicator tables): classification, Phụ lục
//    rows, indicators, straight-through, as the other-hands corpus is scored.
// `npm run word-rendered -- build-browser [--part tune]`, `… browser [--part …] [--explain]`
//    the real documents as web pages printed to PDF by headless Chromium (a third hand).
//   header accuracy on real report-part documents typed in Word and printed by LibreOffice.
import { parseArgs } from 'node:util';
import type { Part } from '../testkit/realdocs/split.js';
import { explainLines, formatSummary } from '../testkit/realdocs/tally.js';
import { formatScores } from '../testkit/other-hands/score.js';
import { buildBrowserCorpus, buildWordCorpus, buildWordReports, measureBrowserCorpus, measureWordCorpus, measureWordReports, type WordFormat } from '../testkit/word-rendered/corpus.js';

async function main(): Promise<void> {
  const { values: v, positionals } = parseArgs({
    allowPositionals: true,
    options: { part: { type: 'string' }, format: { type: 'string' }, explain: { type: 'boolean' }, limit: { type: 'string' } },
  });
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const part: Part = v.part === 'tune' ? 'tune' : 'report';
  if (positionals[0] === 'build') {
    log(`Đã dựng ${await buildWordCorpus(part, log)} văn bản.`);
    log(`Đã dựng ${await buildWordReports(part, log)} báo cáo, chương trình.`);
    return;
  }
  if (positionals[0] === 'build-browser') {
    log(`Đã in ${await buildBrowserCorpus(part, log)} văn bản bằng Chromium.`);
    return;
  }
  if (positionals[0] === 'browser') {
    const run = await measureBrowserCorpus(part, v.limit ? Number(v.limit) : undefined);
    process.stdout.write(`${formatSummary(run.summary)}\n`);
    if (v.explain) process.stdout.write(`${explainLines(run.results).join('\n')}\n\n`);
    return;
  }
  if (positionals[0] === 'reports') {
    for (const f of v.format ? [v.format as WordFormat] : (['pdf', 'docx'] as const)) {
      const { score, seconds } = await measureWordReports(part, f);
      process.stdout.write(`${formatScores([[`word-reports-${part}-${f}`, score]])}\n(${seconds.toFixed(1)} s)\n\n`);
      if (v.explain) process.stdout.write(`${score.mismatches.join('\n')}\n\n${score.held.join('\n')}\n\n`);
    }
    return;
  }
  const formats: WordFormat[] = v.format ? [v.format as WordFormat] : ['pdf', 'docx'];
  for (const f of formats) {
    const run = await measureWordCorpus(part, f, v.limit ? Number(v.limit) : undefined);
    process.stdout.write(`${formatSummary(run.summary)}\n`);
    if (v.explain) process.stdout.write(`${explainLines(run.results).join('\n')}\n\n`);
  }
}

main().catch((err) => { process.stderr.write(`${(err as Error).stack ?? err}\n`); process.exit(1); });
