/**
 * The viewer in a real browser: Debian's chromium, headless, software WebGL (SwiftShader), against a
 * running live gate with a simulated fleet. The canvas shows pixels, the HUD counts the feed's
 * vehicles, a click selects a vehicle and shows its details, an operator pause reaches the engine
 * and shows in the view, and a saved trace replays. A screenshot is kept in test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestGate } from '../fixtures/gate-server.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/* eslint-disable @typescript-eslint/no-explicit-any -- code run inside the page: the root tsconfig has no DOM types */
type Igv = {
  vehicleCount(): number;
  mirrorDigest(): string;
  select(id: string | null): void;
  scene: { screenPositionOf(id: string): { x: number; y: number } | null; stats(): { vehicles: number; drawCalls: number; frames: number } };
};

let server: Awaited<ReturnType<typeof startTestGate>>;
let context: BrowserContext;
let page: Page;
let trace: string;

beforeAll(async () => {
  execFileSync('npx', ['vite', 'build', '--config', 'viewer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const out = mkdtempSync(join(tmpdir(), 'igv-replay-'));
  execFileSync('node', ['bin/igv.mjs', 'sim', '--scenario', 'simulator/scenarios/smoke-phase1.json', '--seed', '1', '--hours', '0.3', '--trace', '--no-progress', '--out', out], { cwd: ROOT });
  trace = join(out, 'trace.jsonl');
  server = await startTestGate({ fleet: { simulated: 6 }, timeScale: 5 });
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-udd-')), {
    executablePath: CHROMIUM!,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    viewport: { width: 1280, height: 800 },
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 240_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** Share of sampled canvas pixels that differ from the corner colour (the background). */
async function paintedShare(): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const gl = doc.querySelector('canvas');
    const c = doc.createElement('canvas');
    c.width = 200;
    c.height = 120;
    const g = c.getContext('2d');
    g.drawImage(gl, 0, 0, c.width, c.height);
    const d: Uint8ClampedArray = g.getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let differ = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - bg[0]!) + Math.abs(d[i + 1]! - bg[1]!) + Math.abs(d[i + 2]! - bg[2]!) > 30) differ++;
    return differ / (d.length / 4);
  });
}

describe('given the viewer open on a live gate in headless chromium', () => {
  it('renders the gate and counts the same vehicles as the feed', async () => {
    await page.goto(`${server.url}/?token=${server.tokens.operator[0]}`);
    // Vehicles join the engine when their first state arrives; on a busy machine that takes a while.
    await expect.poll(() => server.gate.world().vehicles.size, { timeout: 60_000 }).toBe(6);
    const count = () => page.evaluate(() => ((globalThis as any).__igv as Igv | undefined)?.vehicleCount() ?? -1);
    const status = () => page.evaluate(() => (globalThis as any).document.querySelector('#conn-status')?.textContent ?? '(no status)');
    try {
      await expect.poll(count, { timeout: 60_000 }).toBe(6);
    } catch (err) {
      const boot = await page.evaluate(() => (globalThis as any).document.querySelector('#boot-error')?.textContent ?? '');
      throw new Error(`the page counted ${await count()} vehicles (engine ${server.gate.world().vehicles.size}); feed status [${await status()}] ${boot}: ${String(err)}`);
    }
    await page.waitForTimeout(1_500);
    expect(await paintedShare()).toBeGreaterThan(0.05);
    await expect.poll(() => page.textContent('#hud-vehicles').then((t) => t?.trim()), { timeout: 10_000 }).toBe('6');
    // The page keeps the same mirror every IOC client keeps (its digest moves with every tick, so only its form is checked here;
    // digest equality with the server is the live-shift test's job).
    expect(await page.evaluate(() => ((globalThis as any).__igv as Igv).mirrorDigest())).toMatch(/^[0-9a-f]{16}$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-live.png') });
  }, 150_000);

  it('selects a vehicle with a click and shows its details', async () => {
    const id = 'IGV-01';
    const at = await page.evaluate((v) => ((globalThis as any).__igv as Igv).scene.screenPositionOf(v), id);
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    const picked = await page.waitForFunction(() => (globalThis as any).document.querySelector('#details')?.getAttribute('data-vehicle-id') || null, undefined, { timeout: 10_000 });
    const shown = (await picked.jsonValue()) as string;
    expect(shown).toMatch(/^IGV-\d\d$/);
    // A click may land on a neighbour in a packed parking row; either way the panel names what was picked.
    expect(await page.textContent('#details')).toContain(shown);
  }, 30_000);

  it('pauses the selected vehicle from the view: the engine has it paused and the view says so', async () => {
    const id = (await page.getAttribute('#details', 'data-vehicle-id'))!;
    await page.click('#btn-pause');
    await expect.poll(() => server.gate.world().vehicles.get(id)?.paused, { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await page.textContent('#details'))?.toLowerCase() ?? '', { timeout: 10_000 }).toContain('paused');
    await page.click('#btn-resume');
    await expect.poll(() => server.gate.world().vehicles.get(id)?.paused, { timeout: 10_000 }).toBe(false);
  }, 30_000);

  it('replays a saved trace: scrubbing moves the vehicles', async () => {
    await page.goto(`${server.url}/?token=${server.tokens.operator[0]}&mode=replay`);
    await page.setInputFiles('#replay-file', trace);
    await page.waitForFunction(() => (((globalThis as any).__igv as Igv | undefined)?.vehicleCount() ?? 0) > 0, undefined, { timeout: 30_000 });
    const scrub = async (fraction: number) => {
      await page.$eval('#replay-scrub', (el, f) => {
        const input = el as any;
        input.value = String(Number(input.min) + (Number(input.max) - Number(input.min)) * (f as number));
        input.dispatchEvent(new (globalThis as any).Event('input', { bubbles: true }));
      }, fraction);
      await page.waitForTimeout(800);
      return page.evaluate(() => {
        const igv = (globalThis as any).__igv as Igv;
        const out: Record<string, { x: number; y: number } | null> = {};
        for (let i = 1; i <= 10; i++) {
          const id = `IGV-${String(i).padStart(2, '0')}`;
          out[id] = igv.scene.screenPositionOf(id);
        }
        return out;
      });
    };
    const early = await scrub(0.05);
    const late = await scrub(0.95);
    const moved = Object.keys(early).filter((id) => early[id] && late[id] && Math.hypot(early[id]!.x - late[id]!.x, early[id]!.y - late[id]!.y) > 2);
    expect(moved.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-replay.png') });
  }, 60_000);
});
