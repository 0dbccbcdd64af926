// Browser end-to-end for Sigma: rule files dropped on the page become rules
// (not evidence), the Rules view lists them and the one that fails with its
// reason and position; an EVTX file is matched by an engine worker and the
// Detections view lists its hits, critical first, with the event read
// again on selection; new rules rescan the evidence; removing the file
// drops its detections.
//
//   node tests/e2e/sigma.test.mjs --proxy build/native-release/server-proxy/trinity-proxy \
//        --app build/wasm-release/dist --data tests/data --out build/native-release/e2e [--corpus ../shared/corpus]
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, after, before } from 'node:test';
import { dropFiles, launchBrowser, openPage, startProxy, testArgs, waitForEvidence } from './browser.mjs';

const args = testArgs();
if (!args.data) throw new Error('missing --data');

const RULES_DIR = path.join(args.data, 'sigma-e2e');
const EVTX = args.corpus && path.join(args.corpus, 'evtx', 'evtx-rs-samples', 'new-user-security.evtx');
const haveEvtx = !!EVTX && existsSync(EVTX);
if (!haveEvtx) console.log('# shared corpus absent: the rule tests run, the detection tests skip');

const realFile = (p, name) => ({ name: name || path.basename(p), base64: readFileSync(p).toString('base64') });
const textFile = (name, text) => ({ name, base64: Buffer.from(text, 'utf8').toString('base64') });

let proxy, browser, page;
const pageErrors = [];

before(async () => {
  proxy = await startProxy(args.proxy, args.app);
  browser = await launchBrowser();
  page = await openPage(browser, pageErrors);
  await page.goto(proxy.url);
  await page.waitForFunction(() => window.trinityTest && window.trinityTest.ready() && window.trinityTest.workerCount() > 0,
                             null, { timeout: 60000 });
});

after(async () => {
  if (page && process.exitCode) await page.screenshot({ path: path.join(args.out, 'sigma-failure.png') }).catch(() => {});
  await browser?.close();
  await proxy?.stop();
});

const rules = () => page.evaluate(() => window.trinityTest.rules());
const detections = () => page.evaluate(() => window.trinityTest.detections());

test('dropped rule files are rules, not evidence; the Rules view shows the broken one with its reason', async () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.yml')).sort().map((f) => realFile(path.join(RULES_DIR, f)));
  assert.equal(files.length, 4);
  await dropFiles(page, files);
  await page.waitForFunction(() => { const r = window.trinityTest.rules(); return r && r.files === 4; }, null, { timeout: 30000 });
  await page.evaluate(() => window.trinityTest.settled());
  assert.deepEqual(await page.evaluate(() => window.trinityTest.evidence()), [], 'rule files are not evidence');
  const report = await rules();
  assert.equal(report.loaded, 3);
  assert.equal(report.failed, 1);
  assert.deepEqual(report.rules.map((r) => r.title).sort(), [
    'A local user account was created', 'An account created and added to Administrators on one computer within minutes',
    'An account was added to the local Administrators group']);
  assert.equal(report.rules.find((r) => r.kind === 'correlation').file, 'account_then_admin.yml');
  const admin = report.rules.find((r) => r.level === 'critical' && r.kind === 'detection');
  assert.equal(admin.kind, 'detection');
  assert.equal(admin.status, 'test');
  assert.equal(admin.logsource, 'windows/security');
  assert.equal(admin.file, 'admin_group_member.yml');
  const [failure] = report.failures;
  assert.equal(failure.file, 'broken_condition.yml');
  assert.equal(failure.line, 11, JSON.stringify(failure));
  assert.ok(failure.column > 0);
  assert.match(failure.reason, /allowlisted/);
  await page.evaluate(() => window.trinityTest.showView('rules'));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(args.out, 'sigma-rules.png') });
});

test('an EVTX file is matched by a worker and the Detections view lists its hits, critical first', { skip: !haveEvtx }, async () => {
  await dropFiles(page, [realFile(EVTX)]);
  const listed = await waitForEvidence(page, 1);
  const id = listed.find((e) => e.name === 'new-user-security.evtx').id;
  await page.waitForFunction((i) => { const j = window.trinityTest.sigmaJob(i); return j && j.state === 'done'; }, id,
                             { timeout: 60000 });
  const job = await page.evaluate((i) => window.trinityTest.sigmaJob(i), id);
  assert.equal(job.records, 4);
  assert.equal(job.detections, 2);
  const rows = await detections();
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r.level), ['critical', 'high'], 'critical first');
  assert.equal(rows[0].rule, 'An account was added to the local Administrators group');
  assert.deepEqual(rows[0].matched, { EventID: '4732', TargetUserName: 'Administrators' });
  assert.equal(rows[0].computer, 'IE8Win7');
  assert.equal(rows[0].event_id, '4732');
  assert.equal(rows[0].record, 4);
  assert.equal(rows[0].evidence, 'new-user-security.evtx');
  assert.match(rows[0].tactics, /persistence/);
  assert.equal(rows[1].rule, 'A local user account was created');
  assert.equal(rows[1].time, '2013-10-23T16:22:39.973500Z');
  const correlations = await page.evaluate(() => window.trinityTest.correlations());
  assert.equal(correlations.length, 1, JSON.stringify(correlations));
  assert.equal(correlations[0].hits, 2);
  assert.deepEqual(correlations[0].group, { Computer: 'IE8Win7' });

  await page.evaluate(() => window.trinityTest.showView('detections'));
  await page.evaluate(() => window.trinityTest.selectDetection(0));
  await page.waitForFunction(() => window.trinityTest.eventDetail().state === 'ready', null, { timeout: 30000 });
  const detail = await page.evaluate(() => window.trinityTest.eventDetail());
  assert.ok(detail.fields.some(([k, v]) => k === 'TargetUserName' && v === 'Administrators'), 'the selected event, read again');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(args.out, 'sigma-detections.png') });

  await page.evaluate(() => window.trinityTest.setDetectionFilter('IEUser'));
  await page.waitForFunction(() => window.trinityTest.detections().length === 0);
  await page.evaluate(() => window.trinityTest.setDetectionFilter('administrators'));
  await page.waitForFunction(() => window.trinityTest.detections().length === 1);
  await page.evaluate(() => window.trinityTest.setDetectionFilter(''));
});

test('a rule added later rescans the evidence; removing the file drops its detections', { skip: !haveEvtx }, async () => {
  const id = (await page.evaluate(() => window.trinityTest.evidence()))[0].id;
  const before = (await page.evaluate((i) => window.trinityTest.sigmaJob(i), id)).id;
  await dropFiles(page, [textFile('group_change.yaml', [
    'title: A security-enabled local group was changed',
    'id: 9d4e2a61-7b3c-4f58-8e1a-3c6b5d7f9a02',
    'level: low',
    'logsource: {product: windows, service: security}',
    'detection:',
    '  selection: {EventID: 4732}',
    '  condition: selection',
  ].join('\n') + '\n')]);
  await page.waitForFunction(([i, old]) => { const j = window.trinityTest.sigmaJob(i); return j && j.id !== old && j.state === 'done'; },
                             [id, before], { timeout: 60000 });
  const rows = await detections();
  assert.equal(rows.length, 4, 'two 4732 events for the new rule');
  assert.deepEqual(rows.map((r) => r.level), ['critical', 'high', 'low', 'low']);

  await page.evaluate((i) => window.trinityTest.removeEvidence(i), id);
  await page.waitForFunction(() => window.trinityTest.detections().length === 0);
  assert.deepEqual(await page.evaluate(() => window.trinityTest.correlations()), []);
  assert.deepEqual(pageErrors, []);
});
