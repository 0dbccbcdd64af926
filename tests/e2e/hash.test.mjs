// Browser end-to-end for hashing: real files dropped on the app are hashed
// once, streaming, by the hashing worker; their digests (through the test
// hook) must equal Node's crypto (and Debian's ssdeep, when installed) on the
// same bytes. A 96 MiB file hashes with a progress bar and without entering
// the engine's wasm memory whole; hashing can be cancelled; copy buttons
// reach the system clipboard. Screenshots land in --out.
//
//   node tests/e2e/hash.test.mjs --proxy build/native-release/server-proxy/trinity-proxy \
//        --app build/wasm-release/dist --samples assets/samples --out build/native-release/e2e
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, after, before } from 'node:test';
import { dropFiles, launchBrowser, startProxy, testArgs, waitForEvidence } from './browser.mjs';

const args = testArgs();
const SSDEEP = '/usr/bin/ssdeep';

// What Node and the ssdeep tool say about `bytes` (a Buffer, or parts).
function expected(parts, name) {
  const list = Array.isArray(parts) ? parts : [parts];
  const out = { size: list.reduce((n, p) => n + p.length, 0) };
  for (const [key, algo] of [['md5', 'md5'], ['sha1', 'sha1'], ['sha256', 'sha256'], ['sha512', 'sha512']]) {
    const h = createHash(algo);
    for (const p of list) h.update(p);
    out[key] = h.digest('hex');
  }
  if (existsSync(SSDEEP)) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trinity-e2e-hash-'));
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.concat(list));
    out.ssdeep = execFileSync(SSDEEP, ['-s', '-b', file], { encoding: 'utf8' }).split('\n')[1].replace(/,"[^"]*"$/, '');
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

let proxy, browser, page;
const pageErrors = [];

before(async () => {
  proxy = await startProxy(args.proxy, args.app);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: proxy.url });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  await page.goto(proxy.url);
  await page.waitForFunction(() => window.trinityTest && window.trinityTest.ready(), null, { timeout: 30000 });
});

after(async () => {
  if (page && process.exitCode) await page.screenshot({ path: path.join(args.out, 'hash-failure.png') }).catch(() => {});
  await browser?.close();
  await proxy?.stop();
});

async function idOf(name) {
  return page.waitForFunction((n) => {
    const e = window.trinityTest.evidence().find((x) => x.name === n);
    return e ? e.id : null;
  }, name, { timeout: 60000 }).then((h) => h.jsonValue());
}

test('dropped files are hashed once with the digests Node computes for the same bytes', async () => {
  const names = ['run-keys.reg', 'edr-alerts.jsonl', 'tasklist-v.txt'];
  const files = names.map((n) => ({ name: n, base64: readFileSync(path.join(args.samples, n)).toString('base64') }));
  const evtx = args.corpus && path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'security.evtx');
  if (evtx && existsSync(evtx)) {
    names.push('security.evtx');
    files.push({ name: 'security.evtx', base64: readFileSync(evtx).toString('base64') });
  }
  await dropFiles(page, files);
  await waitForEvidence(page, names.length);
  await page.evaluate(() => window.trinityTest.hashesSettled());
  for (const name of names) {
    const id = await idOf(name);
    const h = await page.evaluate((x) => window.trinityTest.hashes(x), id);
    const source = name === 'security.evtx' ? evtx : path.join(args.samples, name);
    const want = expected(readFileSync(source), name);
    assert.equal(h.state, 'done', name);
    for (const key of Object.keys(want)) assert.equal(h.digests[key], want[key], `${name} ${key}`);
    const listed = (await page.evaluate(() => window.trinityTest.evidence())).find((e) => e.id === id);
    assert.equal(listed.sha256, want.sha256, 'the evidence list carries the SHA-256');
  }
  await page.evaluate((x) => window.trinityTest.selectEvidence(x), await idOf('run-keys.reg'));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(args.out, 'hash-digests.png') });
});

