/**
 * `igv fleet --count N --url ws://127.0.0.1:8080 --tokens data/tokens.json [--map FILE]
 * [--clock wall|master] [--time-scale S] [--manufacturer NAME] [--tick-ms MS]`: runs N virtual
 * IGVs as real VDA 5050 2.1 clients of a running gate server, each on its own WebSocket with its
 * own token, starting where the server's fleet placement expects them. Plain progress lines on
 * stderr; Ctrl-C says OFFLINE for every vehicle, then exits 0.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { loadMapFile } from '../../maps/tools/load-map.ts';
import { createEngineConfig } from '../../engine/core/config/engine-config.ts';
import { createSite } from '../../engine/core/tick/site.ts';
import { TokensSchema } from '../../engine/runtime/auth/access.ts';
import { createFleetClient } from '../fleet-client/fleet-client.ts';

export interface FleetCommandOptions {
  count: string;
  url: string;
  tokens: string;
  map: string;
  clock: string;
  timeScale: string;
  manufacturer: string;
  tickMs: string;
  prefix: string;
}

export function registerFleetCommand(program: Command): void {
  program
    .command('fleet')
    .description('run virtual IGVs as VDA 5050 clients of a gate server (one WebSocket and token each)')
    .requiredOption('--count <n>', 'number of vehicles')
    .requiredOption('--url <url>', 'gate server base URL, e.g. ws://127.0.0.1:8080')
    .requiredOption('--tokens <file>', 'tokens.json of the server ({"vehicles": {"IGV-01": "…"}})')
    .option('--map <file>', 'igv-map/1 file the server runs', 'maps/data/bac-luan-2.phase1.json')
    .option('--clock <mode>', "'wall': drive on the wall clock × time scale; 'master': drive only to the server's stateRequest times (lockstep)", 'wall')
    .option('--time-scale <s>', 'vehicle ms per wall ms (clock wall)', '1')
    .option('--manufacturer <name>', 'manufacturer in the topic and headers', 'igv-fleet')
    .option('--tick-ms <ms>', "kinematic step, ms (the server's tick)", '100')
    .option('--prefix <p>', 'serial number prefix', 'IGV-')
    .action(async (opts: FleetCommandOptions) => {
      process.exitCode = await runFleetCommand(opts);
    });
}

export async function runFleetCommand(opts: FleetCommandOptions): Promise<number> {
  const count = Number(opts.count);
  if (!Number.isSafeInteger(count) || count < 1 || count > 2_000) return fail(`--count must be an integer 1–2000, got [${opts.count}]`);
  if (!/^wss?:\/\/[^\s]+$/.test(opts.url)) return fail(`--url must be a ws:// or wss:// URL, got [${opts.url}]`);
  if (opts.clock !== 'wall' && opts.clock !== 'master') return fail(`--clock must be wall or master, got [${opts.clock}]`);
  const timeScale = Number(opts.timeScale);
  if (!(timeScale > 0 && timeScale <= 1_000)) return fail(`--time-scale must be a number in (0, 1000], got [${opts.timeScale}]`);
  const tickMs = Number(opts.tickMs);
  if (!Number.isSafeInteger(tickMs) || tickMs < 10 || tickMs > 1_000) return fail(`--tick-ms must be an integer 10–1000, got [${opts.tickMs}]`);

  let tokens: Record<string, string>;
  try {
    tokens = TokensSchema.parse(JSON.parse(await readFile(opts.tokens, 'utf8'))).vehicles;
  } catch (err) {
    return fail(`cannot read the tokens file [${opts.tokens}]: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const loaded = await loadMapFile(opts.map);
  if (!loaded.ok) return fail(`map [${opts.map}]: ${loaded.issues[0]?.message ?? 'unreadable'}`);

  let fleet;
  try {
    const site = createSite(loaded.map, createEngineConfig({ tickMs }));
    fleet = createFleetClient({
      url: opts.url, site, count, tokens, clock: opts.clock, timeScale, manufacturer: opts.manufacturer, idPrefix: opts.prefix,
      onProgress: (online, total) => process.stderr.write(`igv fleet: connected ${online}/${total}\n`),
      log: (line) => process.stderr.write(`igv fleet: ${line}\n`),
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  process.stderr.write(`igv fleet: ${count} vehicles → ${opts.url} (clock ${opts.clock}${opts.clock === 'wall' ? `, ×${timeScale}` : ''})\n`);
  fleet.start();
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write('igv fleet: going offline…\n');
      void fleet.stop().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write('igv fleet: all vehicles offline\n');
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`igv fleet: ${message}\n`);
  return 1;
}
