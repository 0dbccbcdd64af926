// Browser end-to-end: trinity-proxy serves the built app, Debian's Chromium
// opens it at a HiDPI scale, and the test drops real files, picks one with
// the file picker, and drops a 256 MiB file that must never enter wasm
// memory whole. Screenshots land in --out for a person to look at.
//
//   node tests/e2e/drop_files.test.mjs --proxy build/native-release/server-proxy/trinity-proxy \
//        --app build/wasm-release/dist --out build/native-release/e2e [--corpus ../shared/corpus]
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, after, before } from 'node:test';
import { dropFiles, launchBrowser, openPage, startProxy, testArgs, waitForEvidence } from './browser.mjs';

const args = testArgs();

const realFile = (p) => ({ name: path.basename(p), base64: readFileSync(p).toString('base64') });

let proxy, browser, page;
const pageErrors = [];
const fileChoosers = []; // choosers the page opened, in order

async function nextFileChooser(timeout = 10000) {
  const end = Date.now() + timeout;
  while (!fileChoosers.length) {
    if (Date.now() > end) throw new Error('the page opened no file chooser');
    await new Promise((r) => setTimeout(r, 50));
  }
  return fileChoosers.shift();
}

before(async () => {
  proxy = await startProxy(args.proxy, args.app);
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
  // Listening from the start makes Playwright intercept choosers before the
  // page opens one; a listener added just before the key press can be late.
  page.on('filechooser', (chooser) => fileChoosers.push(chooser));
});

after(async () => {
  if (page && process.exitCode) await page.screenshot({ path: path.join(args.out, 'failure.png') }).catch(() => {});
  await browser?.close();
  const code = await proxy?.stop();
  assert.equal(code, 0, 'trinity-proxy exits cleanly on SIGTERM');
});

test('proxy serves the app with isolation headers and health', async () => {
  const health = await fetch(proxy.url + 'healthz');
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, 'ok');
  const index = await fetch(proxy.url);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(index.headers.get('cross-origin-embedder-policy'), 'require-corp');
  const wasm = await fetch(proxy.url + 'trinity.wasm');
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const missing = await fetch(proxy.url + 'no-such-file.js');
  assert.equal(missing.status, 404);
});

test('app starts cross-origin isolated and draws frames', async () => {
  await page.goto(proxy.url);
  await page.waitForFunction(() => window.trinityTest && window.trinityTest.ready(), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
  assert.deepEqual(await page.evaluate(() => window.trinityTest.evidence()), []);
  await page.screenshot({ path: path.join(args.out, 'empty.png') });
});

test('dropped files are listed with their detected formats', async () => {
  const files = [
    realFile(path.join(args.samples, 'run-keys.reg')),
    realFile(path.join(args.samples, 'edr-alerts.jsonl')),
  ];
  const expected = { 'run-keys.reg': 'reg', 'edr-alerts.jsonl': 'jsonl' };
  const evtx = args.corpus && path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'security.evtx');
  if (evtx && existsSync(evtx)) {
    files.push(realFile(evtx));
    expected['security.evtx'] = 'evtx';
  } else {
    console.log('# shared corpus absent: dropping project samples only');
  }
  await dropFiles(page, files);
  const listed = await waitForEvidence(page, files.length);
  assert.equal(listed.length, files.length);
  for (const e of listed) {
    assert.equal(e.format, expected[e.name], `${e.name}: ${e.detail}`);
    assert.equal(e.error, null);
  }
  const reg = listed.find((e) => e.name === 'run-keys.reg');
  assert.equal(reg.encoding, 'utf-16le');
  assert.equal(reg.bom, true);
  assert.equal(reg.size, readFileSync(path.join(args.samples, 'run-keys.reg')).length);
  await page.waitForTimeout(200); // let a frame draw the new rows
  await page.screenshot({ path: path.join(args.out, 'drop.png') });
});

// The corpus's security.evtx: 2,261 live records and 3 in chunk slack, as
// `trinity evtx info` and evtxexport (for the live ones) read it.
test('a dropped EVTX file is streamed into the events table', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const listed = await page.evaluate(() => window.trinityTest.evidence());
  const evtx = listed.find((e) => e.name === 'security.evtx');
  assert.ok(evtx, 'security.evtx was dropped');
  await page.evaluate(() => window.trinityTest.settled());
  const job = await page.evaluate((id) => window.trinityTest.evtxJob(id), evtx.id);
  assert.equal(job.state, 'done');
  assert.equal(job.records, 2261);
  assert.equal(job.recovered, 3);
  assert.equal(job.done, job.chunks);
  assert.equal(await page.evaluate(() => window.trinityTest.eventCount()), 2264);
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(args.out, 'events.png') });
});

