/**
 * `igv serve` configuration: a zod-validated JSON file (`--config FILE`), with command-line flags
 * on top. Every field has a default, so `igv serve` alone starts the phase-1 gate with a simulated
 * fleet and generated demand.
 */
import { z } from 'zod';

export const ServeConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1').describe('listen address (localhost by default: put a TLS proxy in front to expose it)'),
    port: z.number().int().min(0).max(65_535).default(8080).describe('0 = any free port'),
    dataDir: z.string().min(1).default('data').describe('SQLite store and tokens.json live here'),
    storeFile: z.string().min(1).default('gate.sqlite').describe('SQLite file name inside dataDir (":memory:" keeps nothing)'),
    map: z.string().min(1).default('maps/data/bac-luan-2.phase1.json'),
    tickMs: z.number().int().min(10).max(1_000).default(100),
    timeScale: z.number().positive().max(1_000).default(1).describe('engine ms per wall ms (1 = real time)'),
    seed: z.number().int().nonnegative().default(1),
    lockstep: z.boolean().default(false).describe('accelerated runs: each tick waits for the lockstep vehicles\' states (see README)'),
    lockstepTimeoutMs: z.number().int().positive().default(2_000),
    stopAfterHours: z.number().positive().optional().describe('stop after this much engine time (accelerated runs)'),
    fleet: z
      .object({
        simulated: z.number().int().min(0).max(2_000).default(10).describe('virtual IGVs the server starts and connects over WebSocket'),
        prefix: z.string().default('IGV-'),
        extraSerials: z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/)).default(['EXT-01', 'EXT-02']).describe('serial numbers that get a vehicle token for external VDA 5050 clients'),
      })
      .strict()
      .prefault({}),
    demand: z
      .object({
        scenario: z.string().nullable().default('simulator/scenarios/smoke-phase1.json').describe('scenario whose demand is generated (null = orders only from the API)'),
      })
      .strict()
      .prefault({}),
    link: z
      .object({
        maxMessageBytes: z.number().int().positive().default(64 * 1024),
        hardMaxBytes: z.number().int().positive().default(1024 * 1024).describe('larger frames close the socket (1009)'),
        ratePerSecond: z.number().positive().default(50),
        burst: z.number().int().positive().default(200),
      })
      .strict()
      .prefault({}),
    snapshotEveryTicks: z.number().int().positive().default(600),
    trace: z.string().nullable().default(null).describe('write igv-trace/1 of the live run to this file'),
    traceEveryMs: z.number().int().positive().default(1_000),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    viewer: z.boolean().default(true),
  })
  .strict();

export type ServeConfig = z.infer<typeof ServeConfigSchema>;
export type ServeConfigInput = z.input<typeof ServeConfigSchema>;
