/**
 * Cycles in the wait-for graph: vehicle A waits for space B holds, B for space C holds, … back
 * to A. Such a cycle never clears by itself. Pure graph search, deterministic (ids in order).
 */

/** Every elementary cycle reachable by following the sorted edges, each rotated to start at its smallest id. */
export function findWaitCycles(waitsFor: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 0 | 1 | 2>(); // 0 new, 1 on stack, 2 done
  const stack: string[] = [];
  const visit = (v: string) => {
    state.set(v, 1);
    stack.push(v);
    for (const w of sortedList(waitsFor.get(v) ?? NONE)) {
      const s = state.get(w) ?? 0;
      if (s === 0 && waitsFor.has(w)) visit(w);
      else if (s === 1) {
        const cycle = stack.slice(stack.indexOf(w));
        const min = cycle.reduce((m, x) => (x < m ? x : m));
        const rotated = [...cycle.slice(cycle.indexOf(min)), ...cycle.slice(0, cycle.indexOf(min))];
        cycles.set(rotated.join('>'), rotated);
      }
    }
    stack.pop();
    state.set(v, 2);
  };
  for (const v of [...waitsFor.keys()].sort()) if ((state.get(v) ?? 0) === 0) visit(v);
  return [...cycles.keys()].sort().map((k) => cycles.get(k)!);
}

const NONE: readonly string[] = [];

/** The list in order: itself when already so (blockers lists are kept sorted), else a sorted copy. */
function sortedList(list: readonly string[]): readonly string[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! > list[i]!) return [...list].sort();
  return list;
}
