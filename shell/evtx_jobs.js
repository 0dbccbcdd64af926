// EVTX in the page: a dropped log's chunks are split into tasks that the
// engine workers take in turn (worker_evtx.js), and their batches of
// timeline rows go to the app in chunk order, whatever order workers finish
// in. Also: reading one record again for the detail pane.
'use strict';

(function () {
  const { workers, heapCall, files } = window.trinity;
  const EVTX_HEADER_BYTES = 4096;   // evtx::kFileHeaderSize
  const EVTX_CHUNK_BYTES = 65536;   // evtx::kChunkSize
  const CHUNKS_PER_TASK = 32;       // chunks a worker reads per task (2 MiB), answered in one message
  const TASKS_PER_WORKER = 2;       // tasks queued per worker at once
  const WINDOW_CHUNKS = 1024;       // how far parsing may run ahead of delivery (64 MiB)

  const jobs = new Map();           // app job id -> state
  const requests = new Map();       // detail request id -> {evidence, offset}
  let nextRequest = 1;

  function chunkCount(size) {
    return size < EVTX_HEADER_BYTES + 512 ? 0 : Math.floor((size - EVTX_HEADER_BYTES - 512) / EVTX_CHUNK_BYTES) + 1;
  }

  function cancelledInApp(job) {
    return Module.ccall('trinity_job_cancelled', 'number', ['number'], [job.id]) !== 0;
  }

  // Hands batches to the app in chunk order.
  function deliver(job) {
    while (job.pending.has(job.delivered)) {
      const bytes = new Uint8Array(job.pending.get(job.delivered));
      job.pending.delete(job.delivered);
      job.delivered++;
      if (!job.cancelled) {
        heapCall(bytes, (p, n) => Module.ccall('trinity_event_batch', null, ['number', 'number', 'number'],
                                               [job.id, p, n]));
      }
    }
    finishIfDone(job);
  }

  function finishIfDone(job) {
    if (job.finished) return;
    if (!job.cancelled && cancelledInApp(job)) {
      // The analyst pressed Cancel (or removed the file): stop dispatching,
      // tell the workers, and end when their tasks come back.
      job.cancelled = true;
      workers.cancel(job.id);
    }
    if ((job.delivered >= job.chunks || job.cancelled) && job.inflight === 0) {
      job.finished = true;
      jobs.delete(job.id);
      Module.ccall('trinity_job_end', null, ['number'], [job.id]);
      job.resolve();
    }
  }

  // Gives idle workers the next chunk ranges of the oldest jobs first,
  // never running more than WINDOW_CHUNKS ahead of what the app has.
  function schedule() {
    for (const job of jobs.values()) {
      finishIfDone(job);
      if (job.finished || job.cancelled) continue;
      while (job.nextChunk < job.chunks && job.nextChunk - job.delivered < WINDOW_CHUNKS) {
        const w = workers.idle(TASKS_PER_WORKER);
        if (!w) return;
        const count = Math.min(CHUNKS_PER_TASK, job.chunks - job.nextChunk);
        w.worker.postMessage({ type: 'evtx', job: job.id, file: job.file, evidence: job.evidence,
                               first: job.nextChunk, count, codepage: job.codepage });
        w.inflight++;
        job.inflight++;
        job.nextChunk += count;
      }
    }
  }

  window.trinity.onWorkerMessage('evtx-done', (msg, w) => {
    w.inflight--;
    const job = jobs.get(msg.job);
    if (job) {
      job.inflight--;
      // A cancelled task returns fewer batches; the missing chunks are never
      // delivered, and the job ends as cancelled.
      msg.batches.forEach((bytes, i) => job.pending.set(msg.first + i, bytes));
      deliver(job);
    }
    schedule();
  });

  window.trinity.onFrame(schedule);

  // Parses an EVTX file on the workers. Resolves when every chunk has been
  // delivered, or the analyst cancelled and the workers stopped.
  async function parseEvtx(id, file) {
    const header = new Uint8Array(await file.slice(0, EVTX_HEADER_BYTES).arrayBuffer());
    const jobId = heapCall(header, (p, n) => Module.ccall('trinity_evtx_begin', 'number',
                                                          ['number', 'number', 'number', 'number'], [id, p, n, file.size]));
    if (!jobId) return;
    await new Promise((resolve) => {
      const job = {
        id: jobId, evidence: id, file, chunks: chunkCount(file.size),
        codepage: Module.ccall('trinity_ansi_codepage', 'number', [], []),
        nextChunk: 0, delivered: 0, inflight: 0, pending: new Map(),
        cancelled: false, finished: false, resolve,
      };
      jobs.set(job.id, job);
      schedule();
      finishIfDone(job);
    });
  }

  window.trinity.onEvidence((id, file, format) => (format === 'evtx' ? parseEvtx(id, file) : null));

  // [SECTION] one record again, for the detail pane
  function answer(evidence, offset, json) {
    Module.ccall('trinity_event_detail', null, ['number', 'number', 'string'], [evidence, offset, json]);
  }

  window.trinity.onWorkerMessage('evtx-record', (msg) => {
    const r = requests.get(msg.request);
    requests.delete(msg.request);
    if (r) answer(r.evidence, r.offset, msg.json);
  });

  window.trinityShell.requestEvent = (evidence, offset) => {
    const file = files.get(evidence);
    const w = workers.idle(Infinity);
    if (!file || !w) { answer(evidence, offset, 'null'); return; }
    const request = nextRequest++;
    requests.set(request, { evidence, offset });
    w.worker.postMessage({ type: 'evtx-record', request, file, evidence, offset,
                           codepage: Module.ccall('trinity_ansi_codepage', 'number', [], []) });
  };

  // [SECTION] test hook
  const jobOf = (id) => JSON.parse(Module.ccall('trinity_evtx_job_json', 'string', ['number'], [id]));
  Object.assign(window.trinity.test, {
    evtxJob: jobOf,
    cancelEvtx: (id) => { const j = jobOf(id); if (j) Module.ccall('trinity_job_cancel', null, ['number'], [j.id]); },
    eventCount: () => Module.ccall('trinity_event_count', 'number', [], []),
    eventsView: (start, count) => JSON.parse(Module.ccall('trinity_events_view_json', 'string', ['number', 'number'], [start, count])),
    eventsViewSize: () => Module.ccall('trinity_events_view_size', 'number', [], []),
    selectEvent: (i) => Module.ccall('trinity_select_event', null, ['number'], [i]),
    eventDetail: () => JSON.parse(Module.ccall('trinity_event_detail_json', 'string', [], [])),
    setEventFilter: (text) => Module.ccall('trinity_set_event_filter', null, ['string'], [text]),
    setAnsiCodepage: (cp) => Module.ccall('trinity_set_ansi_codepage', null, ['number'], [cp]),
  });
})();
