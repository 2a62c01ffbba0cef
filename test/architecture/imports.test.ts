// Imports flow one way: model → extractors → pipeline → reports/review → cli. This test reads
// every .ts file of the repository, builds the import graph (static `import`/`export ... from`,
// side-effect imports and dynamic `import('...')`, type-only imports included: a type cycle is
// still a cycle in the design) and fails on any cycle and on any edge against the layer order.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', '.git', 'data', 'fixtures', 'coverage']);

/** Layer of a repository file by its top folder; files outside the layers (test/, scripts/) may import anything. */
const LAYERS: Record<string, number> = { model: 0, schemas: 0, extractors: 1, pipeline: 2, reports: 3, review: 3, cli: 4 };
const layerOf = (rel: string): number | undefined => LAYERS[rel.split('/')[0]];

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Comments out of the way, so an example in a comment is no edge. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(src: string): string[] {
  const code = stripComments(src);
  return SPECIFIERS.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]));
}

/** A relative specifier as a repository path (`./x.js` → `dir/x.ts`); packages are no edge. */
function resolve(fromRel: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  for (const cand of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`]) {
    if (cand.endsWith('.ts') && fs.existsSync(path.join(ROOT, cand))) return cand;
  }
  return null;
}

function buildGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const abs of tsFiles(ROOT)) {
    const rel = path.relative(ROOT, abs).split(path.sep).join('/');
    const deps = importsOf(fs.readFileSync(abs, 'utf8')).map((s) => resolve(rel, s)).filter((d): d is string => d !== null);
    graph.set(rel, [...new Set(deps)]);
  }
  return graph;
}

/** Every cycle found by depth-first search, each as the path that closes it. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

const graph = buildGraph();

describe('import graph', () => {
  test('sees the whole repository', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('pipeline/pipeline.ts')).toEqual(expect.arrayContaining(['pipeline/stage.ts', 'pipeline/stages/probe.ts']));
  });

  test('the parser finds static, re-export, side-effect and dynamic imports, not comments', () => {
    const src = "import a from './a.js';\nimport type { B } from \"../b.js\";\nexport { c } from './c.js';\nimport './d.js';\n"
      + "const e = await import('./e.js');\n// import x from './x.js'\n/* import y from './y.js' */\nimport {\n  f,\n  g,\n} from './fg.js';";
    expect(importsOf(src).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './e.js', './fg.js']);
  });

  test('has no cycle', () => {
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  test('every edge goes down the layers: model → extractors → pipeline → reports/review → cli', () => {
    const against: string[] = [];
    for (const [from, deps] of graph) {
      const lf = layerOf(from);
      if (lf === undefined) continue;
      for (const to of deps) {
        const lt = layerOf(to);
        if (lt === undefined || lt > lf) against.push(`${from} → ${to}`);
      }
    }
    expect(against).toEqual([]);
  });
});