// 96 MiB of one repeated 1 MiB block (browser.mjs): hashed by 4 MiB slices,
// so the hashing engine's memory stays far below the file.
test('a 96 MiB file hashes with progress, streaming, never whole in wasm memory', async () => {
  await dropFiles(page, [{ name: 'auth-96m.log', repeatMiB: 96 }]);
  const id = await idOf('auth-96m.log');
  // Progress: seen part way at least once (messages come a few times a second).
  const partial = await page.waitForFunction((x) => {
    const h = window.trinityTest.hashes(x);
    return h.state === 'done' || (h.done > 0 && h.done < h.total) ? h : null;
  }, id, { timeout: 60000, polling: 20 }).then((hd) => hd.jsonValue());
  await page.evaluate(() => window.trinityTest.hashesSettled());
  const h = await page.evaluate((x) => window.trinityTest.hashes(x), id);
  assert.equal(h.state, 'done');
  assert.equal(partial.state, 'running', 'progress was reported before the end');
  // The same bytes as browser.mjs builds: one 1 MiB block of log lines, 96 times.
  const block = Buffer.alloc(1024 * 1024);
  const line = Buffer.from('2026-11-22T08:00:00Z host sshd[42]: Accepted publickey for analyst\n');
  for (let i = 0; i + line.length <= block.length; i += line.length) line.copy(block, i);
  const want = expected(new Array(96).fill(block), 'auth-96m.log');
  for (const key of Object.keys(want)) assert.equal(h.digests[key], want[key], key);
  const heap = await page.evaluate(() => window.trinityTest.hashWorkerHeap());
  assert.ok(heap > 0 && heap < 48 * 2 ** 20, `hashing engine's wasm memory is ${heap} bytes for a 96 MiB file`);
});

test('hashing a large file can be cancelled', async () => {
  await dropFiles(page, [{ name: 'cancel-me.log', repeatMiB: 200 }]);
  const id = await idOf('cancel-me.log');
  await page.waitForFunction((x) => window.trinityTest.hashes(x).done > 0, id, { timeout: 60000, polling: 20 });
  await page.evaluate((x) => window.trinityTest.selectEvidence(x), id);
  await page.waitForTimeout(1000);  // a frame or two at software-rendering speed
  await page.screenshot({ path: path.join(args.out, 'hash-progress.png') });
  await page.evaluate((x) => window.trinityTest.cancelHash(x), id);
  await page.evaluate(() => window.trinityTest.hashesSettled());
  const h = await page.evaluate((x) => window.trinityTest.hashes(x), id);
  assert.equal(h.state, 'cancelled');
  assert.ok(h.done < h.total, `stopped after ${h.done} of ${h.total} bytes`);
  assert.equal(h.digests, null);
});

// The pool has a worker per core: while a log parses, hashing waits, so it
// does not slow parsing down; afterwards the log is hashed like any file.
test('hashing pauses while an EVTX file parses, then hashes it', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const bytes = readFileSync(path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'security.evtx'));
  await dropFiles(page, [{ name: 'security-x20.evtx', base64: bytes.toString('base64'), repeatChunks: 20 }]);
  const id = await idOf('security-x20.evtx');
  await page.waitForFunction((x) => {
    const j = window.trinityTest.evtxJob(x);
    return j && j.state === 'running' && j.done > 0;
  }, id, { timeout: 60000, polling: 20 });
  assert.equal(await page.evaluate(() => window.trinityTest.hashPaused()), true, 'hashing waits while parsing');
  await page.evaluate(() => window.trinityTest.settled());
  await page.evaluate(() => window.trinityTest.hashesSettled());
  const h = await page.evaluate((x) => window.trinityTest.hashes(x), id);
  assert.equal(h.state, 'done');
  // The same bytes as browser.mjs builds: the header, then the chunks 20 times.
  const chunks = bytes.subarray(4096, 4096 + Math.floor((bytes.length - 4096) / 65536) * 65536);
  const want = expected([bytes.subarray(0, 4096), ...new Array(20).fill(chunks)], 'security-x20.evtx');
  for (const key of Object.keys(want)) assert.equal(h.digests[key], want[key], key);
});

test('copying goes to the system clipboard', async () => {
  await page.evaluate(() => window.trinityShell.copyText('d41d8cd98f00b204e9800998ecf8427e'));
  assert.equal(await page.evaluate(() => window.trinityTest.lastCopied()), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('no errors in the page', () => {
  assert.deepEqual(pageErrors, []);
});
