/**
 * MovingAI benchmark files (../shared/mapf/README.md): `.map` grids and `.scen` scenarios, read
 * with precise errors (file, line, what is wrong), and turned into a MAPF instance on the engine's
 * MAPF graph. x is the column, y the row, (0, 0) the top-left cell.
 */
import { readFileSync } from 'node:fs';
import { gridGraph, type GridGraph } from '../../engine/core/planner/mapf/mapf-graph.ts';

/** A bad `.map`/`.scen` file or instance; the message starts with `file:line:` where one applies. */
export class MovingAiError extends Error {
  override readonly name = 'MovingAiError';
}

export interface MovingAiMap {
  readonly source: string;
  readonly width: number;
  readonly height: number;
  /** The rows as written. */
  readonly rows: readonly string[];
  /** 1 where passable ('.', 'G', 'S'), 0 where blocked ('@', 'O', 'T', 'W'); index y * width + x. */
  readonly passable: Uint8Array;
}

export interface ScenEntry {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly bucket: number;
  readonly mapFile: string;
  readonly mapWidth: number;
  readonly mapHeight: number;
  readonly start: readonly [number, number];
  readonly goal: readonly [number, number];
  /** The file's 8-connected optimal length (not a 4-connected MAPF cost). */
  readonly optimalLength: number;
}

export interface MovingAiScen {
  readonly source: string;
  readonly agents: readonly ScenEntry[];
}

const PASSABLE = '.GS';
const BLOCKED = '@OTW';

/** Parses a `.map` text. Throws MovingAiError naming `source` and the line. */
export function parseMovingAiMap(text: string, source = 'map'): MovingAiMap {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const err = (line: number, m: string) => new MovingAiError(`${source}:${line}: ${m}`);
  const header = (idx: number, key: string): string => {
    const words = (lines[idx] ?? '').trim().split(/\s+/);
    if (words[0] !== key) throw err(idx + 1, `expected "${key}${key === 'map' ? '' : ' …'}", found "${(lines[idx] ?? '').trim()}"`);
    if (key === 'map') return '';
    if (words.length !== 2) throw err(idx + 1, `expected "${key} <value>"`);
    return words[1]!;
  };
  const type = header(0, 'type');
  if (type !== 'octile') throw err(1, `map type must be "octile", found "${type}"`);
  // The format fixes height before width; accept either order, as some tools write them swapped.
  const sizes = new Map<string, number>();
  for (const idx of [1, 2]) {
    const key = (lines[idx] ?? '').trim().split(/\s+/)[0] ?? '';
    if (key !== 'height' && key !== 'width') throw err(idx + 1, `expected "height …" or "width …", found "${(lines[idx] ?? '').trim()}"`);
    if (sizes.has(key)) throw err(idx + 1, `"${key}" given twice`);
    const value = header(idx, key);
    const n = Number(value);
    if (!/^\d+$/.test(value) || !(n > 0 && n <= 100_000)) throw err(idx + 1, `bad ${key} "${value}": expected a positive integer`);
    sizes.set(key, n);
  }
  header(3, 'map');
  const width = sizes.get('width')!;
  const height = sizes.get('height')!;
  const rows = lines.slice(4, 4 + height);
  if (rows.length < height) throw err(lines.length, `expected ${height} map rows, found ${rows.length}`);
  const passable = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = rows[y]!;
    if (row.length !== width) throw err(y + 5, `row ${y} has ${row.length} cells, the header says width ${width}`);
    for (let x = 0; x < width; x++) {
      const ch = row[x]!;
      if (PASSABLE.includes(ch)) passable[y * width + x] = 1;
      else if (!BLOCKED.includes(ch)) throw err(y + 5, `unknown cell "${ch}" at x=${x}: expected one of ${PASSABLE}${BLOCKED}`);
    }
  }
  const extra = lines.findIndex((l, i) => i >= 4 + height && l.trim() !== '');
  if (extra >= 0) throw err(extra + 1, `text after the ${height} map rows (is the height right?)`);
  return { source, width, height, rows, passable };
}

