// Worker-thread entry for sync-db.ts (as extractors/pdf-worker-boot.mjs is for the pdfjs
// workers): in dist/ the compiled worker sits beside this file; in the source tree tsx is
// registered first, since a worker thread does not inherit the parent's loader hooks on Node 20.
import fs from 'node:fs';

const compiled = new URL('./sync-worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./sync-worker.ts');
}
