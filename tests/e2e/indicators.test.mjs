// Browser end-to-end for indicators and threat intelligence: dropped logs
// are scanned by an engine worker, feeds dropped beside them (a STIX 2.1
// bundle, a saved VirusTotal response, a CSV the analyst marks as a feed)
// judge every indicator, the verdict rule can change, exports are offered
// as downloads, and a large scan can be cancelled.
//
//   node tests/e2e/indicators.test.mjs --proxy build/native-release/server-proxy/trinity-proxy \
//        --app build/wasm-release/dist --out build/native-release/e2e [--corpus ../shared/corpus]
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, after, before } from 'node:test';
import { dropFiles, launchBrowser, openPage, startProxy, testArgs, waitForEvidence } from './browser.mjs';

const args = testArgs();
if (!args.data) throw new Error('missing --data');

const textFile = (name, text) => ({ name, base64: Buffer.from(text, 'utf8').toString('base64') });
const realFile = (p, name) => ({ name: name || path.basename(p), base64: readFileSync(p).toString('base64') });

// A web proxy log an analyst might export: a beacon to a public address, a
// defanged URL pasted in a note, the hash of the dropped payload.
const PROXY_LOG = [
  '2026-11-20T08:00:01Z 10.1.2.3 GET http://198.51.100.23/beacon.php 200',
  '2026-11-20T08:00:05Z 10.1.2.3 CONNECT 185.220.101.4:443 200',
  '2026-11-20T08:01:00Z note: payload from hxxp://update-cdn[.]example[.]org/a.exe',
  '2026-11-20T08:02:00Z av: sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
  '2026-11-20T08:03:00Z 10.1.2.3 GET http://198.51.100.23/beacon.php 200',
].join('\n') + '\n';

const STIX_BUNDLE = JSON.stringify({
  type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
  objects: [{
    type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z',
    name: 'Tor exit used by the intrusion set', indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '185.220.101.4']", pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z',
  }],
});

const CSV_FEED = 'indicator,type,verdict\n198.51.100.23,ipv4,suspicious\n';

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
  if (page && process.exitCode) await page.screenshot({ path: path.join(args.out, 'indicators-failure.png') }).catch(() => {});
  await browser?.close();
  await proxy?.stop();
});

const indicators = () => page.evaluate(() => window.trinityTest.indicators());
const find = (list, type, value) => list.find((i) => i.type === type && i.value === value);

async function waitForIndicator(type, value, timeout = 30000) {
  await page.waitForFunction(([t, v]) => window.trinityTest.indicators().some((i) => i.type === t && i.value === v),
                             [type, value], { timeout });
  return find(await indicators(), type, value);
}

test('a dropped log is scanned by a worker and its indicators listed with where they were seen', async () => {
  await dropFiles(page, [textFile('proxy.log', PROXY_LOG)]);
  const listed = await waitForEvidence(page, 1);
  const id = listed.find((e) => e.name === 'proxy.log').id;
  await page.waitForFunction((i) => { const j = window.trinityTest.scanJob(i); return j && j.state === 'done'; }, id);
  const beacon = await waitForIndicator('ipv4', '198.51.100.23');
  assert.equal(beacon.count, 2, 'seen on two lines, listed once');
  assert.equal(beacon.class, 'documentation');
  assert.deepEqual(beacon.first, { evidence: 'proxy.log', line: 1, record: 0, field: '' });
  const list = await indicators();
  assert.ok(find(list, 'url', 'http://update-cdn.example.org/a.exe'), 'defanged URL refanged');
  assert.ok(find(list, 'domain', 'update-cdn.example.org'));
  assert.ok(!find(list, 'domain', 'beacon.php'), 'a file name is no domain');
  assert.ok(find(list, 'sha256', '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'));
  assert.ok(list.every((i) => i.verdict === 'unknown'), 'no feed yet: every verdict unknown');
});

test('feeds dropped beside the evidence judge its indicators, with their sources', async () => {
  await dropFiles(page, [textFile('tor-exits.stix.json', STIX_BUNDLE),
                         realFile(path.join(args.data, 'intel', 'vt', 'file.json'), 'vt-eicar.json')]);
  await page.waitForFunction(() => window.trinityTest.feeds().feeds.length >= 2, null, { timeout: 30000 });
  const feeds = await page.evaluate(() => window.trinityTest.feeds());
  assert.deepEqual(feeds.feeds.map((f) => f.format).sort(), ['stix', 'virustotal']);
  assert.equal(feeds.failures.length, 0);
  const tor = find(await indicators(), 'ipv4', '185.220.101.4');
  assert.equal(tor.verdict, 'malicious');
  assert.deepEqual(tor.feeds, ['tor-exits.stix.json']);
  const eicar = find(await indicators(), 'sha256', '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f');
  assert.equal(eicar.verdict, 'malicious', '12 engines > 5');
  // Feeds are threat intel, not evidence: they are not scanned themselves.
  assert.equal(await page.evaluate(() => window.trinityTest.evidence().filter((e) => e.name === 'vt-eicar.json')
    .map((e) => window.trinityTest.scanJob(e.id))[0]), null);
});