/** Parses a `.scen` text ("version 1" then 9 tab-separated fields per agent). */
export function parseMovingAiScen(text: string, source = 'scen'): MovingAiScen {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const err = (line: number, m: string) => new MovingAiError(`${source}:${line}: ${m}`);
  if (!/^version\s+1(\.0+)?\s*$/.test(lines[0] ?? '')) throw err(1, `expected the header "version 1", found "${(lines[0] ?? '').trim()}"`);
  const agents: ScenEntry[] = [];
  for (let k = 1; k < lines.length; k++) {
    const text = lines[k]!;
    if (text.trim() === '') continue;
    const f = text.split('\t').map((s) => s.trim());
    if (f.length !== 9) throw err(k + 1, `expected 9 tab-separated fields (bucket, map, width, height, start x, start y, goal x, goal y, length), found ${f.length}`);
    const int = (idx: number, name: string): number => {
      if (!/^-?\d+$/.test(f[idx]!)) throw err(k + 1, `${name} "${f[idx]}" is not an integer`);
      return Number(f[idx]);
    };
    const optimalLength = Number(f[8]);
    if (f[8] === '' || !Number.isFinite(optimalLength)) throw err(k + 1, `optimal length "${f[8]}" is not a number`);
    agents.push({
      line: k + 1,
      bucket: int(0, 'bucket'),
      mapFile: f[1]!,
      mapWidth: int(2, 'map width'),
      mapHeight: int(3, 'map height'),
      start: [int(4, 'start x'), int(5, 'start y')],
      goal: [int(6, 'goal x'), int(7, 'goal y')],
      optimalLength,
    });
  }
  if (agents.length === 0) throw err(lines.length, 'no agents in the scenario');
  return { source, agents };
}

export function loadMovingAiMap(path: string): MovingAiMap {
  return parseMovingAiMap(readText(path), path);
}

export function loadMovingAiScen(path: string): MovingAiScen {
  return parseMovingAiScen(readText(path), path);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new MovingAiError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export interface GridInstance {
  readonly graph: GridGraph;
  /** Node per agent, agents in scenario order. */
  readonly starts: Int32Array;
  readonly goals: Int32Array;
}

/**
 * The first `agents` lines of the scenario on the map's 4-connected graph. Throws MovingAiError
 * when the counts, sizes or cells do not fit (start or goal off the map, on a blocked cell, shared).
 */
export function gridInstance(map: MovingAiMap, scen: MovingAiScen, agents: number): GridInstance {
  if (!Number.isInteger(agents) || agents < 1 || agents > scen.agents.length) {
    throw new MovingAiError(`${scen.source}: asked for ${agents} agents, the scenario has 1..${scen.agents.length}`);
  }
  const graph = gridGraph(map.width, map.height, map.passable);
  const starts = new Int32Array(agents);
  const goals = new Int32Array(agents);
  const taken = [new Map<number, number>(), new Map<number, number>()];
  for (let i = 0; i < agents; i++) {
    const a = scen.agents[i]!;
    const at = `${scen.source}:${a.line}`;
    if (a.mapWidth !== map.width || a.mapHeight !== map.height) {
      throw new MovingAiError(`${at}: map size ${a.mapWidth}x${a.mapHeight} differs from ${map.source} (${map.width}x${map.height})`);
    }
    for (const [k, what, [x, y]] of [[0, 'start', a.start], [1, 'goal', a.goal]] as const) {
      if (!(x >= 0 && y >= 0 && x < map.width && y < map.height)) throw new MovingAiError(`${at}: ${what} (${x},${y}) is outside the ${map.width}x${map.height} map`);
      const node = graph.nodeOfCell[y * map.width + x]!;
      if (node < 0) throw new MovingAiError(`${at}: ${what} (${x},${y}) is on a blocked cell "${map.rows[y]![x]}"`);
      const other = taken[k]!.get(node);
      if (other !== undefined) throw new MovingAiError(`${at}: ${what} (${x},${y}) is also the ${what} of line ${other}`);
      taken[k]!.set(node, a.line);
      (k === 0 ? starts : goals)[i] = node;
    }
  }
  return { graph, starts, goals };
}

/** A path of node ids as [x, y] cells. */
export function nodePathToXY(graph: GridGraph, path: ArrayLike<number>): [number, number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < path.length; t++) {
    const c = graph.cellOfNode[path[t]!]!;
    out.push([c % graph.width, Math.floor(c / graph.width)]);
  }
  return out;
}
