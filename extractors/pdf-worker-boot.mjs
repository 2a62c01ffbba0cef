// Worker-thread entry for pdf-isolated.ts. A worker is a fresh Node thread: on Node 20 the tsx
// hooks of the parent (CLI or jest) do not reach it, so it registers tsx itself, then loads the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-worker.ts');
