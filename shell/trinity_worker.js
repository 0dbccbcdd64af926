// Trinity's engine worker: one instance of the engine (trinity_engine.wasm)
// per Web Worker. The page sends it File objects and ranges of work; the
// worker reads the slices itself, runs the engine on them, and posts results
// back as bytes (transferred, not copied). The UI thread never parses.
//
// Feature scripts (worker_evtx.js, ...) register tasks by message type in
// `tasks`: async functions of the message. Tasks run one at a time, in
// arrival order; awaiting each slice read keeps the worker answering
// `cancel` between slices. Replies are few and large: the UI thread handles
// about one message per frame when drawing is slow (software WebGL).
//
// Messages in: {type: <task>, ...}, {type: 'cancel', job} and
// {type: 'init', cancelBoard}: a SharedArrayBuffer where the page marks
// cancelled jobs, read by tasks that run the engine for long without
// returning to this event loop (isCancelled). Feature scripts may also
// register `controls`: handlers run as soon as their message arrives, even
// while a task is running (e.g. pausing hashing).
// Messages out: {type: 'ready'}, the tasks' replies, and
// {type: 'error', job, request, message} when a task throws.
'use strict';

const tasks = {};
const controls = {};
const cancelled = new Set();
let engine = null;
let buffer = 0, bufferSize = 0;  // room in the engine's memory, reused
let cancelBoard = null;  // Int32Array over shared memory: slot job % length holds job

importScripts('trinity_engine.js', 'worker_evtx.js', 'worker_iocs.js', 'worker_hash.js', 'worker_sigma.js');

function isCancelled(job) {
  return cancelled.has(job) || (cancelBoard !== null && Atomics.load(cancelBoard, job % cancelBoard.length) === job);
}

// Copies `bytes` into the engine, calls `fn(pointer, length)` and returns the
// engine's result buffer (trinity_engine_result_size bytes) as a fresh
// ArrayBuffer.
function engineCall(bytes, fn) {
  if (bytes.length > bufferSize) {
    if (buffer) engine._free(buffer);
    bufferSize = Math.max(bytes.length, 65536);
    buffer = engine._malloc(bufferSize);
  }
  engine.HEAPU8.set(bytes, buffer);
  const at = fn(buffer, bytes.length);
  const size = engine._trinity_engine_result_size();
  return engine.HEAPU8.slice(at, at + size).buffer;
}

const queue = [];
let busy = false;

async function pump() {
  if (busy || !engine) return;
  busy = true;
  while (queue.length) {
    const msg = queue.shift();
    const task = tasks[msg.type];
    try {
      if (!task) throw new Error('no task ' + msg.type);
      await task(msg);
    } catch (err) {
      postMessage({ type: 'error', job: msg.job, request: msg.request, message: String((err && err.message) || err) });
      if (task && task.onError) task.onError(msg);
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
  if (msg.type === 'init') {
    cancelBoard = msg.cancelBoard ? new Int32Array(msg.cancelBoard) : null;
    return;
  }
  if (controls[msg.type]) {
    controls[msg.type](msg);
    return;
  }
  queue.push(msg);
  pump();
};

createTrinityEngine().then((m) => {
  engine = m;
  postMessage({ type: 'ready' });
  pump();
});
