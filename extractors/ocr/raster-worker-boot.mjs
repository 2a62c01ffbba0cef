// Worker-thread entry for raster-isolated.ts (as pdf-worker-boot.mjs is for pdf-isolated.ts): in
// dist/ it loads the compiled worker beside it; in the source tree it registers tsx first.
import fs from 'node:fs';

const compiled = new URL('./raster-worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./raster-worker.ts');
}
