// Hashing tasks of the engine worker (see trinity_worker.js).
//   {type: 'hash', job, file}
//       reads the file by slices, once, into the engine's multi-hasher;
//       replies {type: 'hash-progress', job, done} a few times a second and
//       finally {type: 'hash-done', job, json}: the digests as JSON
//       ({"size","md5","sha1","sha256","sha512","ssdeep"}) or {"error"}, or
//       {type: 'hash-done', job, cancelled: true}
//   {type: 'hash-pause', paused} (a control, handled at once): while paused,
//       hashing waits between slices, leaving the CPU to parsing
'use strict';

const HASH_SLICE_BYTES = 4 * 1024 * 1024;  // read and hashed at a time
const HASH_PROGRESS_MS = 250;              // at most four progress messages a second

let hashPaused = false;
controls['hash-pause'] = (msg) => { hashPaused = !!msg.paused; };

function hashResult(out) { return new TextDecoder().decode(out); }

tasks.hash = async (msg) => {
  const { job, file } = msg;
  const handle = engine._trinity_engine_hash_begin(file.size);
  if (!handle) throw new Error('the engine could not start hashing');
  let lastProgress = performance.now();
  try {
    for (let off = 0; off < file.size; off += HASH_SLICE_BYTES) {
      while (hashPaused && !cancelled.has(job)) await new Promise((resolve) => setTimeout(resolve, 50));
      if (cancelled.has(job)) {
        engine._trinity_engine_hash_abort(handle);
        postMessage({ type: 'hash-done', job, cancelled: true });
        return;
      }
      const bytes = new Uint8Array(await file.slice(off, off + HASH_SLICE_BYTES).arrayBuffer());
      if (!bytes.length) throw new Error(`the file ended after ${off} of ${file.size} bytes`);
      const error = hashResult(engineCall(bytes, (p, n) => engine._trinity_engine_hash_update(handle, p, n)));
      if (error) {
        postMessage({ type: 'hash-done', job, json: error });
        return;
      }
      const now = performance.now();
      if (now - lastProgress >= HASH_PROGRESS_MS) {
        lastProgress = now;
        postMessage({ type: 'hash-progress', job, done: off + bytes.length });
      }
    }
  } catch (err) {
    // The browser could not read the file (it moved, or permission went).
    engine._trinity_engine_hash_abort(handle);
    postMessage({ type: 'hash-done', job, json: JSON.stringify({ error: String((err && err.message) || err) }) });
    return;
  }
  const json = hashResult(engineCall(new Uint8Array(0), () => engine._trinity_engine_hash_end(handle)));
  // The engine's memory goes with the result: tests check a file never entered it whole.
  postMessage({ type: 'hash-done', job, json, heap: engine.HEAPU8.length });
};
tasks.hash.onError = (msg) => postMessage({ type: 'hash-done', job: msg.job, json: '{"error":"the engine failed"}' });
