/**
 * `igv mapf --map FILE.map --scen FILE.scen --agents N --out FILE.json [--time-limit-ms T] [--seed K]
 * [--lifelong --steps S [--guidance crisscross|none]]`: the engine's MAPF planner (PIBT + LaCAM,
 * engine/core/planner/mapf) on a MovingAI benchmark instance. One-shot writes `igv-mapf/1` (DESIGN §7), which
 * ../shared/tools/check-mapf.mjs validates; lifelong writes `igv-mapf-lifelong/1`
 * (simulator/mapf/mapf-runs.ts). Exit 0 solved (lifelong: ran all steps without gridlock),
 * 1 on bad input, 2 when not solved (time limit, proved unsolvable, gridlock).
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import cliProgress from 'cli-progress';
import { gridInstance, loadMovingAiMap, loadMovingAiScen, MovingAiError } from '../mapf/movingai.ts';
import { LIFELONG_GUIDANCE, runLifelongDoc, runOneShot } from '../mapf/mapf-runs.ts';

export interface MapfCommandOptions {
  map: string;
  scen: string;
  agents: string;
  out: string;
  timeLimitMs?: string;
  seed: string;
  lifelong?: boolean;
  steps?: string;
  guidance?: string;
  progress?: boolean;
}

export function registerMapfCommand(program: Command): void {
  program
    .command('mapf')
    .description('multi-agent path finding on a MovingAI benchmark instance with the engine planner (PIBT + LaCAM); one-shot or lifelong')
    .requiredOption('--map <file>', 'MovingAI .map file (4-connected; . G S passable, @ O T W blocked)')
    .requiredOption('--scen <file>', 'MovingAI .scen file; agent i is line i after the header')
    .requiredOption('--agents <n>', 'number of agents: the first N lines of the scenario')
    .requiredOption('--out <file>', 'output JSON: igv-mapf/1 (one-shot) or igv-mapf-lifelong/1 (--lifelong)')
    .option('--time-limit-ms <t>', 'wall-clock limit in ms (one-shot default 30000; lifelong default none)')
    .option('--seed <k>', 'seed of tie-breaks and of lifelong goals', '1')
    .option('--lifelong', 'lifelong MAPF: a new random goal (seeded) each time an agent reaches its goal; reports throughput')
    .option('--steps <s>', 'lifelong: steps to simulate (required with --lifelong)')
    .option('--guidance <kind>', `lifelong: ${LIFELONG_GUIDANCE.join(' | ')}; crisscross (default) makes moves against a row's or column's direction cost double, so traffic forms one-way lanes`)
    .option('--no-progress', 'lifelong: no progress bar')
    .addHelpText(
      'after',
      '\nOne-shot output: {"format":"igv-mapf/1","agents":N,"solved":true,"runtimeMs":…,"paths":[[[x,y],…],…],' +
        '"reason","sumOfCosts","makespan","lowerBounds":{"sumOfCosts","makespan"},…}; x = column, y = row.\n' +
        'Lifelong output: {"format":"igv-mapf-lifelong/1","agents","steps","seed","guidance","goalsReached","throughput" (goals per step),' +
        '"quarters","gridlockAt","stepMs":{"mean","p99","max"},…}.\n' +
        'Exit codes: 0 solved (lifelong: all steps run, no gridlock), 1 bad input, 2 not solved (time limit, unsolvable, gridlock).\n' +
        'Check a one-shot solution: node ../shared/tools/check-mapf.mjs MAP SCEN OUT.json',
    )
    .action((opts: MapfCommandOptions) => {
      process.exitCode = runMapfCommand(opts);
    });
}

export function runMapfCommand(opts: MapfCommandOptions): number {
  const agents = positiveInt(opts.agents);
  if (agents === null) return fail(`--agents must be a positive integer, got [${opts.agents}]`);
  const seed = Number(opts.seed);
  if (!Number.isSafeInteger(seed)) return fail(`--seed must be an integer, got [${opts.seed}]`);
  const limit = opts.timeLimitMs === undefined ? null : Number(opts.timeLimitMs);
  if (limit !== null && !(limit > 0)) return fail(`--time-limit-ms must be a positive number of ms, got [${opts.timeLimitMs}]`);
  const steps = opts.steps === undefined ? null : positiveInt(opts.steps);
  if (opts.lifelong && steps === null) return fail(`--lifelong needs --steps S (a positive integer)${opts.steps === undefined ? '' : `, got [${opts.steps}]`}`);
  if (!opts.lifelong && opts.steps !== undefined) return fail('--steps applies only with --lifelong');
  if (!opts.lifelong && opts.guidance !== undefined) return fail('--guidance applies only with --lifelong');
  const guidance = LIFELONG_GUIDANCE.find((g) => g === (opts.guidance ?? 'crisscross'));
  if (guidance === undefined) return fail(`--guidance must be one of ${LIFELONG_GUIDANCE.join(', ')}, got [${opts.guidance}]`);
  let inst;
  try {
    inst = gridInstance(loadMovingAiMap(opts.map), loadMovingAiScen(opts.scen), agents);
  } catch (e) {
    if (e instanceof MovingAiError) return fail(e.message);
    throw e;
  }
  const name = basename(opts.map).replace(/\.map$/, '');
  if (opts.lifelong) {
    const total = steps!;
    const bar = opts.progress === false ? null : new cliProgress.SingleBar(
      { format: 'igv mapf [{bar}] {percentage}% | {value}/{total} steps | {eta_formatted} left', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar?.start(total, 0);
    let doc;
    try {
      doc = runLifelongDoc(inst, { steps: total, seed, guidance, timeLimitMs: limit ?? Infinity, onStep: (s) => (s % 50 === 0 ? bar?.update(s) : undefined) });
      bar?.update(doc.stepsRun);
    } finally {
      bar?.stop();
    }
    const werr = write(opts.out, doc);
    if (werr !== null) return fail(werr);
    const ok = doc.gridlockAt === null && !doc.stopped;
    process.stdout.write(
      `igv mapf: lifelong ${agents} agents on ${name} (guidance ${doc.guidance}), ${doc.stepsRun}/${total} steps, ${doc.goalsReached} goals reached, ` +
        `throughput ${doc.throughput}/step (quarters ${doc.quarters.join('/')}), ${doc.stepMs.mean} ms/step mean, p99 ${doc.stepMs.p99}` +
        `${doc.gridlockAt !== null ? `; GRIDLOCK at step ${doc.gridlockAt}` : ''}${doc.stopped ? '; stopped by the time limit' : ''}\n` +
        `wrote ${opts.out}\n`,
    );
    return ok ? 0 : 2;
  }
  const doc = runOneShot(inst, { timeLimitMs: limit ?? 30_000, seed });
  const werr = write(opts.out, doc);
  if (werr !== null) return fail(werr);
  if (doc.solved) {
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
    process.stdout.write(
      `igv mapf: solved ${agents} agents on ${name} in ${doc.runtimeMs} ms: sum of costs ${doc.sumOfCosts} ` +
        `(${ratio(doc.sumOfCosts, doc.lowerBounds.sumOfCosts)}× lower bound), makespan ${doc.makespan} ` +
        `(${ratio(doc.makespan, doc.lowerBounds.makespan)}×)\nwrote ${opts.out}\n`,
    );
    return 0;
  }
  const why = doc.reason === 'unsolvable' ? 'no solution exists (search space exhausted)' : doc.reason === 'stopped' ? `time limit of ${limit ?? 30_000} ms reached` : 'memory cap reached';
  process.stdout.write(`igv mapf: not solved, ${agents} agents on ${name}: ${why} after ${doc.runtimeMs} ms\nwrote ${opts.out}\n`);
  return 2;
}

/** Writes the JSON; an error message when the file cannot be written. */
function write(path: string, doc: unknown): string | null {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(doc)}\n`);
    return null;
  } catch (e) {
    return `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
}

function positiveInt(s: string): number | null {
  return /^\d+$/.test(s.trim()) && Number(s) > 0 ? Number(s) : null;
}

function fail(message: string): number {
  process.stderr.write(`igv mapf: ${message}\n`);
  return 1;
}
