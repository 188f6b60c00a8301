/**
 * `igv serve [--port P] [--host H] [--config FILE]`: the live gate (DESIGN §7) — engine on a wall
 * clock, operator API, IOC feed, vehicle link, viewer, and (unless told otherwise) a simulated
 * fleet connected over real WebSocket plus generated demand. Stops cleanly on SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ServeConfigSchema, type ServeConfigInput } from './serve-config.ts';
import { startGateServer } from './gate-server.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
  dataDir?: string;
  map?: string;
  fleet?: string;
  demand?: string | false;
  timeScale?: string;
  lockstep?: boolean;
  hours?: string;
  trace?: string;
  logLevel?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the live gate: engine, operator API (/api/v1, /docs), IOC feed (/ioc/v1), vehicle link (/vda5050/v2/…), viewer (/), simulated fleet')
    .option('--port <p>', 'TCP port (default 8080; 0 = any free port)')
    .option('--host <h>', 'listen address (default 127.0.0.1)')
    .option('--config <file>', 'JSON configuration (see engine/serve/serve-config.ts); flags override it')
    .option('--data-dir <dir>', 'where gate.sqlite and tokens.json live (default data)')
    .option('--map <file>', 'igv-map/1 file (default the phase-1 map)')
    .option('--fleet <n>', 'simulated IGVs to start and connect (0 = none, external vehicles only)')
    .option('--demand <scenario>', 'scenario whose demand is generated')
    .option('--no-demand', 'no generated demand (orders only from the API)')
    .option('--time-scale <x>', 'engine ms per wall ms (accelerated runs)')
    .option('--lockstep', 'each tick waits for the simulated vehicles (accelerated, exact runs)')
    .option('--hours <h>', 'stop after this much engine time')
    .option('--trace <file>', 'write igv-trace/1 of the run')
    .option('--log-level <level>', 'pino level (info, debug, warn…)')
    .action(async (opts: ServeOptions) => {
      process.exitCode = await runServe(opts);
    });
}

function overrides(opts: ServeOptions): ServeConfigInput {
  const o: Record<string, unknown> = {};
  const num = (flag: string, v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${flag} must be a number, got [${v}]`);
    return n;
  };
  if (opts.port !== undefined) o.port = num('--port', opts.port);
  if (opts.host !== undefined) o.host = opts.host;
  if (opts.dataDir !== undefined) o.dataDir = opts.dataDir;
  if (opts.map !== undefined) o.map = opts.map;
  if (opts.timeScale !== undefined) o.timeScale = num('--time-scale', opts.timeScale);
  if (opts.lockstep) o.lockstep = true;
  if (opts.hours !== undefined) o.stopAfterHours = num('--hours', opts.hours);
  if (opts.trace !== undefined) o.trace = opts.trace;
  if (opts.logLevel !== undefined) o.logLevel = opts.logLevel;
  if (opts.fleet !== undefined) o.fleet = { simulated: num('--fleet', opts.fleet) };
  if (opts.demand === false) o.demand = { scenario: null };
  else if (typeof opts.demand === 'string') o.demand = { scenario: opts.demand };
  return o as ServeConfigInput;
}

export async function runServe(opts: ServeOptions): Promise<number> {
  let input: Record<string, unknown> = {};
  try {
    if (opts.config) input = JSON.parse(readFileSync(opts.config, 'utf8')) as Record<string, unknown>;
    const flags = overrides(opts) as Record<string, unknown>;
    for (const k of ['fleet', 'demand', 'link'] as const) {
      if (flags[k] && input[k]) flags[k] = { ...(input[k] as object), ...(flags[k] as object) };
    }
    input = { ...input, ...flags };
  } catch (err) {
    process.stderr.write(`igv serve: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = ServeConfigSchema.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) process.stderr.write(`igv serve: config ${i.path.join('.') || '(root)'}: ${i.message}\n`);
    return 1;
  }
  let server;
  try {
    server = await startGateServer(parsed.data);
  } catch (err) {
    process.stderr.write(`igv serve: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`igv serve: the gate is running at ${server.url}/  (API docs ${server.url}/docs, tokens in ${server.tokensPath})\n`);
  const ioc = server.tokens.ioc[0];
  if (ioc) process.stdout.write(`igv serve: viewer ${server.url}/?token=${ioc}  ·  IOC feed ws${server.url.slice(4)}/ioc/v1?token=${ioc}\n`);
  return new Promise<number>((resolve) => {
    const stop = (why: string) => {
      void server.close(why).then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    void server.finished.then(() => stop('run length reached'));
  });
}
