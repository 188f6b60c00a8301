/**
 * Child-process entry of the MAPF benchmarks: exactly `igv mapf …` (same flags, same output
 * files, same exit codes; simulator/cli/mapf-command.ts), without loading the other igv commands
 * (server, viewer tooling), so a run's process start stays small. One instance per process: a
 * slow or memory-hungry instance cannot slow the next one, and the parent can kill it.
 *
 * usage: node bin/run-ts.mjs bench/mapf/mapf-child.ts --map M --scen S --agents N --out F [...]
 */
import { Command, CommanderError } from 'commander';
import { registerMapfCommand } from '../../simulator/cli/mapf-command.ts';

const program = new Command('igv').exitOverride();
registerMapfCommand(program);
try {
  await program.parseAsync(['mapf', ...process.argv.slice(2)], { from: 'user' });
} catch (err) {
  process.exitCode = err instanceof CommanderError ? err.exitCode : 1;
  if (!(err instanceof CommanderError)) process.stderr.write(`igv mapf: ${err instanceof Error ? err.message : String(err)}\n`);
}
