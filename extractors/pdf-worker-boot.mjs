// Worker-thread entry for pdf-isolated.ts. A worker is a fresh Node thread: on Node 20 the tsx
// hooks of the parent (CLI or jest) do not reach it. Copied into dist/ by the build, it finds the
// compiled worker beside it and loads that directly; in the source tree there is no .js beside
// it, so it registers lean TypeScript hooks itself, then loads the TypeScript worker.
import fs from 'node:fs';

const compiled = new URL('./pdf-worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  // lean hooks, not tsx's: tsx rewrites pdfjs's bundles too (~270 MB per thread, worker-ts-hooks.mjs)
  const { register } = await import('node:module');
  register('./worker-ts-hooks.mjs', import.meta.url);
  await import('./pdf-worker.ts');
}
