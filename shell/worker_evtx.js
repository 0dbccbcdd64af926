// EVTX tasks of the engine worker (see trinity_worker.js).
//   {type: 'evtx', job, file, evidence, first, count, codepage}
//       parses chunks [first, first + count); replies
//       {type: 'evtx-done', job, first, count, batches} with one batch of
//       timeline rows per chunk, in order (fewer if cancelled)
//   {type: 'evtx-record', request, file, evidence, offset, codepage}
//       reads the whole record at `offset` again; replies
//       {type: 'evtx-record', request, json}
'use strict';

const EVTX_HEADER_BYTES = 4096;  // evtx::kFileHeaderSize
const EVTX_CHUNK_BYTES = 65536;  // evtx::kChunkSize

function evtxChunkOffset(index) { return EVTX_HEADER_BYTES + index * EVTX_CHUNK_BYTES; }

async function readEvtxChunk(file, index) {
  const off = evtxChunkOffset(index);
  return new Uint8Array(await file.slice(off, off + EVTX_CHUNK_BYTES).arrayBuffer());
}

tasks.evtx = async (msg) => {
  const { job, file, evidence, first, count, codepage } = msg;
  const batches = [];
  for (let index = first; index < first + count; index++) {
    if (cancelled.has(job)) break;
    const bytes = await readEvtxChunk(file, index);
    batches.push(engineCall(bytes, (p, n) => engine._trinity_engine_evtx_chunk(p, n, index, evidence, codepage)));
  }
  postMessage({ type: 'evtx-done', job, first, count, batches }, batches);
};
tasks.evtx.onError = (msg) => postMessage({ type: 'evtx-done', job: msg.job, first: msg.first, count: msg.count, batches: [] });

tasks['evtx-record'] = async (msg) => {
  const { request, file, evidence, offset, codepage } = msg;
  const index = Math.floor((offset - EVTX_HEADER_BYTES) / EVTX_CHUNK_BYTES);
  const bytes = await readEvtxChunk(file, index);
  const out = engineCall(bytes, (p, n) => engine._trinity_engine_evtx_record(p, n, index, evidence, codepage, offset));
  postMessage({ type: 'evtx-record', request, json: new TextDecoder().decode(out) });
};
tasks['evtx-record'].onError = (msg) => postMessage({ type: 'evtx-record', request: msg.request, json: 'null' });
