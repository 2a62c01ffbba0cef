// Boot file for worker-pool.e2e.test.ts: answers each message with its id, value and thread id;
// 'hang' spins forever, 'exit' ends the thread with code 3.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.op === 'hang') for (;;);
  if (m.op === 'exit') process.exit(3);
  parentPort.postMessage({ id: m.id, value: m.value, thread: threadId });
});
