// Sigma scan tasks of the engine worker (see trinity_worker.js).
//   {type: 'sigma', job, file, name, version, rules?}
//       when `rules` ([{name, text}] as JSON text) comes, compiles them first
//       and keeps them for later scans (web/engine/sigma_exports.cpp); then
//       matches the whole file, reading it by synchronous slices; replies
//       {type: 'sigma-progress', job, done} a few times a second and
//       {type: 'sigma-done', job, text} at the end.
// Cancel works as for indicator scans: through the shared cancel board.
'use strict';

const SIGMA_PROGRESS_MS = 250;

tasks.sigma = async (msg) => {
  const { job, file, name } = msg;
  if (msg.rules !== undefined) {
    const report = engineCall(new TextEncoder().encode(msg.rules), (p, n) => engine.ccall('trinity_engine_sigma_rules',
      'number', ['number', 'number'], [p, n]));
    const parsed = JSON.parse(new TextDecoder().decode(report));
    if (parsed.error) throw new Error('Sigma rules: ' + parsed.error);
  }
  let last = 0;
  self.trinityEngineFiles = {
    0: {
      file,
      cancelled: () => isCancelled(job),
      progress: (done) => {
        const now = Date.now();
        if (now - last < SIGMA_PROGRESS_MS) return;
        last = now;
        postMessage({ type: 'sigma-progress', job, done });
      },
    },
  };
  try {
    const out = engineCall(new Uint8Array(0), () => engine.ccall('trinity_engine_sigma_scan', 'number',
      ['number', 'number', 'string', 'string'], [0, file.size, name, '']));
    postMessage({ type: 'sigma-done', job, text: new TextDecoder().decode(out) });
  } finally {
    self.trinityEngineFiles = {};
  }
};
tasks.sigma.onError = (msg) => postMessage({ type: 'sigma-done', job: msg.job, text: '' });
