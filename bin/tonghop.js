#!/usr/bin/env node
// Entry point. Starts the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci`
// and `npm install` run through `prepare`) when it is at least as new as every source file:
// transpiling the TypeScript at each start cost 1.5–3.8 s before any command ran. Otherwise
// (no build, or a source edited since) it runs the sources through tsx, so an edit is never
// served stale. TONGHOP_RUN=tsx or TONGHOP_RUN=dist forces one path (tests compare the two).
import { distIsFresh } from './dist-state.js';

const mode = process.env.TONGHOP_RUN;
if (mode === 'dist' || (mode !== 'tsx' && distIsFresh())) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
