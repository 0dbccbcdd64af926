// Shared pieces of Trinity's browser tests: start trinity-proxy on a free
// port, launch Debian's Chromium through playwright-core (never a
// downloaded browser), and build File drops the way a real drag does.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.TRINITY_CHROMIUM || '/usr/bin/chromium';

// The options every browser test takes: --proxy, --app, --out, --samples
// (required) and --corpus. Checks the app is built and makes --out.
export function testArgs() {
  const { values: args } = parseArgs({
    options: {
      proxy: { type: 'string' }, app: { type: 'string' }, out: { type: 'string' },
      corpus: { type: 'string' }, samples: { type: 'string' }, data: { type: 'string' },
    },
  });
  for (const k of ['proxy', 'app', 'out', 'samples']) {
    if (!args[k]) throw new Error(`missing --${k}`);
  }
  if (!existsSync(path.join(args.app, 'trinity.wasm'))) {
    throw new Error(`no built web app in ${args.app}: build the wasm-release preset first`);
  }
  mkdirSync(args.out, { recursive: true });
  return args;
}

// Headless WebGL2 through SwiftShader, and nothing that reaches the network.
const CHROMIUM_ARGS = [
  '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Starts trinity-proxy serving `appDir` on a free loopback port.
export async function startProxy(proxyPath, appDir) {
  const child = spawn(proxyPath, ['--root', appDir, '--port', '0', '--quiet'],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('trinity-proxy did not start in 15 s: ' + stderr)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/[^\s]+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`trinity-proxy exited (${code}): ${stderr}`)); });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code;
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// Drops files on the page's canvas as a real drag would: dragover, then
// drop, both carrying a DataTransfer of File objects. `files` is a list of
// {name, base64} for real files, {name, repeatMiB} for a big synthetic
// file made of one repeated 1 MiB block, or {name, base64, repeatChunks} for
// a big EVTX file: the real file's header, then its chunks over and over.
export async function dropFiles(page, files) {
  await page.evaluate(async (specs) => {
    const dt = new DataTransfer();
    for (const spec of specs) {
      let parts;
      if (spec.base64 !== undefined) {
        const bin = atob(spec.base64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        parts = [bytes];
        if (spec.repeatChunks) {
          const chunks = bytes.subarray(4096, 4096 + Math.floor((bytes.length - 4096) / 65536) * 65536);
          parts = [bytes.subarray(0, 4096), ...new Array(spec.repeatChunks).fill(chunks)];
        }
      } else {
        const block = new Uint8Array(1024 * 1024);
        const line = new TextEncoder().encode('2026-11-22T08:00:00Z host sshd[42]: Accepted publickey for analyst\n');
        for (let i = 0; i + line.length <= block.length; i += line.length) block.set(line, i);
        parts = new Array(spec.repeatMiB).fill(block);
      }
      dt.items.add(new File(parts, spec.name));
    }
    const target = document.getElementById('canvas');
    const init = { bubbles: true, cancelable: true, dataTransfer: dt };
    target.dispatchEvent(new DragEvent('dragenter', init));
    target.dispatchEvent(new DragEvent('dragover', init));
    target.dispatchEvent(new DragEvent('drop', init));
  }, files);
}

// Waits until the app lists `count` evidence files and has handled them all.
export async function waitForEvidence(page, count, timeout = 30000) {
  await page.waitForFunction((n) => window.trinityTest.evidence().length >= n, count, { timeout });
  await page.evaluate(() => window.trinityTest.settled());
  return page.evaluate(() => window.trinityTest.evidence());
}

// A fresh page at a HiDPI scale that records the page's errors (uncaught
// exceptions and console errors) in `errors`.
export async function openPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  return page;
}
