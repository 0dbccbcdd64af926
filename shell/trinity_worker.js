// Trinity's engine worker: one instance of the engine (trinity_engine.wasm)
// per Web Worker. The page sends it File objects and ranges of work; the
// worker reads the slices itself, parses them, and posts results back as
// bytes (transferred, not copied). The UI thread never parses.
//
// Messages in:
//   {type: 'evtx', job, file, evidence, first, count, codepage}
//       parse EVTX chunks [first, first + count) of `file`
//   {type: 'evtx-record', request, file, evidence, offset, codepage}
//       read the whole record at `offset` again (for the detail pane)
//   {type: 'cancel', job}
// Messages out:
//   {type: 'ready'}
//   {type: 'task-done', job, first, count, batches}
//       one message per task: `batches` holds the chunks' results in order
//       (fewer than `count` if cancelled), transferred. Few large messages,
//       because the UI thread handles about one message per frame when
//       drawing is slow (software WebGL), however small the message.
//   {type: 'record', request, json}
//   {type: 'error', job, request, message}
'use strict';

importScripts('trinity_engine.js');

const EVTX_HEADER_BYTES = 4096;  // evtx::kFileHeaderSize
const EVTX_CHUNK_BYTES = 65536;  // evtx::kChunkSize

let engine = null;
let buffer = 0;  // one chunk's room in the engine's memory, reused
const cancelled = new Set();
const queue = [];
let busy = false;

createTrinityEngine().then((m) => {
  engine = m;
  buffer = engine._malloc(EVTX_CHUNK_BYTES);
  postMessage({ type: 'ready' });
  pump();
});

// Copies `bytes` into the engine, calls `fn(pointer, length)` and returns
// the engine's result buffer as a fresh ArrayBuffer.
function call(bytes, fn) {
  engine.HEAPU8.set(bytes, buffer);
  const at = fn(buffer, bytes.length);
  const size = engine._trinity_engine_result_size();
  return engine.HEAPU8.slice(at, at + size).buffer;
}

function chunkOffset(index) { return EVTX_HEADER_BYTES + index * EVTX_CHUNK_BYTES; }

async function evtxTask(msg) {
  const { job, file, evidence, first, count, codepage } = msg;
  const batches = [];
  for (let index = first; index < first + count; index++) {
    if (cancelled.has(job)) break;
    const off = chunkOffset(index);
    const bytes = new Uint8Array(await file.slice(off, off + EVTX_CHUNK_BYTES).arrayBuffer());
    batches.push(call(bytes, (p, n) => engine._trinity_engine_evtx_chunk(p, n, index, evidence, codepage)));
  }
  postMessage({ type: 'task-done', job, first, count, batches }, batches);
}

async function recordTask(msg) {
  const { request, file, evidence, offset, codepage } = msg;
  const index = Math.floor((offset - EVTX_HEADER_BYTES) / EVTX_CHUNK_BYTES);
  const off = chunkOffset(index);
  const bytes = new Uint8Array(await file.slice(off, off + EVTX_CHUNK_BYTES).arrayBuffer());
  const out = call(bytes, (p, n) => engine._trinity_engine_evtx_record(p, n, index, evidence, codepage, offset));
  postMessage({ type: 'record', request, json: new TextDecoder().decode(out) });
}

// One task at a time, in arrival order; awaiting each slice keeps the
// worker answering 'cancel' between chunks.
async function pump() {
  if (busy || !engine) return;
  busy = true;
  while (queue.length) {
    const msg = queue.shift();
    try {
      if (msg.type === 'evtx') await evtxTask(msg);
      else if (msg.type === 'evtx-record') await recordTask(msg);
    } catch (err) {
      postMessage({ type: 'error', job: msg.job, request: msg.request, message: String(err && err.message || err) });
      if (msg.type === 'evtx') postMessage({ type: 'task-done', job: msg.job, first: msg.first, count: msg.count, batches: [] });
    }
  }
  busy = false;
}

onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.job);
    return;
  }
  queue.push(msg);
  pump();
};
