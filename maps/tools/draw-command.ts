/**
 * `igv map draw FILE --out SVG`: reads a map, writes its picture (see draw-map.ts), prints
 * `wrote <out>`. Faults print one line each to stderr and return 1; nothing is thrown at the user.
 */
import { writeFile } from 'node:fs/promises';
import { drawMapSvg } from './draw-map.ts';
import { loadMapFile } from './load-map.ts';

/** Writes the SVG picture of the map in `file` to `opts.out`; resolves to the exit code. */
export async function runMapDraw(file: string, opts: { out: string }): Promise<number> {
  try {
    const loaded = await loadMapFile(file);
    if (!loaded.ok) {
      for (const i of loaded.issues) process.stderr.write(`igv map draw: ${file} ${i.path}: ${i.message} (${i.code})\n`);
      return 1;
    }
    await writeFile(opts.out, drawMapSvg(loaded.map));
    process.stdout.write(`wrote ${opts.out}\n`);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`igv map draw: ${message.split('\n')[0]}\n`);
    return 1;
  }
}
