import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../simulator/sweep/worker-pool.ts';

describe('given the Node flags of the process that starts the sweep workers', () => {
  it('passes loader and memory flags on to the workers', () => {
    expect(workerExecArgv(['--import', 'tsx', '--max-old-space-size=4096'])).toEqual(['--import', 'tsx', '--max-old-space-size=4096']);
  });
  it('drops the flags a worker refuses when the parent ran code given with -e', () => {
    expect(workerExecArgv(['--import', 'tsx', '--input-type=module', '-e', 'await run()'])).toEqual(['--import', 'tsx']);
    expect(workerExecArgv(['--eval=1', '--print', 'x', '--conditions', 'development'])).toEqual(['--conditions', 'development']);
  });
});
