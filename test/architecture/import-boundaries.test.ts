/**
 * The dependency rules of DESIGN §2, checked by reading the sources: the engine core is pure
 * (no Node modules, clocks, timers, Math.random or I/O) and imports only what it may.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** Code without comments and string contents, so a word in a doc comment does not count. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

const CORE = join(ROOT, 'engine', 'core');
const CORE_PACKAGES = ['zod', 'ngraph.graph', 'ngraph.path'];

describe('given the engine core', () => {
  const files = sources(CORE);
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only the core, maps/schema and allowed packages', (_name, file) => {
    for (const spec of imports(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const inCore = target.startsWith(CORE + '/');
        const inMapSchema = target.startsWith(join(ROOT, 'maps', 'schema') + '/');
        expect(inCore || inMapSchema, `${spec}`).toBe(true);
      } else {
        const ok = CORE_PACKAGES.includes(spec) || spec.startsWith('pure-rand/');
        expect(ok, `${spec}`).toBe(true);
      }
    }
  });
  it.each(files.map((f) => [relative(ROOT, f), f]))('%s uses no clock, timer, Math.random, process or I/O', (_name, file) => {
    const text = code(file);
    for (const banned of [/\bDate\b/, /Math\.random/, /\bsetTimeout\b/, /\bsetInterval\b/, /\bsetImmediate\b/, /\bprocess\./, /\bperformance\./, /\brequire\(/, /\bconsole\./]) {
      expect(banned.test(text), `${banned}`).toBe(false);
    }
  });
});

describe('given the map schema (shared by the core, the tools and later the browser)', () => {
  it.each(sources(join(ROOT, 'maps', 'schema')).map((f) => [relative(ROOT, f), f]))('%s imports no Node module', (_name, file) => {
    for (const spec of imports(file)) expect(spec.startsWith('node:') || ['fs', 'path', 'os'].includes(spec), spec).toBe(false);
  });
});

describe('given the simulator', () => {
  it.each(sources(join(ROOT, 'simulator')).map((f) => [relative(ROOT, f), f]))('%s does not reach into engine adapters', (_name, file) => {
    for (const spec of imports(file)) expect(spec.includes('/adapters/'), spec).toBe(false);
  });
});

/** DESIGN §2's table for the live gate's layers: protocol runs in the browser, runtime has no I/O, adapters do not know each other. */
function layerRule(folder: string, check: (spec: string, target: string | null) => string | null) {
  const dir = join(ROOT, ...folder.split('/'));
  const files = sources(dir);
  describe(`given ${folder}`, () => {
    it('has sources to check', () => expect(files.length).toBeGreaterThan(0));
    it.each(files.map((f) => [relative(ROOT, f), f]))('%s respects its layer', (_name, file) => {
      for (const spec of imports(file)) {
        const target = spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : null;
        const problem = check(spec, target);
        expect(problem, `${spec}`).toBeNull();
      }
    });
  });
}

layerRule('engine/protocol', (spec, target) => {
  if (target) return target.startsWith('engine/protocol/') || target.startsWith('engine/core/') ? null : 'protocol imports only itself and core types';
  return spec === 'zod' ? null : 'protocol runs in the browser: zod only';
});

layerRule('engine/runtime', (spec, target) => {
  if (target) return /^engine\/(core|protocol|runtime)\//.test(target) || target.startsWith('maps/schema/') ? null : 'runtime imports core, protocol and itself';
  return ['zod', 'rxjs'].includes(spec) || spec.startsWith('pure-rand/') ? null : 'runtime does no I/O';
});

for (const adapter of ['http', 'ws', 'sqlite', 'clock']) {
  layerRule(`engine/adapters/${adapter}`, (spec, target) => {
    if (!target) return null;
    if (target.startsWith('engine/adapters/')) return target.startsWith(`engine/adapters/${adapter}/`) ? null : 'adapters do not import each other';
    return /^engine\/(core|protocol|runtime)\//.test(target) || target.startsWith('maps/schema/') ? null : 'adapters import runtime, protocol and core';
  });
}

layerRule('viewer/src', (spec, target) => {
  if (target) {
    if (target.startsWith('viewer/src/') || target.startsWith('engine/protocol/')) return null;
    return target.startsWith('maps/schema/') ? null : 'the viewer imports the protocol module, three and itself';
  }
  return spec === 'three' || spec.startsWith('three/examples/') || spec === 'zod' ? null : 'the viewer imports the protocol module and three only';
});
