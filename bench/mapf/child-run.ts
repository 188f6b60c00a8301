/**
 * Runs one whole process for a benchmark and waits for it: wall time, exit code, output; a hard
 * wall-clock kill so a run that ignores its own time limit cannot stall the suite.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT } from './instances.ts';

export interface ChildResult {
  /** Exit code, or null when killed. */
  readonly code: number | null;
  readonly killed: boolean;
  readonly wallMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  /** SIGKILL after this many ms (default: never). */
  readonly killAfterMs?: number;
  /** Called with each complete stderr line (progress of a child that reports on stderr). */
  readonly onStderrLine?: (line: string) => void;
}

/** `node ARGS…` from the repository root. */
export function runNode(args: readonly string[], opts: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      if (!opts.onStderrLine) return;
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) if (l.trim() !== '') opts.onStderrLine(l);
    });
    const timer = opts.killAfterMs === undefined ? null : setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.killAfterMs);
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code, killed, wallMs: performance.now() - t0, stdout, stderr });
    });
  });
}

/** `node bin/run-ts.mjs SCRIPT ARGS…`. */
export function runTs(script: string, args: readonly string[], opts: ChildOptions = {}): Promise<ChildResult> {
  return runNode(['bin/run-ts.mjs', script, ...args], opts);
}
