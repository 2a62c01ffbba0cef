// Module hooks for worker threads started from the source tree (no dist/ build beside the boot
// file): this repository's TypeScript files are compiled with esbuild one file at a time, and
// everything else (node_modules, .js, .mjs) is left to Node untouched. tsx's own hooks would
// compile the TypeScript too, but they also rewrite every ES module they load, pdfjs's 1-2 MB
// bundles included, each with a generated source map: about 270 MB more per pdfjs thread
// (measured: importing pdf.worker.mjs takes a thread from 62 to 328 MiB RSS under tsx), so
// two raster and two text-layer workers cost a gigabyte in tests and benches. Compiled builds
// (dist/) never load this file. Register with register('./worker-ts-hooks.mjs', import.meta.url)
// before the worker's first TypeScript import.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** esbuild as tsx (a dev dependency) brings it, loaded on the first TypeScript file */
let esbuild;

/** TypeScript's NodeNext convention: `./x.js` in a .ts file names `./x.ts` when there is no x.js. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (err?.code === 'ERR_MODULE_NOT_FOUND' && relative && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      return next(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw err;
  }
}

export async function load(url, context, next) {
  // An .mjs file is an ES module as it stands: read here, so that hooks registered before these
  // (tsx's, when the parent runs under tsx; workers share or inherit them) never rewrite it.
  if (url.startsWith('file:') && url.endsWith('.mjs')) return { format: 'module', source: await fs.readFile(fileURLToPath(url)), shortCircuit: true };
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return next(url, context);
  esbuild ??= createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  const file = fileURLToPath(url);
  const { code } = await esbuild.transform(await fs.readFile(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file });
  return { format: 'module', source: code, shortCircuit: true };
}
