import { describe, expect, it } from 'vitest';
import { loadPhase1Map } from '../fixtures/phase1-run.ts';
import { feedAt, feedVehicle } from '../fixtures/feed-states.ts';
import { RING_MAP } from '../fixtures/ring-map.ts';
import { createHarness } from '../fixtures/engine-harness.ts';
import { createFeedHub } from '../../engine/runtime/feed/feed-hub.ts';
import { createFeedPipeline } from '../../engine/runtime/feed/feed-pipeline.ts';
import { emptyFeed, type FeedState, type FeedVehicle } from '../../engine/protocol/ioc/feed-schema.ts';
import { CARGO_COLORS, LOOK_COLORS, lanePolyline, selectionOf, vehicleDraws } from '../../viewer/src/model/draw-lists.ts';
import { measure, type Pt } from '../../viewer/src/model/polyline.ts';

const map = loadPhase1Map();

function stateWith(...vs: FeedVehicle[]): FeedState {
  const s = emptyFeed();
  for (const v of vs) s.vehicles[v.id] = v;
  return s;
}

/** A vehicle on the phase-1 north bridge track: trail VN half, nose on the CN half, route to the CN approach. */
function onBridge(over: Partial<FeedVehicle> = {}): FeedVehicle {
  return {
    ...feedVehicle('IGV-1', 0),
    trail: ['L-BR-N1-VN'], lane: 'L-BR-N1-CN', offsetMm: 10_000, route: ['L-CN-APP-N-01'],
    limit: { laneIndex: 0, offsetMm: 60_000 }, lengthM: 15.6, ...over,
  };
}

function distToLine(p: Pt, line: readonly Pt[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    if (dx === 0 && dy === 0) continue;
    const t = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy));
  }
  return best;
}

describe('given a feed state with vehicles in every condition', () => {
  const s = stateWith(
    { ...feedVehicle('V3', 2), state: 'serving', cargo: 'frozen-seafood' },
    { ...feedVehicle('V1', 1), state: 'driving' },
    { ...feedVehicle('V2', 1), state: 'waiting', paused: true },
    { ...feedVehicle('V5', 1), state: 'driving', status: 'broken', paused: true },
    { ...feedVehicle('V4', 1), state: 'charging', status: 'link-lost' },
    { ...feedVehicle('V6', 1), state: 'faulted' },
    { ...feedVehicle('V7', 1), state: 'idle' },
  );
  const draws = vehicleDraws(s);

  it('draws one entry per vehicle, sorted by id, at the reported pose in metres', () => {
    expect(draws.map((d) => d.id)).toEqual(['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7']);
    expect(draws[2]).toEqual({ id: 'V3', x: 3, y: 2, heading: 0.5, lengthM: 15.6, widthM: 3, look: 'serving', cargo: 'frozen-seafood' });
  });

  it('shows faulted over paused and paused over the activity, when status or pause says so', () => {
    expect(Object.fromEntries(draws.map((d) => [d.id, d.look]))).toEqual({
      V1: 'driving', V2: 'paused', V3: 'serving', V4: 'faulted', V5: 'faulted', V6: 'faulted', V7: 'idle',
    });
  });

  it('draws nothing for an empty feed and follows the synthetic feed fixture', () => {
    expect(vehicleDraws(emptyFeed())).toEqual([]);
    expect(vehicleDraws(feedAt(4, 3)).map((d) => [d.id, d.x])).toEqual([['V000', 6], ['V001', 6], ['V002', 6]]);
  });
});

describe('given a vehicle on the north bridge track of the phase-1 map', () => {
  it('runs the route from the nose along the lanes ahead to the end of the last route lane', () => {
    const sel = selectionOf(stateWith(onBridge()), 'IGV-1', map)!;
    expect(sel.id).toBe('IGV-1');
    const pts = sel.route!.points;
    expect(pts[0]![0]).toBeCloseTo(2.5, 9);
    expect(pts[0]![1]).toBeCloseTo(10, 9);
    expect(pts[pts.length - 1]).toEqual([2.5, 613.5]);
    expect(measure(pts).length).toBeCloseTo(463.5 - 10 + 150, 6);
  });

  it('holds space from the tail, back over the border onto the VN lane, to the limit point', () => {
    const sel = selectionOf(stateWith(onBridge()), 'IGV-1', map)!;
    const pts = sel.held!.points;
    expect(pts[0]![1]).toBeCloseTo(10 - 15.6, 9);
    expect(pts.some((p) => p[1] === 0)).toBe(true); // the node between the two bridge lanes
    expect(pts[pts.length - 1]![1]).toBeCloseTo(60, 9);
    const further = selectionOf(stateWith(onBridge({ limit: { laneIndex: 1, offsetMm: 20_000 } })), 'IGV-1', map)!;
    expect(further.held!.points.at(-1)![1]).toBeCloseTo(463.5 + 20, 9);
  });

  it('holds at least the body when the limit lies behind the nose', () => {
    const sel = selectionOf(stateWith(onBridge({ limit: { laneIndex: 0, offsetMm: 0 } })), 'IGV-1', map)!;
    expect(measure(sel.held!.points).length).toBeCloseTo(15.6, 6);
  });

  it('extends the held space straight back when the trail is shorter than the body', () => {
    const sel = selectionOf(stateWith(onBridge({ trail: [] })), 'IGV-1', map)!;
    expect(sel.held!.points[0]![1]).toBeCloseTo(10 - 15.6, 9);
    expect(sel.held!.points[0]![0]).toBeCloseTo(2.5, 9);
  });

  it('has no route when nothing is planned, and no selection for an unknown vehicle', () => {
    const idle = selectionOf(stateWith(onBridge({ route: [], task: null })), 'IGV-1', map)!;
    expect(idle.route).toBeNull();
    expect(idle.held).not.toBeNull();
    expect(selectionOf(stateWith(onBridge()), 'IGV-9', map)).toBeNull();
  });

  it('draws no paths for a vehicle on lanes the map does not have', () => {
    expect(selectionOf(feedAt(1, 2), 'V000', map)).toEqual({ id: 'V000', route: null, held: null });
  });
});

