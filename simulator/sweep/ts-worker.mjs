// Worker-thread entry for TypeScript task modules. A worker starts with a bare loader (the parent's
// programmatic tsx registration does not carry over), so this plain .mjs registers tsx first, then
// imports the module named in workerData and answers one task message at a time.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const mod = await import(workerData.module);
const handle = await mod.createTaskHandler(workerData.data);
parentPort.on('message', async (msg) => {
  try {
    const value = await handle(msg.task);
    parentPort.postMessage({ index: msg.index, ok: true, value });
  } catch (err) {
    parentPort.postMessage({ index: msg.index, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
