import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/fixtures/maps';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `igv` CLI (bin/igv.mjs) from the repository root. */
function igv(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/igv.mjs', ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s{4}at /m);

describe('given the igv CLI', () => {
  it('prints help and exits 0 when called with --help', async () => {
    const r = await igv('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('map');
  });

  it('prints the check help and exits 0 when called with map check --help', async () => {
    const r = await igv('map', 'check', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--json');
  });
});

describe('given igv map check', () => {
  it('prints one OK line and exits 0 when the map is valid', async () => {
    const file = `${FIXTURES}/valid-small.json`;
    const r = await igv('map', 'check', file);
    expect(r).toEqual({ code: 0, stdout: `OK: ${file}: 11 nodes, 13 lanes, 2 stations\n`, stderr: '' });
  });

  it('prints the fault line and a FAIL line and exits 1 when a lane length is wrong', async () => {
    const file = `${FIXTURES}/broken-length.json`;
    const r = await igv('map', 'check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${file}: $.lanes[2].lengthMm: IGV_MAP_LENGTH: lane L-GATE-SE length [103000 mm] differs from its centre line [100000 mm] by more than 1 %\n` +
        'FAIL: 1 fault(s)\n',
    );
    noStackTrace(r.stderr);
  });

  it('prints the schema fault at its JSON path and exits 1 when a width is a string', async () => {
    const file = `${FIXTURES}/broken-schema.json`;
    const r = await igv('map', 'check', file);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${file}: $.lanes[3].widthMm: IGV_MAP_SCHEMA: Invalid input: expected number, received string`,
      'FAIL: 1 fault(s)',
      '',
    ]);
    noStackTrace(r.stderr);
  });

  it('reports the parse position and exits 1 when the file is not JSON', async () => {
    const file = `${FIXTURES}/not-json.json`;
    const r = await igv('map', 'check', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file}: \\$: IGV_MAP_FILE: not valid JSON at line 4, column 3: .+\nFAIL: 1 fault\\(s\\)\n$`));
    noStackTrace(r.stderr);
  });

  it('exits 1 without a stack trace when the file does not exist', async () => {
    const r = await igv('map', 'check', `${FIXTURES}/no-such-map.json`);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('IGV_MAP_FILE: file [test/fixtures/maps/no-such-map.json] does not exist');
    noStackTrace(r.stderr);
  });

  it('prints { ok, issues } as JSON when called with --json', async () => {
    const bad = await igv('map', 'check', '--json', `${FIXTURES}/broken-length.json`);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      ok: false,
      issues: [{ path: '$.lanes[2].lengthMm', code: 'IGV_MAP_LENGTH', message: expect.stringContaining('L-GATE-SE') }],
    });
    const good = await igv('map', 'check', '--json', `${FIXTURES}/valid-small.json`);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({ ok: true, issues: [] });
  });
});
