// Worker-thread entry for raster-isolated.ts (as pdf-worker-boot.mjs is for pdf-isolated.ts): in
// dist/ it loads the compiled worker beside it; in the source tree it registers lean TypeScript
// hooks first (worker-ts-hooks.mjs: tsx's own would cost ~270 MB more in a thread that loads pdfjs).
import fs from 'node:fs';

const compiled = new URL('./raster-worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('node:module');
  register('../worker-ts-hooks.mjs', import.meta.url);
  await import('./raster-worker.ts');
}
