// Indicators in the page: every dropped text or EVTX file is scanned for
// indicators by an engine worker (worker_iocs.js), one file at a time, and
// threat-intel feeds (STIX bundles, MISP events, VirusTotal responses, and
// CSV files the analyst marks as feeds) are read whole into the app, which
// judges every indicator against them.
'use strict';

(function () {
  const { workers, heapCall, files } = window.trinity;
  const FEED_MAX_BYTES = 512 * 1024 * 1024;  // a feed is read whole; larger ones are refused

  const queue = [];       // scans waiting: {id, file, job, resolve}
  let running = null;     // the scan under way: {..., worker}
  const encoder = new TextEncoder();

  function role(id) { return Module.ccall('trinity_evidence_role', 'string', ['number'], [id]); }

  // The worker that scans: the last one, kept clear of EVTX chunk tasks
  // while it scans (they would wait behind the whole file).
  function scanWorker() {
    const ready = workers.ready();
    return ready.length ? ready[ready.length - 1] : null;
  }

  function next() {
    if (running || !queue.length) return;
    const w = scanWorker();
    if (!w) return;
    running = queue.shift();
    running.worker = w;
    running.hold = workers.ready().length > 1 ? 2 : 0;
    w.inflight += running.hold;
    const sha256 = Module.ccall('trinity_evidence_sha256', 'string', ['number'], [running.id]);
    w.worker.postMessage({ type: 'iocs', job: running.job, file: running.file,
                           name: running.file.name, sha256 });
  }

  function watchCancel() {
    if (running && !running.cancelled &&
        Module.ccall('trinity_job_cancelled', 'number', ['number'], [running.job]) !== 0) {
      running.cancelled = true;
      workers.cancel(running.job);
    }
    // Jobs cancelled before they started never reach a worker.
    for (let i = queue.length - 1; i >= 0; i--) {
      const q = queue[i];
      if (Module.ccall('trinity_job_cancelled', 'number', ['number'], [q.job]) !== 0) {
        queue.splice(i, 1);
        Module.ccall('trinity_iocs_end', null, ['number', 'number', 'number'], [q.job, 0, 0]);
        q.resolve();
      }
    }
    next();
  }
  window.trinity.onFrame(watchCancel);

  window.trinity.onWorkerMessage('iocs-progress', (msg) => {
    Module.ccall('trinity_job_progress', null, ['number', 'number'], [msg.job, msg.done]);
  });

  window.trinity.onWorkerMessage('iocs-done', (msg, w) => {
    if (!running || running.job !== msg.job) return;
    const done = running;
    running = null;
    w.inflight -= done.hold;
    const bytes = encoder.encode(msg.json || 'null');
    heapCall(bytes, (p, n) => Module.ccall('trinity_iocs_end', null, ['number', 'number', 'number'], [done.job, p, n]));
    done.resolve();
    next();
  });

  function scan(id, file) {
    const job = Module.ccall('trinity_iocs_begin', 'number', ['number', 'number'], [id, file.size]);
    if (!job) return null;
    return new Promise((resolve) => {
      queue.push({ id, file, job, resolve });
      next();
    });
  }

  async function loadFeed(id, file) {
    if (file.size > FEED_MAX_BYTES) {
      Module.ccall('trinity_feed_refused', null, ['number', 'string'],
                   [id, `larger than ${FEED_MAX_BYTES / 1048576} MiB: load it with trinity iocs --feeds`]);
      return;
    }
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      Module.ccall('trinity_feed_refused', null, ['number', 'string'], [id, 'the browser could not read it: ' + err.message]);
      return;
    }
    heapCall(bytes, (p, n) => Module.ccall('trinity_feed_add', 'number', ['number', 'number', 'number'], [id, p, n]));
  }

  window.trinity.onEvidence((id, file) => {
    const r = role(id);
    if (r === 'feed') return loadFeed(id, file);
    if (r === 'scan') return scan(id, file);
    return null;
  });

  // The analyst marked a CSV file as a feed (Indicators tab).
  window.trinityShell.loadFeed = (id) => {
    const file = files.get(id);
    if (file) loadFeed(id, file);
  };

  // Exports: the app hands over the bytes, the page saves them.
  let lastDownload = null;
  window.trinityShell.download = (name, mime, text) => {
    lastDownload = { name, mime, text };
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };

  // [SECTION] test hook
  Object.assign(window.trinity.test, {
    indicators: () => JSON.parse(Module.ccall('trinity_indicators_json', 'string', [], [])),
    feeds: () => JSON.parse(Module.ccall('trinity_feeds_json', 'string', [], [])),
    setIndicatorFilter: (text) => Module.ccall('trinity_set_indicator_filter', null, ['string'], [text]),
    setVerdictPolicy: (rule) => Module.ccall('trinity_set_verdict_policy', 'string', ['string'], [rule]),
    exportIndicators: (format) => Module.ccall('trinity_export_indicators', null, ['string'], [format]),
    lastDownload: () => lastDownload,
    cancelJob: (job) => Module.ccall('trinity_job_cancel', null, ['number'], [job]),
    scanJob: (id) => JSON.parse(Module.ccall('trinity_scan_job_json', 'string', ['number'], [id])),
    showView: (id) => Module.ccall('trinity_focus_view', null, ['string'], [id]),
    loadAsFeed: (id) => Module.ccall('trinity_request_feed', null, ['number'], [id]),
  });
})();
