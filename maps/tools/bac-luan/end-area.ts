/**
 * One end of the IGV lane: the approach between the bridge and the yard, the automated gates and
 * NII scanners on the way out, and the yard loop with its combs of sidings. Drawn in a local frame
 * where the bridge end is y = 0 and the yard lies south (y < 0); lanes towards the bridge run on
 * the east (x > 0), lanes from the bridge on the west, as right-hand traffic on a N–S bridge does.
 * The VN end is placed unrotated, the CN end rotated by 180°, so both read the same here.
 *
 *   bridge  entry ▼ ▲ exit (gate, NII)
 *                 │ │
 *       LOOP-MRG ◄┤ ╰── LOOP-DIV ◄──────────── top lane (west) ◄──╮
 *                 │ ╰──╯ (yard loop back to the entry)             │ east side
 *                 ╰► SW ──► comb ──► comb ──► comb ──► ────────────╯
 */
import type { Jurisdiction, Station } from '../../schema/map-schema.ts';
import { buildComb, combRise, type CombSpec } from './comb.ts';
import type { LaneStyle, MapDraft, Xform } from './draft.ts';

/** Design values of the end areas (mm); each is noted as an ESTIMATE in the maps. */
export const END_GEOMETRY = {
  /** smallest yard curve radius */
  radiusMm: 15_000,
  /** centre-line offset of the IGV tracks from the bridge axis, inner then outer, per direction */
  trackOffsetMm: [2_500, 7_500],
  /** yard exit → first gate node (one track) */
  gateLeadMm: 20_000,
  /** yard exit → track diverge, and diverge end → gate (two tracks) */
  splitLeadMm: 10_000,
  /** automated gate → NII scanner */
  gateToScanMm: 30_000,
  /** NII scanner → end of the gate area */
  scanToOutMm: 20_000,
  /** entry merge (two tracks) → end of the approach */
  mergeTailMm: 30_000,
  /** last collector → curve onto the yard's east side */
  eastLeadMm: 20_000,
  /** clearance between the highest comb lane and the yard's top lane */
  topClearMm: 20_000,
} as const;

/** One end: which side, where it is drawn, its tracks, approach and combs. */
export interface EndSpec {
  side: Jurisdiction;
  xform: Xform;
  /** global direction letter of the lanes leaving towards the bridge (`N` at VN) and arriving */
  exitDir: 'N' | 'S';
  entryDir: 'N' | 'S';
  /** bridge-end node ids per track, inner track first (local x = ±trackOffset) */
  exitBridgeNodes: readonly string[];
  entryBridgeNodes: readonly string[];
  /** straight approach between the gate area (or entry yard lane) and the bridge end */
  approachMm: number;
  combs: readonly CombSpec[];
  gateServiceMs: number;
  scanServiceMs: number;
}

/** Along-track length (mm) of an S-curve of two opposite arcs of radius r shifting sideways by `offset`. */
export function sCurve(offsetMm: number, r: number): { deg: number; alongMm: number } {
  const theta = Math.acos(1 - offsetMm / (2 * r));
  return { deg: (theta * 180) / Math.PI, alongMm: 2 * r * Math.sin(theta) };
}