test('the verdict rule is the analyst\'s: a stricter rule turns the VirusTotal verdict to suspicious', async () => {
  const error = await page.evaluate(() => window.trinityTest.setVerdictPolicy('malicious > 20'));
  assert.equal(error, '');
  const eicar = find(await indicators(), 'sha256', '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f');
  assert.equal(eicar.verdict, 'suspicious');
  const bad = await page.evaluate(() => window.trinityTest.setVerdictPolicy('malicious >> 5'));
  assert.match(bad, /column|:/, 'a bad rule is refused with where it is wrong');
  assert.equal((await page.evaluate(() => window.trinityTest.feeds())).rule, 'malicious > 20', 'the old rule stays');
  await page.evaluate(() => window.trinityTest.setVerdictPolicy('malicious > 5'));
});

test('a CSV file becomes a feed when the analyst says so', async () => {
  await dropFiles(page, [textFile('watchlist.csv', CSV_FEED)]);
  const listed = await waitForEvidence(page, 4);
  const csv = listed.find((e) => e.name === 'watchlist.csv');
  await page.evaluate((id) => window.trinityTest.loadAsFeed(id), csv.id);
  await page.waitForFunction(() => window.trinityTest.feeds().feeds.some((f) => f.name === 'watchlist.csv'));
  const beacon = find(await indicators(), 'ipv4', '198.51.100.23');
  assert.equal(beacon.verdict, 'suspicious');
  assert.equal(beacon.count, 2, 'a feed is intel, not evidence: its own values are not sightings');
  assert.deepEqual(beacon.feeds, ['watchlist.csv']);
});

test('exports carry verdicts: CSV, JSON, a STIX 2.1 bundle, defanged text', async () => {
  const download = async (format) => {
    await page.evaluate((f) => window.trinityTest.exportIndicators(f), format);
    return (await page.evaluate(() => window.trinityTest.lastDownload())).text;
  };
  const csv = await download('csv');
  assert.match(csv.split('\r\n')[0], /^type,value,count,.*verdict,feeds$/);
  assert.ok(csv.includes('185.220.101.4') && csv.includes('malicious'));
  const json = JSON.parse(await download('json'));
  assert.ok(json.indicators.some((i) => i.value === '185.220.101.4' && i.verdict === 'malicious'));
  const stix = JSON.parse(await download('stix'));
  assert.equal(stix.type, 'bundle');
  const pattern = stix.objects.find((o) => o.type === 'indicator' && o.pattern === "[ipv4-addr:value = '185.220.101.4']");
  assert.ok(pattern, 'an indicator SDO per address');
  assert.equal(pattern.spec_version, '2.1');
  const defanged = await download('defanged');
  assert.ok(defanged.includes('hxxp://update-cdn[.]example[.]org/a.exe'), defanged);
  assert.ok(!/\b198\.51\.100\.23\b/.test(defanged), 'no live address in defanged text');
});

test('an EVTX file is scanned event by event, each indicator with its record and field', { skip: !args.corpus || !existsSync(path.join(args.corpus, 'evtx')) }, async () => {
  const evtx = path.join(args.corpus, 'evtx', 'evtx-rs-samples', '2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx');
  await dropFiles(page, [realFile(evtx, 'rcm.evtx')]);
  const ip = await waitForIndicator('ipv4', '103.11.244.223', 60000);
  assert.equal(ip.first.evidence, 'rcm.evtx');
  assert.ok(ip.first.record > 0, 'the EventRecordID');
  assert.ok(ip.first.field.length > 0, 'the field it sat in');
  assert.equal(ip.class, 'public');
});

test('a large scan can be cancelled part way', async () => {
  await dropFiles(page, [{ name: 'huge-auth.log', repeatMiB: 128 }]);
  const id = await page.waitForFunction(() => {
    const e = window.trinityTest.evidence().find((x) => x.name === 'huge-auth.log');
    return e && window.trinityTest.scanJob(e.id) ? e.id : null;
  }, null, { timeout: 60000, polling: 20 }).then((h) => h.jsonValue());
  const job = await page.evaluate((i) => window.trinityTest.scanJob(i), id);
  await page.evaluate((j) => window.trinityTest.cancelJob(j), job.id);
  await page.waitForFunction((i) => window.trinityTest.scanJob(i).state !== 'running', id, { timeout: 30000 });
  const ended = await page.evaluate((i) => window.trinityTest.scanJob(i), id);
  assert.equal(ended.state, 'cancelled');
  assert.ok(ended.done < ended.total, `stopped part way (${ended.done} of ${ended.total})`);
});

test('the Indicators tab shows verdicts in colour (screenshot)', async () => {
  await page.evaluate(() => window.trinityTest.showView('indicators'));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(args.out, 'indicators.png') });
});

test('no errors in the page', () => {
  assert.deepEqual(pageErrors, []);
});
