/**
 * "A crash at 03:00 must not lose a container": the real `igv serve` process, with a simulated
 * fleet and generated demand, takes orders over the API, is killed with SIGKILL mid-shift and
 * started again on the same data dir. Every order it answered 201 for is back, the journal
 * replays to the recorded digest, and the gate carries on.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeContainerId } from '../../engine/core/model/iso6346.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly lines: string[];
}

/** The server, with tokens for IGV-01…04 but no in-process fleet: the vehicles are another process that outlives the crash. */
function serve(dataDir: string, port = 0): Promise<Running> {
  const config = join(dataDir, 'serve.json');
  writeFileSync(config, JSON.stringify({ timeScale: 10, fleet: { simulated: 0, extraSerials: ['IGV-01', 'IGV-02', 'IGV-03', 'IGV-04'] } }));
  const child = spawn('node', ['bin/igv.mjs', 'serve', '--port', String(port), '--data-dir', dataDir, '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no URL printed; output: ${lines.slice(-5).join('\n')}`)), 60_000);
    const take = (chunk: Buffer) => {
      buf += String(chunk);
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const m = line.match(/the gate is running at (http:\/\/\S+?)\/ /);
        if (m) {
          clearTimeout(timer);
          res({ child, url: m[1]!, lines });
        }
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => rej(new Error(`igv serve exited with ${code}: ${lines.slice(-5).join('\n')}`)));
  });
}

function order(i: number) {
  return {
    id: `CRASH-${i}`,
    containerId: makeContainerId('TST', 500 + i),
    sizeFt: 40,
    grossKg: 24_000,
    goods: 'frozen-seafood',
    direction: 'VN-CN',
    origin: 'ST-VN-CR01',
    destination: 'ST-CN-CR01',
    via: ['ST-VN-AG-N', 'ST-VN-NII-N'],
  };
}

describe('given igv serve killed with SIGKILL mid-shift', () => {
  it('restarts on the same data dir with every accepted order back and the journal replaying to its digest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'igv-crash-'));
    const first = await serve(dataDir);
    const port = Number(new URL(first.url).port);
    const fleet = spawn('node', ['bin/igv.mjs', 'fleet', '--count', '4', '--url', `ws://127.0.0.1:${port}`, '--tokens', join(dataDir, 'tokens.json'), '--time-scale', '10'], { cwd: ROOT, stdio: 'ignore' });
    const token = (JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as { operator: string[] }).operator[0]!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const accepted: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${first.url}/api/v1/orders`, { method: 'POST', headers, body: JSON.stringify(order(i)) });
      if (res.status === 201) accepted.push(`CRASH-${i}`);
    }
    expect(accepted.length).toBe(12);
    // Let the shift run on a little: demand, dispatch, vehicles moving.
    await new Promise((r) => setTimeout(r, 3_000));
    const before = (await (await fetch(`${first.url}/api/v1/orders?limit=1000`, { headers })).json()) as { total: number };
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await serve(dataDir, port);
    try {
      const list = (await (await fetch(`${second.url}/api/v1/orders?limit=1000`, { headers })).json()) as { total: number; items: { id: string }[] };
      const ids = new Set(list.items.map((o) => o.id));
      for (const id of accepted) expect(ids.has(id), id).toBe(true);
      expect(list.total).toBeGreaterThanOrEqual(before.total);
      const recovered = second.lines.map((l) => { try { return JSON.parse(l) as { msg?: string; digestMatches?: boolean | null }; } catch { return {}; } }).find((l) => l.msg === 'recovered the gate from its store');
      expect(recovered).toBeDefined();
      expect(recovered!.digestMatches).toBe(true);
      // The vehicles reconnect on their own, resync from their states and carry on working.
      type Vehicles = { items?: { id: string; status: string; odometerMm: number }[] } | { id: string; status: string; odometerMm: number }[];
      const vehicles = async () => {
        const body = (await (await fetch(`${second.url}/api/v1/vehicles`, { headers })).json()) as Vehicles;
        return Array.isArray(body) ? body : (body.items ?? []);
      };
      const t0 = Date.now();
      while ((await vehicles()).filter((v) => v.status === 'ok').length < 4 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 250));
      const odo0 = (await vehicles()).reduce((s, v) => s + v.odometerMm, 0);
      await new Promise((r) => setTimeout(r, 3_000));
      const after = await vehicles();
      expect(after.map((v) => v.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
      expect(after.reduce((s, v) => s + v.odometerMm, 0)).toBeGreaterThan(odo0);
      const health = (await (await fetch(`${second.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      fleet.kill('SIGTERM');
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 180_000);
});
