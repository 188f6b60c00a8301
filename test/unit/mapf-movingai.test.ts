import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  gridInstance, loadMovingAiMap, loadMovingAiScen, MovingAiError, nodePathToXY, parseMovingAiMap, parseMovingAiScen,
} from '../../simulator/mapf/movingai.ts';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'mapf');
const MAP = 'type octile\nheight 3\nwidth 4\nmap\n..@.\n.T..\nG.S.\n';
const line = (sx: number, sy: number, gx: number, gy: number, w = 4, h = 3) => `0\tm.map\t${w}\t${h}\t${sx}\t${sy}\t${gx}\t${gy}\t3.0`;
const scen = (...lines: string[]) => `version 1\n${lines.join('\n')}\n`;

describe('given a well-formed .map', () => {
  it('reads size and cells, with . G S passable and @ T blocked, x = column and y = row', () => {
    const m = parseMovingAiMap(MAP, 'm.map');
    expect(m).toMatchObject({ width: 4, height: 3 });
    expect([...m.passable]).toEqual([1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
  });
  it('accepts Windows line ends', () => {
    expect(parseMovingAiMap(MAP.replace(/\n/g, '\r\n')).width).toBe(4);
  });
});

describe('given a broken .map', () => {
  const err = (text: string) => () => parseMovingAiMap(text, 'bad.map');
  it.each([
    ['a wrong first line', 'kind octile\nheight 3\nwidth 4\nmap\n', /bad\.map:1: expected "type …"/],
    ['a grid type other than octile', 'type hex\nheight 3\nwidth 4\nmap\n', /bad\.map:1: map type must be "octile"/],
    ['a height that is not a number', 'type octile\nheight three\nwidth 4\nmap\n', /bad\.map:2: bad height "three"/],
    ['a zero width', 'type octile\nheight 3\nwidth 0\nmap\n', /bad\.map:3: bad width "0"/],
    ['no "map" line', 'type octile\nheight 3\nwidth 4\n..@.\n', /bad\.map:4: expected "map"/],
    ['a row of the wrong length', MAP.replace('.T..', '.T.'), /bad\.map:6: row 1 has 3 cells, the header says width 4/],
    ['missing rows', 'type octile\nheight 3\nwidth 4\nmap\n....\n', /expected 3 map rows, found/],
    ['an unknown cell', MAP.replace('.T..', '.X..'), /bad\.map:6: unknown cell "X" at x=1/],
    ['rows beyond the height', `${MAP}....\n`, /bad\.map:8: text after the 3 map rows/],
  ])('rejects %s with the line number', (_what, text, message) => {
    expect(err(text)).toThrow(MovingAiError);
    expect(err(text)).toThrow(message);
  });
});

describe('given a .scen', () => {
  const map = parseMovingAiMap(MAP, 'm.map');
  it('reads one agent per line and builds the instance from the first N', () => {
    const s = parseMovingAiScen(scen(line(0, 0, 3, 2), line(3, 0, 0, 2), line(1, 2, 2, 2)), 'm.scen');
    expect(s.agents).toHaveLength(3);
    expect(s.agents[1]).toMatchObject({ line: 3, start: [3, 0], goal: [0, 2], mapWidth: 4, mapHeight: 3 });
    const inst = gridInstance(map, s, 2);
    expect(inst.starts).toHaveLength(2);
    expect(nodePathToXY(inst.graph, [inst.starts[1]!, inst.goals[1]!])).toEqual([[3, 0], [0, 2]]);
  });
  it.each([
    ['a wrong header', 'version 2\n', /s\.scen:1: expected the header "version 1"/],
    ['too few fields', scen('0\tm.map\t4\t3\t0\t0\t3'), /s\.scen:2: expected 9 tab-separated fields .* found 7/],
    ['a coordinate that is not an integer', scen(line(0, 0, 3, 2).replace('\t3\t2\t', '\t3.5\t2\t')), /s\.scen:2: goal x "3\.5" is not an integer/],
    ['no agents', 'version 1\n\n', /s\.scen:3: no agents/],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseMovingAiScen(text, 's.scen')).toThrow(message);
  });
  it.each([
    ['a start on a blocked cell', [line(2, 0, 3, 2)], /s\.scen:2: start \(2,0\) is on a blocked cell "@"/],
    ['a goal on a tree', [line(0, 0, 1, 1)], /s\.scen:2: goal \(1,1\) is on a blocked cell "T"/],
    ['a start off the map', [line(4, 0, 3, 2)], /s\.scen:2: start \(4,0\) is outside the 4x3 map/],
    ['another map size', [line(0, 0, 3, 2, 5, 3)], /s\.scen:2: map size 5x3 differs from m\.map \(4x3\)/],
    ['a shared goal', [line(0, 0, 3, 2), line(1, 0, 3, 2)], /s\.scen:3: goal \(3,2\) is also the goal of line 2/],
  ])('rejects an instance with %s', (_what, lines, message) => {
    expect(() => gridInstance(map, parseMovingAiScen(scen(...lines), 's.scen'), lines.length)).toThrow(message);
  });
  it('rejects more agents than the scenario has', () => {
    expect(() => gridInstance(map, parseMovingAiScen(scen(line(0, 0, 3, 2)), 's.scen'), 2)).toThrow(/asked for 2 agents, the scenario has 1\.\.1/);
  });
  it('names the file it cannot read', () => {
    expect(() => loadMovingAiMap('/nonexistent/x.map')).toThrow(/\/nonexistent\/x\.map: cannot read \(ENOENT\)/);
  });
});

describe('given the shared MovingAI benchmark files', () => {
  it.each([
    ['random-32-32-20', 819], ['room-32-32-4', 682], ['maze-32-32-2', 666],
    ['empty-32-32', 1024], ['warehouse-10-20-10-2-1', 5699], ['den312d', 2445],
  ])('reads %s with the free-cell count of its README and all random-1 agents', (name, free) => {
    const map = loadMovingAiMap(join(SHARED, name, `${name}.map`));
    const s = loadMovingAiScen(join(SHARED, name, `${name}-random-1.scen`));
    expect(map.passable.reduce((a, b) => a + b, 0)).toBe(free);
    expect(gridInstance(map, s, s.agents.length).graph.n).toBe(free);
  });
});
