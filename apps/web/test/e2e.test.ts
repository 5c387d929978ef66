/**
 * End-to-end: serves the app on localhost (Vite's dev server; E2E_MODE=build builds it and
 * serves the build with `vite preview` instead), opens it in headless Debian Chromium
 * (WebGPU through SwiftShader), runs experiments and reads the page.
 * Skipped, with a message saying why, when no Chromium binary exists. Set CHROMIUM_PATH to
 * use another binary, and E2E_SCREENSHOT=/path/shot.png to keep a screenshot.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
/** A CSV and the CLI's diagnosis of it (the command that made it is in the JSON). */
const sensorsCsv = join(appRoot, 'test/fixtures/sensors.csv');
const sensorsExpected = JSON.parse(readFileSync(join(appRoot, 'test/fixtures/sensors.expected.json'), 'utf8')) as { verdict: string; path: string[]; rows: { train: number; validation: number } };
const chromiumPath = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
const title =
  chromiumPath === undefined
    ? 'web app in Chromium (SKIPPED: no chromium binary at /usr/bin/chromium; apt-get install chromium or set CHROMIUM_PATH)'
    : 'web app in Chromium';

describe.skipIf(chromiumPath === undefined)(title, () => {
  let scratch: string;
  let server: PreviewServer | ViteDevServer;
  let context: BrowserContext;
  let url: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'losslens-web-e2e-'));
    const configFile = join(appRoot, 'vite.config.ts');
    if (process.env['E2E_MODE'] === 'build') {
      const outDir = join(scratch, 'dist');
      await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } });
      server = await preview({ configFile, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 4173 } });
    } else {
      const dev = await createServer({ configFile, logLevel: 'error', server: { host: '127.0.0.1', port: 5273 } });
      server = await dev.listen();
    }
    url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1/';
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      chromiumSandbox: false,
      viewport: { width: 1280, height: 1000 },
      args: [
        '--headless',
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--disable-gpu-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  /** Saves a screenshot as an artifact when E2E_SCREENSHOTS names a folder. */
  async function keepScreenshot(page: Page, name: string): Promise<void> {
    const folder = process.env['E2E_SCREENSHOTS'];
    if (folder !== undefined && folder !== '') await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  }

  /** Opens the page with URL parameters and waits until the run has finished. */
  async function runExperiment(query: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}?${query}`);
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 120_000 });
    const alert = await page.locator('#error').textContent();
    expect(await page.getAttribute('body', 'data-state'), `the page reported: ${alert}`).toBe('done');
    return { page, errors };
  }

  const eigenvalues = (page: Page): Promise<string | null> => page.locator('[data-fact="eigenvalues"]').textContent();

  it('runs the saddle experiment on the best backend (webgpu where the browser has an adapter)', async () => {
    const { page, errors } = await runExperiment('experiment=saddle&run=1');
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu !== undefined && (await gpu.requestAdapter()) !== null;
    });
    const active = await page.locator('#active-backend').textContent();
    expect(active).toBe(hasAdapter ? 'webgpu' : 'webgl');
    expect(await eigenvalues(page)).toBe('-2.000, 2.000');
    expect(await page.locator('[data-fact="kind"]').textContent()).toBe('saddle-point');
    expect(await page.locator('[data-headline]').textContent()).toContain('the Hessian eigenvalues are -2.000, 2.000');
    expect(await page.locator('#progress-text').textContent()).toMatch(new RegExp(`^done in [0-9.]+ s on ${active}$`));
    expect(await page.locator('.chart svg').count()).toBe(2);
    expect(await page.locator('.chart svg [aria-roledescription="line mark"]').count()).toBe(4);
    const screenshot = process.env['E2E_SCREENSHOT'];
    if (screenshot !== undefined && screenshot !== '') await page.screenshot({ path: screenshot, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('runs on the wasm backend with the .wasm files Vite serves', async () => {
    const { page, errors } = await runExperiment('experiment=saddle&backend=wasm&run=1');
    expect(await page.locator('#active-backend').textContent()).toBe('wasm');
    expect(await page.locator('#backend').inputValue()).toBe('wasm');
    expect(await eigenvalues(page)).toBe('-2.000, 2.000');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('finds model bias with linear vs MLP training on wasm', async () => {
    const { page, errors } = await runExperiment('experiment=model-bias&backend=wasm&run=1');
    expect(await page.locator('#active-backend').textContent()).toBe('wasm');
    expect(await page.locator('[data-fact="verdict"]').textContent()).toBe('model-bias');
    const linear = Number(await page.locator('[data-fact="linear-train-loss"]').textContent());
    const mlp = Number(await page.locator('[data-fact="mlp-train-loss"]').textContent());
    expect(linear).toBeGreaterThan(0.3); // the best line through sin 2x on [-3, 3] leaves about half the variance
    expect(mlp).toBeLessThan(linear / 5);
    expect(await page.locator('.chart svg').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('trains on webgpu (fit reads asynchronously), then runs the saddle on the same device', async () => {
    const { page, errors } = await runExperiment('experiment=optimization&run=1&quick=1');
    const hasAdapter = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu !== undefined && (await gpu.requestAdapter()) !== null;
    });
    expect(await page.locator('#active-backend').textContent()).toBe(hasAdapter ? 'webgpu' : 'webgl');
    expect(await page.locator('#backend-note').isHidden()).toBe(true);
    expect(await page.locator('[data-fact="verdict"]').textContent()).toBe('optimization');
    const shallow = Number(await page.locator('[data-fact="train-loss-1"]').textContent());
    const deep = Number(await page.locator('[data-fact="train-loss-6"]').textContent());
    expect(deep).toBeGreaterThan(shallow); // the deeper sigmoid net has the larger training loss
    await keepScreenshot(page, 'optimization-webgpu');
    // The same seed on wasm: the GPU's float32 sums differ in order, not in result.
    const { page: onWasm } = await runExperiment('experiment=optimization&backend=wasm&run=1&quick=1');
    for (const depth of [1, 3, 6]) {
      const wasm = Number(await onWasm.locator(`[data-fact="train-loss-${depth}"]`).textContent());
      const gpu = Number(await page.locator(`[data-fact="train-loss-${depth}"]`).textContent());
      expect(Math.abs(gpu - wasm), `depth ${depth}: webgpu ${gpu}, wasm ${wasm}`).toBeLessThan(2e-3 * wasm + 2e-4);
    }
    await onWasm.close();
    await page.locator('nav button[data-experiment="saddle"]').click();
    await page.locator('#run').click();
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 120_000 });
    expect(await page.getAttribute('body', 'data-state'), `the page reported: ${await page.locator('#error').textContent()}`).toBe('done');
    expect(await eigenvalues(page)).toBe('-2.000, 2.000');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('runs the batch-size experiment (quick) on cpu', async () => {
    const { page, errors } = await runExperiment('experiment=batch-size&backend=cpu&run=1&quick=1');
    expect(await page.locator('#active-backend').textContent()).toBe('cpu');
    expect(await page.locator('[data-fact="batch-8"]').textContent()).toMatch(/^38, /); // ceil(300 / 8) updates per epoch
    expect(await page.locator('[data-fact="batch-full"]').textContent()).toMatch(/^1, /);
    expect(await page.locator('.chart svg').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('diagnoses a picked CSV in the page with the CLI\'s verdict, offers the report, and sends the data nowhere', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const csv = readFileSync(sensorsCsv, 'utf8');
    const leaks: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      const target = new URL(request.url());
      const local = ['127.0.0.1', 'localhost'].includes(target.hostname) || ['blob:', 'data:'].includes(target.protocol);
      const row = csv.split('\n')[1] ?? csv; // a data row: no request may carry it, in its body or its URL
      if (!local || body.includes(row) || decodeURIComponent(request.url()).includes(row)) leaks.push(request.url());
    });
    await page.goto(`${url}?experiment=diagnose&backend=wasm`);
    await page.locator('#csv-file').setInputFiles(sensorsCsv);
    await page.waitForSelector('#file-status:has-text("160 rows")');
    expect(await page.locator('#target').inputValue()).toBe('y');
    await page.locator('#run').click();
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 300_000 });
    expect(await page.getAttribute('body', 'data-state'), `the page reported: ${await page.locator('#error').textContent()}`).toBe('done');
    expect(await page.locator('[data-fact="verdict"]').textContent()).toBe(sensorsExpected.verdict);
    expect(await page.locator('[data-fact="path"]').textContent()).toBe(sensorsExpected.path.join(' → '));
    expect(await page.locator('[data-fact="rows"]').textContent()).toBe(`${sensorsExpected.rows.train}, ${sensorsExpected.rows.validation}`);
    expect(await page.locator('.tree .node.on').count()).toBe(sensorsExpected.path.length);
    expect(await page.locator('.evidence li').count()).toBeGreaterThan(0);
    expect(await page.locator('.remedies li').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart svg').count()).toBe(2);
    const report = await page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>('#download');
      return link === null ? null : { href: link.href, name: link.download, text: await (await fetch(link.href)).text() };
    });
    expect(report?.href).toMatch(/^blob:/);
    expect(report?.name).toBe('sensors-diagnosis.html');
    expect(report?.text).toMatch(/^<!doctype html>/i);
    expect(report?.text).toContain(sensorsExpected.verdict);
    await keepScreenshot(page, 'diagnose');
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 360_000);

  it('cancels a run with the Cancel button and by switching experiments, freeing its tensors', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}?experiment=model-bias&backend=wasm`);
    await page.waitForSelector('#active-backend[data-backend="wasm"]');
    const tensors = async (): Promise<number> => Number(await page.getAttribute('body', 'data-tensors'));
    const before = await tensors();
    const runUntilTraining = async (): Promise<void> => {
      await page.locator('#run').click();
      await page.waitForFunction(() => /training .*: [1-9]/.test(document.querySelector('#progress-text')?.textContent ?? ''), undefined, { timeout: 120_000 });
    };
    await runUntilTraining();
    await page.locator('#cancel').click();
    await page.waitForSelector('body[data-state="cancelled"]', { timeout: 60_000 });
    expect(await page.locator('#progress-text').textContent()).toBe('cancelled');
    expect(await page.locator('[data-headline]').count()).toBe(0);
    expect(await tensors()).toBe(before);

    await runUntilTraining();
    await page.locator('nav button[data-experiment="saddle"]').click();
    await page.waitForSelector('body[data-state="idle"]', { timeout: 60_000 });
    expect(await page.locator('#title').textContent()).toContain('Saddle point');
    expect(await tensors()).toBe(before);
    await page.waitForTimeout(500); // the old run must not paint over the new page
    expect(await page.locator('[data-headline]').count()).toBe(0);
    await page.locator('#run').click();
    await page.waitForSelector('body[data-state="done"]', { timeout: 120_000 });
    expect(await eigenvalues(page)).toBe('-2.000, 2.000');
    expect(await page.locator('[data-headline]').textContent()).toContain('saddle');
    await keepScreenshot(page, 'cancel-then-saddle');
    expect(errors).toEqual([]);
    await page.close();
  }, 360_000);

  it('cross-validates models of growing size on the same folds and shows the pick (quick, wasm)', async () => {
    const { page, errors } = await runExperiment('experiment=cross-validation&backend=wasm&run=1&quick=1');
    const specs = ['linear', 'mlp:4:tanh', 'mlp:16x16:tanh', 'mlp:64x64x64:tanh'];
    const rows = await Promise.all(specs.map(async (spec) => (await page.locator(`[data-fact="cv-${spec}"]`).textContent()) ?? ''));
    const means = rows.map((row) => {
      const [, validation, folds] = /^[0-9.]+, ([0-9.]+) ± [0-9.]+; (.*)$/.exec(row) ?? [];
      const perFold = (folds ?? '').split(' ').map(Number);
      expect(perFold).toHaveLength(3);
      expect(Number(validation)).toBeCloseTo(perFold.reduce((a, b) => a + b, 0) / 3, 3);
      return Number(validation);
    });
    expect(await page.locator('[data-fact="selected"]').textContent()).toBe(specs[means.indexOf(Math.min(...means))]);
    expect(await page.locator('.chart svg').count()).toBe(2);
    await keepScreenshot(page, 'cross-validation');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
