// Functions the engine worker's wasm module calls in its worker
// (web/engine/worker_file_source.cpp). The worker script fills
// `self.trinityEngineFiles` (slot → {file, job, progress}) before a task runs
// and empties it after.
mergeInto(LibraryManager.library, {
  trinity_engine_read_file: function (slot, offset, out, size) {
    const entry = self.trinityEngineFiles && self.trinityEngineFiles[slot];
    if (!entry) return -2;
    if (entry.cancelled && entry.cancelled()) return -1;
    try {
      const bytes = new Uint8Array(new FileReaderSync().readAsArrayBuffer(entry.file.slice(offset, offset + size)));
      HEAPU8.set(bytes, out);
      if (entry.progress) entry.progress(offset + bytes.length);
      return bytes.length;
    } catch (err) {
      return -2;
    }
  },
});