test('engine workers parse in parallel and rows arrive complete and in order', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  assert.ok(await page.evaluate(() => window.trinityTest.workerCount()) >= 1, 'engine workers started');
  const evtx = (await page.evaluate(() => window.trinityTest.evidence())).find((e) => e.name === 'security.evtx');
  const rows = (await page.evaluate(() => window.trinityTest.eventsView(0, 1e6))).filter((r) => r.evidence === evtx.id);
  assert.equal(rows.length, 2264);
  const live = rows.filter((r) => !r.recovered).map((r) => r.record);
  assert.deepEqual([...live].sort((a, b) => a - b), Array.from({ length: 2261 }, (_, i) => i + 1),
                   'every live record exactly once');
  // The view is sorted by time; within one time, file order (offsets rise).
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rows[i - 1].time < rows[i].time || (rows[i - 1].time === rows[i].time && rows[i - 1].offset < rows[i].offset),
              `row ${i} out of order`);
  }
  assert.equal(rows[1].event_id, '4624');
  assert.equal(rows[1].computer, '37L4247F27-25');
  assert.match(rows[1].details, /SubjectUserSid=S-1-0-0/);
});

test('a selected event is read again in full by a worker', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  await page.evaluate(() => window.trinityTest.selectEvent(1));
  await page.waitForFunction(() => window.trinityTest.eventDetail().state === 'ready', null, { timeout: 10000 });
  const detail = await page.evaluate(() => window.trinityTest.eventDetail());
  const fields = Object.fromEntries(detail.fields);
  assert.equal(fields.EventID, '4624');
  assert.equal(fields.Channel, 'Security');
  assert.ok('TargetUserName' in fields, 'EventData items are fields');
  assert.match(detail.xml, /<EventID>4624<\/EventID>/);
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(args.out, 'event-detail.png') });
});

test('the events filter narrows the table and clears back', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  await page.evaluate(() => window.trinityTest.setEventFilter('Backup Operators'));
  await page.waitForFunction(() => window.trinityTest.eventsViewSize() < window.trinityTest.eventCount(), null, { timeout: 10000 });
  await page.waitForTimeout(300);  // let the filter finish its slices
  const rows = await page.evaluate(() => window.trinityTest.eventsView(0, 1e6));
  assert.ok(rows.length > 0, 'some events mention Backup Operators');
  for (const r of rows) assert.match(JSON.stringify(r).toLowerCase(), /backup operators/);
  await page.screenshot({ path: path.join(args.out, 'events-filtered.png') });
  await page.evaluate(() => window.trinityTest.setEventFilter(''));
  await page.waitForFunction(() => window.trinityTest.eventsViewSize() === window.trinityTest.eventCount(), null, { timeout: 10000 });
});

test('cancelling stops reading a large EVTX file part way', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const before = await page.evaluate(() => window.trinityTest.eventCount());
  const source = realFile(path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'security.evtx'));
  await dropFiles(page, [{ ...source, name: 'security-x40.evtx', repeatChunks: 40 }]);  // 1,320 chunks, 86 MB
  const id = await page.waitForFunction(() => {
    const e = window.trinityTest.evidence().find((x) => x.name === 'security-x40.evtx');
    return e && window.trinityTest.evtxJob(e.id) && window.trinityTest.evtxJob(e.id).done > 20 ? e.id : null;
  }, null, { timeout: 60000 }).then((h) => h.jsonValue());
  await page.screenshot({ path: path.join(args.out, 'evtx-progress.png') });
  await page.evaluate((x) => window.trinityTest.cancelEvtx(x), id);
  await page.evaluate(() => window.trinityTest.settled());
  const job = await page.evaluate((x) => window.trinityTest.evtxJob(x), id);
  assert.equal(job.state, 'cancelled');
  assert.ok(job.done < job.chunks, `stopped after ${job.done} of ${job.chunks} chunks`);
  const added = (await page.evaluate(() => window.trinityTest.eventCount())) - before;
  assert.ok(added > 0 && added < 2264 * 40, `${added} events before the cancel`);
});

