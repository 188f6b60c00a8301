/**
 * A "comb": a bank of parallel drive-through sidings hung off a one-way header. In the local frame
 * the header runs east; each siding leaves it with a 90° curve (left for dir +1, right for -1),
 * runs straight past its stop nodes, and turns back east onto a collector parallel to the header.
 * The last siding has no stops: it is the bypass, so traffic never has to pass a busy bay.
 *
 *        M01──►M02──►M03──►          collector (dir +1 shown)
 *        ╭╯    ╭╯    ╭╯
 *        S     S     │               stop nodes on sidings 1, 2; siding 3 is the bypass
 *        ╰╮    ╰╮    ╰╮
 *   ──►D01──►D02──►D03               header
 *
 * Geometry with pitch ≥ radius + 5 m keeps every pair of lanes that share no node ≥ 5 m apart.
 */
import type { Jurisdiction, Station } from '../../schema/map-schema.ts';
import type { MapDraft, Xform } from './draft.ts';

/** One drive-through siding and the stations served at its stop nodes. */
export interface SidingSpec {
  /** e.g. `CR01`; part of node and lane ids */
  label: string;
  /** number of stop nodes, ≥ 1 */
  stops: number;
  /** kind of the lanes next to the stop nodes */
  laneKind: 'dock' | 'yard';
  /** the stations whose stop nodes are these (ids in driving order) */
  stations: (stopIds: readonly string[]) => Station[];
}

/** A bank of sidings; all lengths in mm. */
export interface CombSpec {
  /** e.g. `CR`; part of node and lane ids */
  code: string;
  /** +1: sidings turn left off the header (local north); -1: right */
  dir: 1 | -1;
  /** spacing of the sidings along the header */
  pitchMm: number;
  /** straight length of each siding between its two curves */
  straightMm: number;
  /** spacing of successive stop nodes on one siding */
  stopPitchMm: number;
  /** header length from the comb's entry node to the first siding */
  leadMm: number;
  sidings: SidingSpec[];
}

/** Where and for whom a comb is drawn. */
export interface CombContext {
  draft: MapDraft;
  xform: Xform;
  /** node id prefix, e.g. `VN-Y` */
  prefix: string;
  jurisdiction: Jurisdiction;
  radiusMm: number;
}

/** Local end of a comb's collector: the node after the last merge and its position (heading east). */
export interface CombExit {
  node: string;
  x: number;
  y: number;
}

/** Smallest straight (mm) between a curve and a stop node, so lanes two apart stay ≥ 4 m apart. */
const MIN_STOP_MARGIN_MM = 5_000;

const nn = (k: number): string => String(k).padStart(2, '0');

/** Vertical extent of a comb (mm): from header to collector, signed by `dir`. */
export function combRise(spec: CombSpec, radiusMm: number): number {
  return spec.dir * (2 * radiusMm + spec.straightMm);
}

/**
 * Draws a comb whose header starts at node `entry` (local x0, y0, heading east), adds the stations
 * of its sidings, and returns the collector's last node. Throws when stops do not fit the sidings.
 */
export function buildComb(ctx: CombContext, spec: CombSpec, entry: string, x0: number, y0: number): CombExit {
  const { draft, xform, prefix, jurisdiction, radiusMm: r } = ctx;
  const yard = { kind: 'yard', jurisdiction } as const;
  const lp = `L-${prefix}`;
  const yCollector = y0 + combRise(spec, r);
  const sidings: (SidingSpec | undefined)[] = [...spec.sidings, undefined];
  let prevD = entry;
  let xPrev = x0;
  let last: CombExit = { node: entry, x: x0, y: y0 };
  sidings.forEach((siding, k) => {
    const xD = x0 + spec.leadMm + k * spec.pitchMm;
    const dId = `${prefix}-${spec.code}-D${nn(k + 1)}`;
    const mId = `${prefix}-${spec.code}-M${nn(k + 1)}`;
    draft.pen(xform, prevD, xPrev, y0, 0, yard).lane(`${lp}-${spec.code}-H${nn(k + 1)}`).straight(xD - xPrev).to(dId);
    const label = siding?.label ?? `${spec.code}-BYPASS`;
    const pen = draft.pen(xform, dId, xD, y0, 0, yard);
    let n = 1;
    const lane = () => `${lp}-${label}-${nn(n++)}`;
    pen.lane(lane()).arc(r, spec.dir * 90).to(`${prefix}-${label}-IN`);
    if (siding) {
      const stopIds = Array.from({ length: siding.stops }, (_, i) =>
        siding.stops === 1 ? `${prefix}-${label}-STOP` : `${prefix}-${label}-S${i + 1}`,
      );
      const margin = (spec.straightMm - (siding.stops - 1) * spec.stopPitchMm) / 2;
      if (margin < MIN_STOP_MARGIN_MM) throw new Error(`[bac-luan comb] siding ${label}: stops do not fit [${margin} mm margin]`);
      const style = { kind: siding.laneKind };
      stopIds.forEach((stop, i) => pen.lane(lane(), style).straight(i === 0 ? margin : spec.stopPitchMm).to(stop));
      pen.lane(lane(), style).straight(margin).to(`${prefix}-${label}-OUT`);
      for (const station of siding.stations(stopIds)) draft.addStation(station);
    } else {
      pen.lane(lane()).straight(spec.straightMm).to(`${prefix}-${label}-OUT`);
    }
    pen.lane(lane(), { kind: 'yard' }).arc(r, -spec.dir * 90).to(mId);
    const xM = xD + 2 * r;
    if (k > 0) {
      draft.pen(xform, last.node, last.x, yCollector, 0, yard).lane(`${lp}-${spec.code}-C${nn(k)}`).straight(xM - last.x).to(mId);
    }
    last = { node: mId, x: xM, y: yCollector };
    prevD = dId;
    xPrev = xD;
  });
  return last;
}
