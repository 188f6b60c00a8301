/** One progress bar on stderr per suite (cli-progress), the last finished run shown beside it. */
import cliProgress from 'cli-progress';

export interface SuiteProgress {
  start(suite: string, total: number): void;
  /** One unit done; `last` describes it. */
  tick(last: string): void;
  stop(): void;
}

export function createSuiteProgress(): SuiteProgress {
  const bar = new cliProgress.SingleBar(
    { format: '{suite} [{bar}] {percentage}% {value}/{total} | {eta_formatted} left | {last}', noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (suite, total) => bar.start(total, 0, { suite, last: '' }),
    tick: (last) => bar.increment(1, { last }),
    stop: () => bar.stop(),
  };
}
