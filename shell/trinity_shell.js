// Trinity's page glue: the drop zone, the file picker, the hand-off of files
// to the wasm app, and the pool of engine workers that feature scripts
// (evtx_jobs.js, ...) use.
//
// Dropped files never go whole into wasm memory. The page keeps each File
// object and hands the app only its name, size and first bytes (enough to
// sniff the format); engines that need more read it later by slices, in
// workers. This is why the page, not Emscripten's GLFW, handles `drop`:
// GLFW would copy every dropped file whole into MEMFS.
//
// Feature scripts extend `window.trinity`:
//   trinity.onEvidence(fn)        fn(id, file, format) for each added file;
//                                 may return a promise (tests wait for it)
//   trinity.onClaim(fn)           fn(file, head) before a file becomes evidence:
//                                 a truthy return (a promise) takes the file
//                                 (Sigma rule files)
//   trinity.onWorkerMessage(type, fn)   fn(msg, worker) for worker replies
//   trinity.workers               the pool (see below)
//   trinity.heapCall(bytes, fn)   copies bytes into the app for one call
//   trinity.test                  methods added to window.trinityTest
'use strict';

(function () {
  const SNIFF_HEAD_BYTES = 64 * 1024; // artifact::kSniffHeadBytes
  const DRAG_IDLE_MS = 150;           // no dragover for this long: the drag left

  const status = document.getElementById('status');
  const overlay = document.getElementById('drop-overlay');
  const picker = document.getElementById('file-input');
  const canvas = document.getElementById('canvas');

  const files = new Map(); // evidence id -> File, kept for later streaming reads
  let runtimeReady = false;
  let queue = Promise.resolve(); // files are added one after another, in drop order
  const pending = new Set();     // work started on added files (parsing, hashing)
  const waiting = [];            // files dropped before the runtime started
  const evidenceHandlers = [];
  const claimHandlers = [];
  const messageHandlers = new Map();
  const frameHandlers = [];
  let lastDragOver = 0;

  function showStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
    status.hidden = !text;
  }

  // Copies `bytes` into the app's memory for one call of `fn(pointer, length)`.
  function heapCall(bytes, fn) {
    const p = Module._malloc(bytes.length || 1);
    try {
      Module.HEAPU8.set(bytes, p);
      return fn(p, bytes.length);
    } finally {
      Module._free(p);
    }
  }

  function track(promise) {
    const p = Promise.resolve(promise).catch((err) => console.error('trinity:', err));
    pending.add(p);
    p.finally(() => pending.delete(p));
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
    // A browser whose blob storage is exhausted can hand back fewer bytes
    // than the file holds without raising an error: say so rather than sniff
    // an empty head as "binary".
    const expected = Math.min(file.size, SNIFF_HEAD_BYTES);
    if (head.length < expected) {
      Module.ccall('trinity_add_unreadable', 'number', ['string', 'number', 'string'],
                   [file.name, file.size, `the browser returned ${head.length} of the first ${expected} bytes (its file storage may be full)`]);
      return;
    }
    for (const claim of claimHandlers) {
      const taken = claim(file, head);
      if (taken) { track(taken); return; }
    }
    const id = heapCall(head, (p, n) => Module.ccall('trinity_add_file', 'number',
                                                     ['string', 'number', 'number', 'number'],
                                                     [file.name, file.size, p, n]));
    if (!id) return;
    files.set(id, file);
    const format = Module.ccall('trinity_evidence_format', 'string', ['number'], [id]);
    for (const handler of evidenceHandlers) {
      const work = handler(id, file, format);
      if (work) track(work);
    }
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

  // [SECTION] engine workers
  // A pool of Web Workers, each running its own engine instance
  // (trinity_worker.js): parsing runs in parallel, off the UI thread.
  const workers = {
    size: Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2)),
    list: [],  // {worker, ready, inflight}
    // Cancelled jobs, for tasks that cannot see a 'cancel' message while
    // the engine runs (worker_iocs.js); needs cross-origin isolation.
    cancelBoard: self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4 * 256)) : null,
    start() {
      for (let i = 0; i < this.size; i++) {
        const w = { worker: new Worker('trinity_worker.js'), ready: false, inflight: 0 };
        w.worker.postMessage({ type: 'init', cancelBoard: this.cancelBoard ? this.cancelBoard.buffer : null });
        w.worker.onmessage = (e) => {
          if (e.data.type === 'ready') { w.ready = true; runFrameHandlers(); return; }
          const handler = messageHandlers.get(e.data.type);
          if (handler) handler(e.data, w);
          else if (e.data.type === 'error') console.error('trinity: engine worker:', e.data.message);
        };
        w.worker.onerror = (e) => console.error('trinity: engine worker failed:', e.message);
        this.list.push(w);
      }
    },
    ready() { return this.list.filter((w) => w.ready); },
    // The ready worker with the least work queued, if it has room for more.
    idle(maxInflight) {
      return this.ready().filter((w) => w.inflight < maxInflight).sort((a, b) => a.inflight - b.inflight)[0];
    },
    broadcast(msg) { for (const w of this.list) w.worker.postMessage(msg); },
    cancel(job) {
      if (this.cancelBoard) Atomics.store(this.cancelBoard, job % this.cancelBoard.length, job);
      this.broadcast({ type: 'cancel', job });
    },
  };

  // Feature scripts schedule work here too: called every frame and whenever
  // a worker becomes ready.
  function runFrameHandlers() { for (const fn of frameHandlers) fn(); }
  function onFrame() {
    runFrameHandlers();
    requestAnimationFrame(onFrame);
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

  // [SECTION] what the app and feature scripts use
  const test = {
    ready: () => runtimeReady && Module.ccall('trinity_frame_count', 'number', [], []) >= 2,
    evidence: () => JSON.parse(Module.ccall('trinity_evidence_json', 'string', [], [])),
    settled: async () => {
      await queue;
      while (pending.size) await Promise.all([...pending]);
      return true;
    },
    heapBytes: () => Module.ccall('trinity_heap_bytes', 'number', [], []),
    keptFiles: () => files.size,
    workerCount: () => workers.ready().length,
    lastCopied: () => lastCopied,
    // Work started outside a drop (rescans, picked rules) that settled() waits for.
    settleWith: (work) => { if (work) track(work); },
  };
  window.trinityTest = test;

  window.trinity = {
    files,
    workers,
    heapCall,
    onEvidence: (fn) => evidenceHandlers.push(fn),
    onClaim: (fn) => claimHandlers.push(fn),
    onWorkerMessage: (type, fn) => messageHandlers.set(type, fn),
    onFrame: (fn) => frameHandlers.push(fn),
    test,
  };

  // The last text a copy button put on the clipboard, for the tests (a
  // headless browser may refuse clipboard access).
  let lastCopied = null;
  function copyText(text) {
    lastCopied = text;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch((err) => console.info('trinity: clipboard refused:', err.message));
    }
  }

  window.trinityShell = {
    copyText,
    openFilePicker,
    addFiles,
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
      workers.start();
      requestAnimationFrame(onFrame);
      showStatus('');
      addFiles(waiting.splice(0));
    },
    onAbort(what) {
      showStatus('Trinity stopped: ' + what + '. Reload the page; the browser console has details.', true);
    },
  };
})();
