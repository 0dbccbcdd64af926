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
      const stream = streamEvtx(id, file).catch((err) => console.error('trinity:', err));
      streams.add(stream);
      stream.finally(() => streams.delete(stream));
    }
  }

  // Reads an EVTX file by 64 KiB slices and hands each chunk to the app,
  // which turns its records into events at once. Only one chunk is in
  // memory at a time; awaiting each slice lets the page draw between
  // chunks, so the progress bar moves and Cancel works.
  async function streamEvtx(id, file) {
    const header = new Uint8Array(await file.slice(0, EVTX_HEADER_BYTES).arrayBuffer());
    if (!Module.ccall('trinity_evtx_begin', 'number', ['number', 'array', 'number', 'number'],
                      [id, header, header.length, file.size])) return;
    try {
      for (let index = 0, off = EVTX_HEADER_BYTES; off + 512 <= file.size; index++, off += EVTX_CHUNK_BYTES) {
        if (Module.ccall('trinity_evtx_cancelled', 'number', ['number'], [id])) break;
        const chunk = new Uint8Array(await file.slice(off, off + EVTX_CHUNK_BYTES).arrayBuffer());
        Module.ccall('trinity_evtx_chunk', null, ['number', 'number', 'array', 'number'],
                     [id, index, chunk, chunk.length]);
      }
    } finally {
      Module.ccall('trinity_evtx_end', null, ['number'], [id]);
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
  };
})();
