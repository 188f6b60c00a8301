/**
 * "A crash at 03:00 must not lose a container": the real `igv serve` process, with a simulated
 * fleet and generated demand, takes orders over the API, is killed with SIGKILL mid-shift and
 * started again on the same data dir. Every order it answered 201 for is back, the journal
 * replays to the recorded digest, and the gate carries on.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeContainerId } from '../../engine/core/model/iso6346.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly lines: string[];
}

function serve(dataDir: string): Promise<Running> {
  const child = spawn('node', ['bin/igv.mjs', 'serve', '--port', '0', '--data-dir', dataDir, '--fleet', '4', '--time-scale', '10'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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

    const second = await serve(dataDir);
    try {
      const list = (await (await fetch(`${second.url}/api/v1/orders?limit=1000`, { headers })).json()) as { total: number; items: { id: string }[] };
      const ids = new Set(list.items.map((o) => o.id));
      for (const id of accepted) expect(ids.has(id), id).toBe(true);
      expect(list.total).toBeGreaterThanOrEqual(before.total);
      const recovered = second.lines.map((l) => { try { return JSON.parse(l) as { msg?: string; digestMatches?: boolean | null }; } catch { return {}; } }).find((l) => l.msg === 'recovered the gate from its store');
      expect(recovered).toBeDefined();
      expect(recovered!.digestMatches).not.toBe(false);
      const health = (await (await fetch(`${second.url}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 180_000);
});
