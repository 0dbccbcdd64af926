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
  const DRAG_IDLE_MS = 150;           // no dragover for this long: the drag left

  const status = document.getElementById('status');
  const overlay = document.getElementById('drop-overlay');
  const picker = document.getElementById('file-input');
  const canvas = document.getElementById('canvas');

  const files = new Map(); // evidence id -> File, kept for later streaming reads
  let runtimeReady = false;
  let queue = Promise.resolve(); // files are added one after another, in drop order
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
    if (id) files.set(id, file);
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
    settled: () => queue.then(() => true),
    heapBytes: () => Module.ccall('trinity_heap_bytes', 'number', [], []),
    keptFiles: () => files.size,
  };
})();