describe('given a route through curved yard lanes', () => {
  const curved = map.lanes.find((l) => l.id === 'L-CN-Y-CR01-01')!;
  const next = map.lanes.find((l) => l.from === curved.to)!;

  it('follows the curve: every route point lies on the lane centre lines', () => {
    const v = onBridge({ trail: [], lane: curved.id, offsetMm: 16_000, route: [next.id], limit: { laneIndex: 1, offsetMm: 5_000 } });
    const sel = selectionOf(stateWith(v), 'IGV-1', map)!;
    const both = [...lanePolyline(map, curved.id)!, ...lanePolyline(map, next.id)!];
    for (const p of sel.route!.points) expect(distToLine(p, both)).toBeLessThan(1e-6);
    for (const p of sel.held!.points) expect(distToLine(p, both)).toBeLessThan(1e-6);
    expect(sel.held!.points.length).toBeGreaterThan(3);
  });
});

describe('given the real engine driving a vehicle round the ring', () => {
  it('puts the reported footprint centre midway between the drawn tail and nose at every tick', () => {
    const h = createHarness(RING_MAP);
    const hub = createFeedHub();
    const pipeline = createFeedPipeline(h.site, hub, {});
    const tick = (cmds: Parameters<typeof h.tick>[0] = []) => {
      const out = h.tick(cmds);
      pipeline.onTick(out.world, out.events, new Date(Date.UTC(2026, 0, 1) + out.world.tick * 500).toISOString());
      return pipeline.state()!;
    };
    tick([{ kind: 'AddVehicle', vehicleId: 'V1', spec: {}, at: { node: 'A' }, socPercent: 90 }]);
    tick([h.order('transfer-crane-C', 'transfer-crane-F')]);
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const s = tick();
      const v = s.vehicles.V1!;
      const sel = selectionOf(s, 'V1', RING_MAP)!;
      if (!sel.route || v.trail.length === 0) continue;
      const tail = sel.held!.points[0]!;
      const nose = sel.route.points[0]!;
      expect((tail[0] + nose[0]) / 2).toBeCloseTo(v.x, 2);
      expect((tail[1] + nose[1]) / 2).toBeCloseTo(v.y, 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

/** Linear RGB of '#rrggbb'. */
function lin(hex: string): [number, number, number] {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
}

/** Machado et al. (2009) full-severity simulation matrices. */
const CVD: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function seen(hex: string, m: number[][]): number[] {
  const c = lin(hex);
  return m.map((row) => Math.cbrt(Math.max(0, row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2])));
}

describe('given the palettes', () => {
  it('tells every look apart, also as seen with protanopia, deuteranopia and tritanopia', () => {
    const looks = Object.values(LOOK_COLORS);
    expect(new Set(looks).size).toBe(7);
    for (const [name, m] of Object.entries(CVD)) {
      for (let i = 0; i < looks.length; i++) {
        for (let j = i + 1; j < looks.length; j++) {
          const a = seen(looks[i]!, m);
          const b = seen(looks[j]!, m);
          const d = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
          expect(d, `${name}: ${looks[i]} vs ${looks[j]}`).toBeGreaterThan(0.08);
        }
      }
    }
  });

  it('has a distinct colour for each goods type', () => {
    expect(Object.keys(CARGO_COLORS).sort()).toEqual(['electronics', 'frozen-seafood', 'fruit-vegetables', 'other']);
    expect(new Set(Object.values(CARGO_COLORS)).size).toBe(4);
    for (const c of [...Object.values(CARGO_COLORS), ...Object.values(LOOK_COLORS)]) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});
