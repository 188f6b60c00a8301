/**
 * `igv map …` subcommands. Each one is a thin shell over a pure function in maps/tools; the
 * shell reads files, prints and sets the exit code.
 */
import type { Command } from 'commander';
import { runMapCheck } from './check-command.ts';
import { runMapStats } from './stats-command.ts';
import { runMapDraw } from './draw-command.ts';
import { runExportLif, runImportLif } from './lif-command.ts';

export function registerMapCommands(program: Command): void {
  const map = program.command('map').description('check, describe, draw and convert igv-map/1 lane maps');

  map
    .command('check')
    .description('validate a map: schema, references, duplicate lanes, reachability, geometry (exit 0 valid, 1 invalid)')
    .argument('<file>', 'igv-map/1 JSON file')
    .option('--json', 'print the faults as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      process.exitCode = await runMapCheck(file, opts);
    });

  map
    .command('stats')
    .description('lanes, total length, VN→CN route length, bridge lanes each way, stations by kind')
    .argument('<file>', 'igv-map/1 JSON file')
    .option('--json', 'print the statistics as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      process.exitCode = await runMapStats(file, opts);
    });

  map
    .command('draw')
    .description('draw the map as an SVG picture')
    .argument('<file>', 'igv-map/1 JSON file')
    .requiredOption('--out <svg>', 'output SVG file')
    .action(async (file: string, opts: { out: string }) => {
      process.exitCode = await runMapDraw(file, opts);
    });

  map
    .command('export-lif')
    .description('convert an igv-map/1 file to VDMA LIF 1.0')
    .argument('<file>', 'igv-map/1 JSON file')
    .requiredOption('--out <lif>', 'output LIF JSON file')
    .action(async (file: string, opts: { out: string }) => {
      process.exitCode = await runExportLif(file, opts);
    });

  map
    .command('import-lif')
    .description('convert a VDMA LIF 1.0 file to igv-map/1')
    .argument('<file>', 'LIF 1.0 JSON file')
    .requiredOption('--out <map>', 'output igv-map/1 JSON file')
    .option('--layout <id>', 'layoutId to import when the file has several')
    .action(async (file: string, opts: { out: string; layout?: string }) => {
      process.exitCode = await runImportLif(file, opts);
    });
}
