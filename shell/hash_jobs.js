// Hashing in the page: every added file is hashed once (MD5, SHA-1, SHA-256,
// SHA-512, ssdeep in one streaming pass) by a hashing worker of its own, so
// EVTX parsing on the pool's workers never queues behind it. The pool has a
// worker per core, so while the app parses anything, hashing pauses between
// slices and gives the cores back. Files queue in the worker in the order
// they were added; progress reaches the app a few times a second
// (worker_hash.js), the digests when the file is done.
'use strict';

(function () {
  const { test } = window.trinity;
  const jobs = new Map();  // app job id -> {evidence, cancelSent}
  let worker = null;       // the hashing worker, started with the first file
  let workerHeap = 0;      // its engine's wasm memory after the last file
  const settledWaiters = [];

  function hashWorker() {
    if (!worker) {
      worker = new Worker('trinity_worker.js');
      worker.onmessage = (e) => {
        const msg = e.data;
        if (msg.type === 'hash-progress') {
          Module.ccall('trinity_hash_progress', null, ['number', 'number'], [msg.job, msg.done]);
        } else if (msg.type === 'hash-done') {
          if (msg.heap) workerHeap = msg.heap;
          jobs.delete(msg.job);
          if (msg.json) Module.ccall('trinity_hash_done', null, ['number', 'string'], [msg.job, msg.json]);
          else Module.ccall('trinity_job_end', null, ['number'], [msg.job]);  // cancelled
          if (!jobs.size) settledWaiters.splice(0).forEach((fn) => fn());
        } else if (msg.type === 'error') {
          console.warn('trinity: hashing worker:', msg.message);
        }
      };
      worker.onerror = (e) => console.error('trinity: hashing worker failed:', e.message);
    }
    return worker;
  }

  // Pause while the app parses (its other jobs), resume after.
  let paused = false;
  window.trinity.onFrame(() => {
    if (!jobs.size) return;
    const parsing = Module.ccall('trinity_parsing', 'number', [], []) !== 0;
    if (parsing !== paused) {
      paused = parsing;
      hashWorker().postMessage({ type: 'hash-pause', paused });
    }
  });

  // The analyst removed the file or cancelled: tell the worker, once.
  window.trinity.onFrame(() => {
    for (const [id, job] of jobs) {
      if (!job.cancelSent && Module.ccall('trinity_job_cancelled', 'number', ['number'], [id]) !== 0) {
        job.cancelSent = true;
        hashWorker().postMessage({ type: 'cancel', job: id });
      }
    }
  });

  window.trinity.onEvidence((id, file) => {
    const jobId = Module.ccall('trinity_hash_begin', 'number', ['number'], [id]);
    if (!jobId) return null;
    jobs.set(jobId, { evidence: id, cancelSent: false });
    hashWorker().postMessage({ type: 'hash', job: jobId, file });
    // Nothing to wait for here: the page's settled() waits for parsing, not
    // for hashing (hashesSettled() below does).
    return null;
  });

  // [SECTION] test hook
  Object.assign(test, {
    // {state, done, total, digests: {size, md5, sha1, sha256, sha512, ssdeep} | null, error}
    hashes: (id) => JSON.parse(Module.ccall('trinity_hash_json', 'string', ['number'], [id])),
    hashWorkerHeap: () => workerHeap,
    hashPaused: () => paused,
    selectEvidence: (id) => Module.ccall('trinity_select_evidence', null, ['number'], [id]),
    hashesSettled: () => (jobs.size ? new Promise((resolve) => settledWaiters.push(resolve)) : Promise.resolve(true)),
    cancelHash: (id) => {
      const j = test.hashes(id);
      for (const [jobId, job] of jobs) {
        if (job.evidence === id && j.state === 'running') Module.ccall('trinity_job_cancel', null, ['number'], [jobId]);
      }
    },
  });
})();
