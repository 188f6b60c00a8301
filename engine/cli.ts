/**
 * `igv`: one command with subcommands. Each subcommand lives in its own module and registers
 * itself on the program here; this file only wires them together.
 */
import { Command, CommanderError } from 'commander';
import { registerMapCommands } from '../maps/tools/map-cli.ts';
import { registerSimCommand } from '../simulator/cli/sim-command.ts';
import { registerCapacityCommand } from '../simulator/cli/capacity-command.ts';
import { registerSweepCommand } from '../simulator/cli/sweep-command.ts';
import { registerServeCommand } from './serve/serve-command.ts';
import { registerFleetCommand } from '../simulator/cli/fleet-command.ts';
import { registerMapfCommand } from '../simulator/cli/mapf-command.ts';

export function buildProgram(): Command {
  const program = new Command('igv')
    .description('igv-fleet: control and simulation engine for the IGVs of the Bắc Luân II smart border gate')
    .showHelpAfterError()
    .exitOverride();
  registerMapCommands(program);
  registerSimCommand(program);
  registerCapacityCommand(program);
  registerSweepCommand(program);
  registerServeCommand(program);
  registerFleetCommand(program);
  registerMapfCommand(program);
  return program;
}

/** Runs the CLI and resolves to the process exit code (never calls process.exit itself). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1.
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`igv: ${message}\n`);
    return 1;
  }
}
