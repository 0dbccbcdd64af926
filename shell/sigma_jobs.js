// Sigma in the page: rule files come in by drop (a .yml/.yaml file whose
// head has a top-level detection:, correlation: or filter: key: rules, not
// evidence) or by "Load rules…" (files, or a folder); the app compiles them
// (trinity_sigma_add_rules). Every EVTX file is then matched against them by
// an engine worker (worker_sigma.js, web/engine/sigma_exports.cpp), one job
// per file; when the rules change, every file is scanned again.
'use strict';

(function () {
  const { workers, heapCall, files } = window.trinity;
  const encoder = new TextEncoder();
  const RULE_FILE = /\.ya?ml$/i;

  const queue = [];          // scans waiting: {id, file, job, version, resolve}
  const running = new Map(); // job -> scan under way, with its worker
  let knownVersion = 0;      // the rules version scans were last started for
  let rulesJson = '[]';

  const call = (name, ret, types, values) => Module.ccall(name, ret, types, values);
  const rulesVersion = () => call('trinity_sigma_rules_version', 'number', [], []);

  // [SECTION] rules in
  async function addRuleFiles(list) {
    const chosen = Array.from(list);
    if (!chosen.length) return;
    call('trinity_sigma_hold_rules', null, ['number'], [1]);
    try {
      for (const file of chosen) {
        const name = file.webkitRelativePath || file.name;
        let text;
        try {
          text = await file.text();
        } catch (err) {
          console.warn('trinity: could not read rule file', name, err);
          continue;
        }
        heapCall(encoder.encode(text), (p, n) => call('trinity_sigma_add_rules', null, ['string', 'number', 'number'],
                                                     [name, p, n]));
      }
    } finally {
      call('trinity_sigma_hold_rules', null, ['number'], [0]);
    }
    checkVersion();
  }

  // Dropped files: rule files never become evidence. The page adds dropped
  // files one by one; rule files arriving close together are compiled as
  // one batch (a folder's worth of rules compiled once, not once per file).
  const BATCH_MS = 100;
  let batch = null;  // {files, timer, done, resolve}
  function flushBatch() {
    const b = batch;
    batch = null;
    addRuleFiles(b.files).finally(b.resolve);
  }
  window.trinity.onClaim((file, head) => {
    const isRule = heapCall(head, (p, n) => call('trinity_sigma_is_rule_file', 'number', ['string', 'number', 'number'],
                                                 [file.name, p, n]));
    if (!isRule) return null;
    if (!batch) {
      batch = { files: [] };
      batch.done = new Promise((resolve) => { batch.resolve = resolve; });
    }
    batch.files.push(file);
    clearTimeout(batch.timer);
    batch.timer = setTimeout(flushBatch, BATCH_MS);
    return batch.done;
  });

  // "Load rules…" (files) and "Load a folder…" (every .yml/.yaml below it).
  function picker(folder) {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (folder) input.webkitdirectory = true;
    else input.accept = '.yml,.yaml';
    input.addEventListener('change', () => {
      const picked = Array.from(input.files || []).filter((f) => RULE_FILE.test(f.name));
      window.trinity.test.settleWith(addRuleFiles(picked));
    });
    return input;
  }
  window.trinityShell.openRulesPicker = (folder) => picker(folder).click();

  // [SECTION] scans
  // A worker for the next scan: a ready one not already scanning, the least
  // busy; at most half the pool scans so EVTX parsing keeps workers.
  function scanWorker() {
    const ready = workers.ready();
    if (running.size >= Math.max(1, Math.floor(ready.length / 2))) return null;
    const busy = new Set([...running.values()].map((r) => r.worker));
    return ready.filter((w) => !busy.has(w)).sort((a, b) => a.inflight - b.inflight)[0] || null;
  }

  function next() {
    while (queue.length) {
      const w = scanWorker();
      if (!w) return;
      const scan = queue.shift();
      scan.worker = w;
      scan.hold = workers.ready().length > 1 ? 2 : 0;
      w.inflight += scan.hold;
      running.set(scan.job, scan);
      const msg = { type: 'sigma', job: scan.job, file: scan.file, name: scan.file.name, version: scan.version };
      if (w.sigmaVersion !== scan.version) {
        msg.rules = rulesJson;
        w.sigmaVersion = scan.version;
      }
      w.worker.postMessage(msg);
    }
  }

  function finish(job, text) {
    const scan = running.get(job);
    if (!scan) return;
    running.delete(job);
    scan.worker.inflight -= scan.hold;
    heapCall(encoder.encode(text || ''), (p, n) => call('trinity_sigma_end', null, ['number', 'number', 'number'], [job, p, n]));
    scan.resolve();
    next();
  }

  function scan(id, file) {
    const job = call('trinity_sigma_begin', 'number', ['number', 'number', 'number'], [id, file.size, knownVersion]);
    if (!job) return null;
    return new Promise((resolve) => {
      queue.push({ id, file, job, version: knownVersion, resolve });
      next();
    });
  }

  // The rules changed: scan every file again under the new ones (the app
  // has cancelled the scans of the old rules). True when it did.
  function checkVersion() {
    const version = rulesVersion();
    if (version === knownVersion) return false;
    knownVersion = version;
    rulesJson = Module.ccall('trinity_sigma_rules_json', 'string', [], []);
    if (call('trinity_sigma_has_rules', 'number', [], [])) {
      for (const [id, file] of files) {
        if (call('trinity_sigma_scannable', 'number', ['number'], [id])) window.trinity.test.settleWith(scan(id, file));
      }
    }
    return true;
  }

  function watch() {
    checkVersion();
    for (const [job, r] of running) {
      if (!r.cancelled && call('trinity_job_cancelled', 'number', ['number'], [job]) !== 0) {
        r.cancelled = true;
        workers.cancel(job);
      }
    }
    for (let i = queue.length - 1; i >= 0; i--) {
      const q = queue[i];
      if (call('trinity_job_cancelled', 'number', ['number'], [q.job]) !== 0) {
        queue.splice(i, 1);
        heapCall(new Uint8Array(0), (p, n) => call('trinity_sigma_end', null, ['number', 'number', 'number'], [q.job, p, n]));
        q.resolve();
      }
    }
    next();
  }
  window.trinity.onFrame(watch);

  window.trinity.onWorkerMessage('sigma-progress', (msg) => {
    call('trinity_job_progress', null, ['number', 'number'], [msg.job, msg.done]);
  });
  window.trinity.onWorkerMessage('sigma-done', (msg) => finish(msg.job, msg.text));

  window.trinity.onEvidence((id, file) => {
    if (checkVersion()) return null;  // every file, this one included, is being scanned
    if (!call('trinity_sigma_has_rules', 'number', [], [])) return null;
    if (!call('trinity_sigma_scannable', 'number', ['number'], [id])) return null;
    return scan(id, file);
  });

  // [SECTION] test hook
  Object.assign(window.trinity.test, {
    rules: () => JSON.parse(call('trinity_sigma_rules_report_json', 'string', [], [])),
    detections: () => JSON.parse(call('trinity_detections_json', 'string', [], [])),
    correlations: () => JSON.parse(call('trinity_correlations_json', 'string', [], [])),
    sigmaJob: (id) => JSON.parse(call('trinity_sigma_job_json', 'string', ['number'], [id])),
    selectDetection: (i) => call('trinity_select_detection', null, ['number'], [i]),
    removeEvidence: (id) => call('trinity_remove_evidence', null, ['number'], [id]),
    setDetectionFilter: (text) => call('trinity_set_detection_filter', null, ['string'], [text]),
  });
})();