/** Draws one end area into `draft`: lanes, nodes and the stations of its gates and combs. */
export function buildEndArea(draft: MapDraft, spec: EndSpec): void {
  const g = END_GEOMETRY;
  const r = g.radiusMm;
  const { side: S, xform } = spec;
  const tracks = spec.exitBridgeNodes.length;
  const shift = sCurve(g.trackOffsetMm[1] - g.trackOffsetMm[0], r);
  const loopShift = sCurve(2 * g.trackOffsetMm[0], r);
  const x1 = g.trackOffsetMm[0];
  const yOut = -spec.approachMm;
  const stretch =
    tracks === 1 ? g.gateLeadMm + g.gateToScanMm + g.scanToOutMm : g.splitLeadMm + shift.alongMm + g.splitLeadMm + g.gateToScanMm + g.scanToOutMm;
  const yExit = yOut - stretch;
  const yTop = yExit - r;
  const xLoop = x1 + r;
  const style = (kind: LaneStyle['kind']): LaneStyle => ({ kind, jurisdiction: S });
  const yard = style('yard');

  // Yard exit and the gate area, one branch per track.
  const exit = draft.pen(xform, `${S}-Y-LOOP-DIV`, xLoop, yTop, 180, yard);
  exit.lane(`L-${S}-Y-EXIT-01`).arc(r, -90).to(`${S}-Y-EXIT`);
  const gateTracks: { tag: string; x: number }[] = [];
  if (tracks === 1) {
    gateTracks.push({ tag: spec.exitDir, x: x1 });
  } else {
    const div = `${S}-GATE-${spec.exitDir}-DIV`;
    exit.lane(`L-${S}-Y-EXIT-02`).straight(g.splitLeadMm).to(div);
    const yDiv = yExit + g.splitLeadMm;
    g.trackOffsetMm.forEach((x, i) => {
      const tag = `${spec.exitDir}${i + 1}`;
      const pen = draft.pen(xform, div, x1, yDiv, 90, style('gate')).lane(`L-${S}-GATE-${tag}-01`);
      if (i === 0) pen.straight(shift.alongMm);
      else pen.arc(r, -shift.deg).arc(r, shift.deg);
      pen.to(`${S}-GATE-${tag}-IN`);
      gateTracks.push({ tag, x });
    });
  }
  gateTracks.forEach(({ tag, x }, i) => {
    const start = tracks === 1 ? `${S}-Y-EXIT` : `${S}-GATE-${tag}-IN`;
    const yStart = tracks === 1 ? yExit : yExit + g.splitLeadMm + shift.alongMm;
    const pen = draft.pen(xform, start, x, yStart, 90, style('gate'));
    let n = tracks === 1 ? 1 : 2;
    const lane = () => `L-${S}-GATE-${tag}-${String(n++).padStart(2, '0')}`;
    pen.lane(lane()).straight(tracks === 1 ? g.gateLeadMm : g.splitLeadMm).to(`${S}-GATE-${tag}-AG`);
    pen.lane(lane()).straight(g.gateToScanMm).to(`${S}-GATE-${tag}-NII`);
    pen.lane(lane()).straight(g.scanToOutMm).to(`${S}-GATE-${tag}-OUT`);
    pen.lane(`L-${S}-APP-${tag}-01`, { kind: 'approach' }).straight(spec.approachMm).to(spec.exitBridgeNodes[i]!);
    const which = `${S === 'VN' ? 'VN→CN' : 'CN→VN'}${tracks === 1 ? '' : `, track ${i + 1}`}`;
    addGateStations(draft, spec, tag, which);
  });

  // Entry from the bridge: two tracks merge first, then one lane runs into the yard.
  const appEnd = `${S}-APP-${spec.entryDir}-END`;
  if (tracks === 1) {
    draft.pen(xform, spec.entryBridgeNodes[0]!, -x1, 0, -90, style('approach')).lane(`L-${S}-APP-${spec.entryDir}-01`).straight(spec.approachMm).to(appEnd);
  } else {
    const yMerge = yOut + g.mergeTailMm;
    const merge = `${S}-APP-${spec.entryDir}-MRG`;
    g.trackOffsetMm.forEach((x, i) => {
      const tag = `${spec.entryDir}${i + 1}`;
      const pen = draft.pen(xform, spec.entryBridgeNodes[i]!, -x, 0, -90, style('approach'));
      pen.lane(`L-${S}-APP-${tag}-01`).straight(-(yMerge + shift.alongMm)).to(`${S}-APP-${tag}-END`);
      pen.lane(`L-${S}-APP-${tag}-02`);
      if (i === 0) pen.straight(shift.alongMm);
      else pen.arc(r, shift.deg).arc(r, -shift.deg);
      pen.to(merge);
    });
    draft.pen(xform, merge, -x1, yMerge, -90, style('approach')).lane(`L-${S}-APP-${spec.entryDir}-01`).straight(g.mergeTailMm).to(appEnd);
  }

  // The yard loop: back from the top lane to the entry, so a yard never needs the bridge to recirculate.
  const yLoopMerge = yTop - r - loopShift.alongMm;
  draft
    .pen(xform, `${S}-Y-LOOP-DIV`, xLoop, yTop, 180, yard)
    .lane(`L-${S}-Y-LOOP-01`)
    .arc(r, 90)
    .to(`${S}-Y-LOOP`)
    .lane(`L-${S}-Y-LOOP-02`)
    .arc(r, -loopShift.deg)
    .arc(r, loopShift.deg)
    .to(`${S}-Y-LOOP-MRG`);

  // Entry lane down the west side, the combs along the bottom, back up the east side and along the top.
  const levels = [0];
  for (const comb of spec.combs) levels.push(levels.at(-1)! + combRise(comb, r));
  const finalLevel = levels.at(-1)!;
  const height = Math.max(Math.max(...levels) + g.topClearMm, finalLevel + 2 * r, 2 * r + loopShift.alongMm + 10_000);
  const yBot = yTop - height;
  draft.pen(xform, appEnd, -x1, yOut, -90, yard).lane(`L-${S}-Y-ENT-01`).straight(yOut - yLoopMerge).to(`${S}-Y-LOOP-MRG`);
  draft
    .pen(xform, `${S}-Y-LOOP-MRG`, -x1, yLoopMerge, -90, yard)
    .lane(`L-${S}-Y-ENT-02`)
    .straight(yLoopMerge - (yBot + r))
    .arc(r, 90)
    .to(`${S}-Y-SW`);
  const ctx = { draft, xform, prefix: `${S}-Y`, jurisdiction: S, radiusMm: r };
  let at = { node: `${S}-Y-SW`, x: -x1 + r, y: yBot };
  for (const comb of spec.combs) at = buildComb(ctx, comb, at.node, at.x, at.y);
  const xEast = at.x + g.eastLeadMm + r;
  draft
    .pen(xform, at.node, at.x, at.y, 0, yard)
    .lane(`L-${S}-Y-RING-01`)
    .straight(g.eastLeadMm)
    .arc(r, 90)
    .to(`${S}-Y-E`)
    .lane(`L-${S}-Y-RING-02`)
    .straight(yTop - r - (at.y + r))
    .arc(r, 90)
    .to(`${S}-Y-NE`)
    .lane(`L-${S}-Y-RING-03`)
    .straight(xEast - r - xLoop)
    .to(`${S}-Y-LOOP-DIV`);
}

function addGateStations(draft: MapDraft, spec: EndSpec, tag: string, which: string): void {
  const S = spec.side;
  const stations: Station[] = [
    {
      id: `ST-${S}-AG-${tag}`,
      name: `${S} automated gate (${which})`,
      kind: 'automated-gate',
      jurisdiction: S,
      capacity: 1,
      nodes: [`${S}-GATE-${tag}-AG`],
      serviceTimeMs: spec.gateServiceMs,
    },
    {
      id: `ST-${S}-NII-${tag}`,
      name: `${S} NII scanner (${which})`,
      kind: 'nii-scanner',
      jurisdiction: S,
      capacity: 1,
      nodes: [`${S}-GATE-${tag}-NII`],
      serviceTimeMs: spec.scanServiceMs,
    },
  ];
  for (const s of stations) draft.addStation(s);
}
