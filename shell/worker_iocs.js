// Indicator scan tasks of the engine worker (see trinity_worker.js).
//   {type: 'iocs', job, file, name, sha256}
//       scans the whole file (web/engine/ioc_exports.cpp), reading it by
//       synchronous slices; replies {type: 'iocs-progress', job, done} a few
//       times a second and {type: 'iocs-done', job, json} at the end.
// The engine runs without returning to this worker's event loop, so a
// cancel message could not arrive: the page sets the job in the shared
// cancel board instead (trinity_shell.js, workers.cancel).
'use strict';

const IOCS_PROGRESS_MS = 250;

tasks.iocs = async (msg) => {
  const { job, file, name, sha256 } = msg;
  let last = 0;
  self.trinityEngineFiles = {
    0: {
      file,
      cancelled: () => isCancelled(job),
      progress: (done) => {
        const now = Date.now();
        if (now - last < IOCS_PROGRESS_MS) return;
        last = now;
        postMessage({ type: 'iocs-progress', job, done });
      },
    },
  };
  try {
    const out = engineCall(new Uint8Array(0), () => engine.ccall('trinity_engine_iocs_scan', 'number',
      ['number', 'number', 'string', 'string'], [0, file.size, name, sha256 || '']));
    postMessage({ type: 'iocs-done', job, json: new TextDecoder().decode(out) });
  } finally {
    self.trinityEngineFiles = {};
  }
};
tasks.iocs.onError = (msg) => postMessage({ type: 'iocs-done', job: msg.job, json: 'null' });
