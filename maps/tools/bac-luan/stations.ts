/**
 * The siding kinds of the Bắc Luân II yards and the stations at their stop nodes, with the service
 * times taken from the facts sheet (/work/shared/domain/facts.md §6).
 */
import type { Jurisdiction, Station } from '../../schema/map-schema.ts';
import type { CombSpec, SidingSpec } from './comb.ts';

/** Nominal service times (ms), midpoints of the facts ranges. */
export const SERVICE_MS = {
  /** P61: crane pick or drop with positioning, 3–4 min */
  crane: 210_000,
  /** P41: automated gate release ≤ 30 s */
  gate: 30_000,
  /** P43: NII scan 1–2 min per container */
  scan: 90_000,
  /** P44: quarantine sampling 60–180 min */
  inspection: 7_200_000,
  /** P57: full charge 1–2 h */
  charge: 5_400_000,
  /** P59: battery swap 5–6 min */
  swap: 330_000,
} as const;

/** Comb layout values (mm); each is noted as an ESTIMATE in the maps. */
export const COMB_GEOMETRY = {
  crane: { pitchMm: 30_000, straightMm: 80_000 },
  parking: { pitchMm: 20_000, slotPitchMm: 20_000, slotMarginMm: 10_000 },
  charger: { pitchMm: 20_000, straightMm: 20_000 },
  inspection: { pitchMm: 25_000, straightMm: 80_000 },
  /** header length from the previous comb (or the yard corner) to a comb's first siding */
  leadMm: 25_000,
} as const;

const nn = (k: number): string => String(k).padStart(2, '0');
const count = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function one(stopIds: readonly string[]): string {
  if (stopIds.length !== 1) throw new Error(`[bac-luan stations] expected one stop node, got [${stopIds.length}]`);
  return stopIds[0]!;
}

/** Transfer-crane bays; each crane's truck bay stops at the same node (the truck stands beside the IGV). */
export function craneComb(side: Jurisdiction, cranes: number, dir: 1 | -1): CombSpec {
  const sidings: SidingSpec[] = count(cranes).map((k) => ({
    label: `CR${nn(k)}`,
    stops: 1,
    laneKind: 'dock',
    stations: (ids) => [
      { id: `ST-${side}-CR${nn(k)}`, name: `${side} transfer crane ${k}`, kind: 'transfer-crane', jurisdiction: side, capacity: 1, nodes: [one(ids)], serviceTimeMs: SERVICE_MS.crane },
      { id: `ST-${side}-TB${nn(k)}`, name: `${side} truck bay under crane ${k}`, kind: 'truck-bay', jurisdiction: side, capacity: 1, nodes: [one(ids)], serviceTimeMs: SERVICE_MS.crane },
    ],
  }));
  const g = COMB_GEOMETRY.crane;
  return { code: 'CR', dir, pitchMm: g.pitchMm, straightMm: g.straightMm, stopPitchMm: g.straightMm, leadMm: COMB_GEOMETRY.leadMm, sidings };
}

/** Drive-through parking lanes, `slots` stop nodes each; one parking station per lane. */
export function parkingComb(side: Jurisdiction, lanes: number, slots: number, dir: 1 | -1): CombSpec {
  const g = COMB_GEOMETRY.parking;
  const sidings: SidingSpec[] = count(lanes).map((k) => ({
    label: `PK${nn(k)}`,
    stops: slots,
    laneKind: 'yard',
    stations: (ids) => [
      { id: `ST-${side}-PK${nn(k)}`, name: `${side} IGV parking lane ${k}`, kind: 'igv-parking', jurisdiction: side, capacity: ids.length, nodes: [...ids] },
    ],
  }));
  const straightMm = 2 * g.slotMarginMm + (slots - 1) * g.slotPitchMm;
  return { code: 'PK', dir, pitchMm: g.pitchMm, straightMm, stopPitchMm: g.slotPitchMm, leadMm: COMB_GEOMETRY.leadMm, sidings };
}

/** Drive-through charger stalls (capacity 1 each), optionally followed by battery-swap stations. */
export function chargerComb(side: Jurisdiction, chargers: number, swaps: number, dir: 1 | -1): CombSpec {
  const g = COMB_GEOMETRY.charger;
  const stall = (label: string, make: (node: string) => Station[]): SidingSpec => ({
    label,
    stops: 1,
    laneKind: 'dock',
    stations: (ids) => make(one(ids)),
  });
  const sidings = [
    ...count(chargers).map((k) =>
      stall(`CH${nn(k)}`, (node) => [
        { id: `ST-${side}-CH${nn(k)}`, name: `${side} charger ${k}`, kind: 'charger', jurisdiction: side, capacity: 1, nodes: [node], serviceTimeMs: SERVICE_MS.charge },
      ]),
    ),
    ...count(swaps).map((k) =>
      stall(`SW${nn(k)}`, (node) => [
        { id: `ST-${side}-SW${nn(k)}`, name: `${side} battery swap ${k}`, kind: 'battery-swap', jurisdiction: side, capacity: 1, nodes: [node], serviceTimeMs: SERVICE_MS.swap },
      ]),
    ),
  ];
  return { code: 'CH', dir, pitchMm: g.pitchMm, straightMm: g.straightMm, stopPitchMm: g.straightMm, leadMm: COMB_GEOMETRY.leadMm, sidings };
}

/** Drive-through inspection / quarantine bays (capacity 1 each). */
export function inspectionComb(side: Jurisdiction, bays: number, dir: 1 | -1): CombSpec {
  const g = COMB_GEOMETRY.inspection;
  const sidings: SidingSpec[] = count(bays).map((k) => ({
    label: `IN${nn(k)}`,
    stops: 1,
    laneKind: 'dock',
    stations: (ids) => [
      { id: `ST-${side}-IN${nn(k)}`, name: `${side} inspection / quarantine bay ${k}`, kind: 'inspection-bay', jurisdiction: side, capacity: 1, nodes: [one(ids)], serviceTimeMs: SERVICE_MS.inspection },
    ],
  }));
  return { code: 'IN', dir, pitchMm: g.pitchMm, straightMm: g.straightMm, stopPitchMm: g.straightMm, leadMm: COMB_GEOMETRY.leadMm, sidings };
}
