// Trinity's page glue: the drop zone, the file picker, and the hand-off of
// files to the wasm app.
//
// Dropped files never go whole into wasm memory. The page keeps each File
// object and hands the app only its name, size and first bytes (enough to
// sniff the format); engines that need more read it later by slices. This is
// why the page, not Emscripten's GLFW, handles `drop`: GLFW would copy every
// dropped file whole into MEMFS.
'use strict';

(function () {
  const SNIFF_HEAD_BYTES = 64 * 1024; // artifact::kSniffHeadBytes
  const EVTX_HEADER_BYTES = 4096;     // evtx::kFileHeaderSize
  const EVTX_CHUNK_BYTES = 65536;     // evtx::kChunkSize
  const DRAG_IDLE_MS = 150;           // no dragover for this long: the drag left

  const status = document.getElementById('status');
  const overlay = document.getElementById('drop-overlay');
  const picker = document.getElementById('file-input');
  const canvas = document.getElementById('canvas');

  const files = new Map(); // evidence id -> File, kept for later streaming reads
  let runtimeReady = false;
  let queue = Promise.resolve(); // files are added one after another, in drop order
  const streams = new Set();     // EVTX files being read
  const waiting = [];            // files dropped before the runtime started
  let lastDragOver = 0;

  function showStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
    status.hidden = !text;
  }

  async function addFile(file) {
    let head;
    try {
      head = new Uint8Array(await file.slice(0, SNIFF_HEAD_BYTES).arrayBuffer());
    } catch (err) {
      // Folders and files that vanished or lost permission land here.
      const reason = (err && err.name === 'NotFoundError')
        ? 'the browser could not read it (a folder, or a file that moved)'
        : 'the browser could not read it: ' + (err && err.message ? err.message : String(err));
      Module.ccall('trinity_add_unreadable', 'number', ['string', 'number', 'string'],
                   [file.name, file.size, reason]);
      return;
    }
    // 'array' copies the head onto the wasm stack for the duration of the call.
    const id = Module.ccall('trinity_add_file', 'number', ['string', 'number', 'array', 'number'],
                            [file.name, file.size, head, head.length]);
    if (!id) return;
    files.set(id, file);
    if (Module.ccall('trinity_evidence_format', 'string', ['number'], [id]) === 'evtx') {
      const stream = parseEvtx(id, file).catch((err) => console.error('trinity:', err));
      streams.add(stream);
      stream.finally(() => streams.delete(stream));
    }
  }

  // [SECTION] engine workers
  // A pool of Web Workers, each running its own engine instance
  // (trinity_worker.js): EVTX chunks parse in parallel off the UI thread.
  const WORKER_COUNT = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
  const CHUNKS_PER_TASK = 32;     // chunks a worker reads per task (2 MiB), answered in one message
  const TASKS_PER_WORKER = 2;     // tasks queued per worker at once
  const WINDOW_CHUNKS = 1024;     // how far parsing may run ahead of delivery (64 MiB)

  const workers = [];             // {worker, ready, inflight}
  const jobs = new Map();         // job id -> EVTX job state
  const requests = new Map();     // detail request id -> {evidence, offset}
  let nextJob = 1, nextRequest = 1;

  function startWorkers() {
    for (let i = 0; i < WORKER_COUNT; i++) {
      const w = { worker: new Worker('trinity_worker.js'), ready: false, inflight: 0 };
      w.worker.onmessage = (e) => onWorkerMessage(w, e.data);
      w.worker.onerror = (e) => console.error('trinity: engine worker failed:', e.message);
      workers.push(w);
    }
  }

  function onWorkerMessage(w, msg) {
    switch (msg.type) {
      case 'ready': w.ready = true; schedule(); break;
      case 'task-done': {
        w.inflight--;
        const job = jobs.get(msg.job);
        if (job) {
          job.inflight--;
          // A cancelled task returns fewer batches; the missing chunks are
          // never delivered, and the job ends as cancelled.
          msg.batches.forEach((bytes, i) => job.pending.set(msg.first + i, bytes));
          deliver(job);
        }
        schedule();
        break;
      }
      case 'record': {
        const r = requests.get(msg.request);
        requests.delete(msg.request);
        if (r) {
          Module.ccall('trinity_event_detail', null, ['number', 'number', 'string'], [r.evidence, r.offset, msg.json]);
        }
        break;
      }
      case 'error':
        console.error('trinity: engine worker:', msg.message);
        if (msg.request && requests.has(msg.request)) {
          const r = requests.get(msg.request);
          requests.delete(msg.request);
          Module.ccall('trinity_event_detail', null, ['number', 'number', 'string'], [r.evidence, r.offset, 'null']);
        }
        break;
    }
  }

  // Copies bytes into the app's memory for one call.
  function withHeapCopy(bytes, fn) {
    const p = Module._malloc(bytes.length || 1);
    try {
      Module.HEAPU8.set(bytes, p);
      return fn(p, bytes.length);
    } finally {
      Module._free(p);
    }
  }

  function chunkCount(size) {
    return size < EVTX_HEADER_BYTES + 512 ? 0 : Math.floor((size - EVTX_HEADER_BYTES - 512) / EVTX_CHUNK_BYTES) + 1;
  }

  function isCancelled(job) {
    return Module.ccall('trinity_evtx_cancelled', 'number', ['number'], [job.evidence]) !== 0;
  }

  // Hands batches to the app in chunk order, whatever order workers finish in.
  function deliver(job) {
    while (job.pending.has(job.delivered)) {
      const bytes = new Uint8Array(job.pending.get(job.delivered));
      job.pending.delete(job.delivered);
      job.delivered++;
      if (!job.cancelled) {
        withHeapCopy(bytes, (p, n) => Module.ccall('trinity_evtx_batch', null, ['number', 'number', 'number'],
                                                   [job.evidence, p, n]));
      }
    }
    finishIfDone(job);
    schedule();
  }

  function finishIfDone(job) {
    if (job.finished) return;
    if (!job.cancelled && isCancelled(job)) {
      job.cancelled = true;
      for (const w of workers) w.worker.postMessage({ type: 'cancel', job: job.id });
    }
    const allDelivered = job.delivered >= job.chunks;
    if ((allDelivered || job.cancelled) && job.inflight === 0) {
      job.finished = true;
      jobs.delete(job.id);
      Module.ccall('trinity_evtx_end', null, ['number'], [job.evidence]);
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
        const w = workers.filter((x) => x.ready && x.inflight < TASKS_PER_WORKER)
                         .sort((a, b) => a.inflight - b.inflight)[0];
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

  // Parses an EVTX file on the workers. Resolves when every chunk has been
  // delivered or the analyst cancelled and the workers stopped.
  async function parseEvtx(id, file) {
    const header = new Uint8Array(await file.slice(0, EVTX_HEADER_BYTES).arrayBuffer());
    const ok = withHeapCopy(header, (p, n) =>
      Module.ccall('trinity_evtx_begin', 'number', ['number', 'number', 'number', 'number'], [id, p, n, file.size]));
    if (!ok) return;
    await new Promise((resolve) => {
      const job = {
        id: nextJob++, evidence: id, file, chunks: chunkCount(file.size),
        codepage: Module.ccall('trinity_ansi_codepage', 'number', [], []),
        nextChunk: 0, delivered: 0, inflight: 0, pending: new Map(),
        cancelled: false, finished: false, resolve,
      };
      jobs.set(job.id, job);
      schedule();
      finishIfDone(job);
    });
  }

  // Cancel is decided in the app (a button); jobs notice it here, between
  // frames, even when no batch arrives.
  function watchCancels() {
    for (const job of jobs.values()) finishIfDone(job);
    requestAnimationFrame(watchCancels);
  }

  function requestEvent(evidence, offset) {
    const file = files.get(evidence);
    const w = workers.find((x) => x.ready);
    if (!file || !w) {
      Module.ccall('trinity_event_detail', null, ['number', 'number', 'string'], [evidence, offset, 'null']);
      return;
    }
    const request = nextRequest++;
    requests.set(request, { evidence, offset });
    w.worker.postMessage({ type: 'evtx-record', request, file, evidence, offset,
                           codepage: Module.ccall('trinity_ansi_codepage', 'number', [], []) });
  }

  function addFiles(list) {
    for (const file of Array.from(list)) {
      if (!runtimeReady) { waiting.push(file); continue; }
      queue = queue.then(() => addFile(file)).catch((err) => console.error('trinity:', err));
    }
    return queue;
  }

  function openFilePicker() {
    picker.value = '';
    picker.click();
  }

  // [SECTION] drag and drop over the whole page
  window.addEventListener('dragover', (e) => {
    if (!e.dataTransfer || !Array.from(e.dataTransfer.types || []).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    lastDragOver = performance.now();
    overlay.hidden = false;
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    lastDragOver = 0;
    overlay.hidden = true;
    if (e.dataTransfer && e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  });
  function watchDrag() {
    if (!overlay.hidden && performance.now() - lastDragOver > DRAG_IDLE_MS) overlay.hidden = true;
    requestAnimationFrame(watchDrag);
  }
  requestAnimationFrame(watchDrag);

  picker.addEventListener('change', () => {
    if (picker.files && picker.files.length) addFiles(picker.files);
  });
  window.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
      e.preventDefault();
      openFilePicker();
    }
  }, true);
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  window.trinityShell = {
    openFilePicker,
    addFiles,
    requestEvent,
    isDragOver: () => !overlay.hidden,
  };

  // [SECTION] the Emscripten module
  showStatus('Loading Trinity…');

  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onRuntimeInitialized() {
      runtimeReady = true;
      startWorkers();
      requestAnimationFrame(watchCancels);
      showStatus('');
      addFiles(waiting.splice(0));
    },
    onAbort(what) {
      showStatus('Trinity stopped: ' + what + '. Reload the page; the browser console has details.', true);
    },
  };

  // [SECTION] test hook: what browser tests assert on
  window.trinityTest = {
    ready: () => runtimeReady && Module.ccall('trinity_frame_count', 'number', [], []) >= 2,
    evidence: () => JSON.parse(Module.ccall('trinity_evidence_json', 'string', [], [])),
    settled: () => queue.then(() => Promise.all([...streams])).then(() => true),
    eventCount: () => Module.ccall('trinity_event_count', 'number', [], []),
    evtxJob: (id) => JSON.parse(Module.ccall('trinity_evtx_job_json', 'string', ['number'], [id])),
    cancelEvtx: (id) => Module.ccall('trinity_evtx_cancel', null, ['number'], [id]),
    heapBytes: () => Module.ccall('trinity_heap_bytes', 'number', [], []),
    keptFiles: () => files.size,
    workerCount: () => workers.filter((w) => w.ready).length,
    eventsView: (start, count) => JSON.parse(Module.ccall('trinity_events_view_json', 'string', ['number', 'number'], [start, count])),
    eventsViewSize: () => Module.ccall('trinity_events_view_size', 'number', [], []),
    selectEvent: (i) => Module.ccall('trinity_select_event', null, ['number'], [i]),
    eventDetail: () => JSON.parse(Module.ccall('trinity_event_detail_json', 'string', [], [])),
    setEventFilter: (text) => Module.ccall('trinity_set_event_filter', null, ['string'], [text]),
    setAnsiCodepage: (cp) => Module.ccall('trinity_set_ansi_codepage', null, ['number'], [cp]),
  };
})();