// The whole of a 130 MB log, parsed on the workers: every record arrives,
// and the app's heap holds rows, never the file (goal: peak < 512 MiB).
test('a 130 MB EVTX file parses completely with the heap far below the file', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const before = await page.evaluate(() => window.trinityTest.eventCount());
  const source = realFile(path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'security.evtx'));
  const started = Date.now();
  await dropFiles(page, [{ ...source, name: 'security-x60.evtx', repeatChunks: 60 }]);  // 1,980 chunks
  const id = await page.waitForFunction(() => {
    const e = window.trinityTest.evidence().find((x) => x.name === 'security-x60.evtx');
    return e ? e.id : null;
  }, null, { timeout: 60000 }).then((h) => h.jsonValue());
  await page.evaluate(() => window.trinityTest.settled());
  const seconds = (Date.now() - started) / 1000;
  const job = await page.evaluate((x) => window.trinityTest.evtxJob(x), id);
  assert.equal(job.state, 'done');
  assert.equal(job.done, job.chunks);
  assert.equal(job.records, 2261 * 60);
  assert.equal((await page.evaluate(() => window.trinityTest.eventCount())) - before, 2264 * 60);
  const heap = await page.evaluate(() => window.trinityTest.heapBytes());
  const workers = await page.evaluate(() => window.trinityTest.workerCount());
  console.log(`# 130 MB EVTX: ${(130 / seconds).toFixed(1)} MB/s end to end on ${workers} workers, heap ${(heap / 2 ** 20).toFixed(0)} MiB`);
  assert.ok(heap < 512 * 2 ** 20, `app heap ${heap} bytes`);
  await page.screenshot({ path: path.join(args.out, 'evtx-large.png') });
});

test('the file picker (Ctrl+O) adds files too', async () => {
  const before = (await page.evaluate(() => window.trinityTest.evidence())).length;
  await page.mouse.click(640, 300); // the analyst's focus is on the app
  await page.keyboard.press('Control+o');
  await (await nextFileChooser()).setFiles(path.join(args.samples, 'tasklist-v.txt'));
  const listed = await waitForEvidence(page, before + 1);
  const picked = listed.find((e) => e.name === 'tasklist-v.txt');
  assert.ok(picked, 'picked file is listed');
  assert.equal(picked.format, 'text');
  assert.equal(picked.encoding, 'utf-16le');
});

// 160 MiB: more than twice the app's initial heap, so a whole copy could not
// hide; a headless profile's blob storage (shared with the 130 MB EVTX test
// above) refuses much larger synthetic files on small CI machines.
test('a 160 MiB file is sniffed from its head, never copied into wasm memory', async () => {
  const heapBefore = await page.evaluate(() => window.trinityTest.heapBytes());
  const before = (await page.evaluate(() => window.trinityTest.evidence())).length;
  await dropFiles(page, [{ name: 'auth-huge.log', repeatMiB: 160 }]);
  const listed = await waitForEvidence(page, before + 1, 60000);
  const big = listed.find((e) => e.name === 'auth-huge.log');
  assert.equal(big.size, 160 * 1024 * 1024);
  assert.equal(big.error ?? null, null, 'the browser read the head');
  assert.equal(big.format, 'text');
  const heapAfter = await page.evaluate(() => window.trinityTest.heapBytes());
  assert.ok(heapAfter - heapBefore < 16 * 1024 * 1024,
            `wasm heap grew by ${heapAfter - heapBefore} bytes for a 160 MiB file`);
  assert.equal(await page.evaluate(() => window.trinityTest.keptFiles()), before + 1,
               'the page keeps every File for later streaming');
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(args.out, 'drop-large.png') });
});

test('a damaged EVTX file parses with its warnings kept per file', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const damaged = realFile(path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'sample_with_a_bad_chunk_magic.evtx'));
  await dropFiles(page, [damaged]);
  const id = await page.waitForFunction(() => {
    const e = window.trinityTest.evidence().find((x) => x.name === 'sample_with_a_bad_chunk_magic.evtx');
    return e ? e.id : null;
  }, null, { timeout: 30000 }).then((h) => h.jsonValue());
  await page.evaluate(() => window.trinityTest.settled());
  const job = await page.evaluate((x) => window.trinityTest.evtxJob(x), id);
  assert.equal(job.state, 'done');
  assert.ok(job.warnings > 0, 'the bad chunk is a warning');
  assert.ok(job.records > 0, 'the good chunks are read');
});

test('no errors in the page', () => {
  assert.deepEqual(pageErrors, []);
});
