/**
 * The `notes` of the Bắc Luân II maps: where each number comes from. Facts are cited by their
 * parameter number (P1…P66) or source key (S…) in /work/shared/domain/facts.md; every number that
 * is not in the facts sheet is in a note starting with "ESTIMATE:". Counts and lengths are read
 * from the built map and the generator's constants, so the notes cannot drift from the data.
 */
import type { IgvMap, Jurisdiction, StationKind } from '../../schema/map-schema.ts';
import { END_GEOMETRY, sCurve } from './end-area.ts';
import type { PhaseSpec } from './layout.ts';
import { craneRouteRangeMm, yardBoxMm } from './measure.ts';
import { COMB_GEOMETRY, SERVICE_MS } from './stations.ts';

const m = (mm: number): string => `${Number((mm / 1000).toFixed(1))} m`;
const km = (mm: number): string => `${(mm / 1e6).toFixed(2)} km`;
const n = (x: number): string => x.toLocaleString('en-US');

/** The notes of one built phase map, in a fixed order. */
export function mapNotes(phase: PhaseSpec, map: IgvMap): string[] {
  const g = END_GEOMETRY;
  const c = COMB_GEOMETRY;
  const s = SERVICE_MS;
  const two = phase.tracks === 2;
  const stations = (kind: StationKind, side?: Jurisdiction) => map.stations.filter((st) => st.kind === kind && (!side || st.jurisdiction === side));
  const slots = (side: Jurisdiction) => stations('igv-parking', side).reduce((sum, st) => sum + st.capacity, 0);
  const lanesOf = (side: Jurisdiction) => stations('igv-parking', side).length;
  const slotsPerLane = stations('igv-parking')[0]?.capacity ?? 0;
  const toCn = craneRouteRangeMm(map, 'VN');
  const toVn = craneRouteRangeMm(map, 'CN');
  const box = (side: Jurisdiction) => {
    const b = yardBoxMm(map, side);
    return `${side} ${m(b.widthMm)} × ${m(b.depthMm)} (${((b.widthMm * b.depthMm) / 1e10).toFixed(1)} ha)`;
  };
  const shift = sCurve(g.trackOffsetMm[1] - g.trackOffsetMm[0], g.radiusMm);
  const inspection = stations('inspection-bay', 'CN').length;
  const chargers = stations('charger', 'VN').length;
  const swaps = stations('battery-swap').length;
  const cranesPerSide = stations('transfer-crane', 'VN').length;
  const offsets = g.trackOffsetMm.slice(0, phase.tracks).map((x) => `±${m(x)}`).join(' and ');

  return [
    'Sources: /work/shared/domain/facts.md; P1…P66 are its parameter table (§6), S-keys its sources (§10), §8 its worked sizing check.',
    two
      ? 'Phase 2 (2027–2030): the scale-up phase of Decision 164/QĐ-TTg; the pilot ends 31 Dec 2030 (P38) [S28][S28b][S18].'
      : 'Phase 1 (2026): technical infrastructure, the dedicated lane, IGVs and the IOC at Bắc Luân II (facts §0) [S28][S28b][S18].',
    'ESTIMATE: frame origin 21.53 N, 108.00 E (P11, ±1.5 km, derived from the Bắc Luân I position P12 and the 3.2 km offset P10): the border line on the bridge centre line. Verify in OpenStreetMap (ways "Cầu Bắc Luân 2" / "北仑河二桥") before relying on geodetic positions.',
    `Bridge: 618 m in total (P1) — 154.5 m VN and 463.5 m CN (P2) — split at the border line y = 0 ("vạch phân quản", where the launch ceremony was held [S2][S28b]); each bridge track is one 154,500 mm VN lane and one 463,500 mm CN lane. The border line spans the 27.7 m deck (P3).`,
    `ESTIMATE: IGV track centre lines ${offsets} from the bridge axis, ${m(g.trackOffsetMm[1] - g.trackOffsetMm[0])} between neighbouring tracks (≥ 4.5 m), northbound on the east side (right-hand traffic in VN and CN). Which of the 4 main + 2 auxiliary road lanes (P4) the closed IGV lane takes is not published.`,
    'ESTIMATE: every IGV lane is 3,500 mm wide (the IGV is about 3.0 m wide, P51).',
    'Speed limits: approach and bridge lanes 8,333 mm/s = 30 km/h (P47, empty cruise; a laden IGV limits itself to 25 km/h, P47); yard lanes and every lane with a curve 2,778 mm/s = 10 km/h (P48); dock lanes at crane, charger, battery-swap and inspection stops 1,389 mm/s = 5 km/h (P48, docking ≤ 5 km/h). The bridge design speed of 60 km/h (P5) does not bind.',
    'ESTIMATE: gate lanes (through the automated gates and NII scanners) 2,778 mm/s = 10 km/h; the facts give no drive-through speed.',
    `ESTIMATE: service times are midpoints of the facts ranges: transfer crane and its truck bay ${n(s.crane)} ms (P61: 3–4 min per move); automated gate ${n(s.gate)} ms (P41: release ≤ 30 s); NII scanner ${n(s.scan)} ms (P43: 1–2 min); inspection bay ${n(s.inspection)} ms (P44: 60–180 min quarantine sampling); charger ${n(s.charge)} ms (P57: 1–2 h full charge)${swaps > 0 ? `; battery swap ${n(s.swap)} ms (P59: 5–6 min)` : ''}.`,
    `ESTIMATE: curves are circular arcs of radius ${m(g.radiusMm)} (an all-wheel-steer IGV needs 8–10 m, P52) drawn as chords of at most 2 m; track changes are S-curves of two such arcs that shift 5 m over ${m(sCurve(5_000, g.radiusMm).alongMm)}.`,
    `ESTIMATE: straight approaches between the bridge ends and the gate areas: VN ${m(phase.vn.approachMm)}, CN ${m(phase.cn.approachMm)}. With the yards this makes the IGV route from a VN transfer crane to the nearest CN transfer crane ${km(toCn.minMm)}–${km(toCn.maxMm)} and back ${km(toVn.minMm)}–${km(toVn.maxMm)} (P16: 2.0 km, range 1.5–3.6 km; analogues 2.4 km [S30], 3.6 km [S31]). The road approaches are longer (VN 3.5 km P7, CN 1.8 km P8); the closed IGV lane is assumed to use only the part next to the bridge.`,
    'ESTIMATE: each end is a one-way, counter-clockwise yard loop: the lane from the bridge runs down the west side of the yard, banks of drive-through sidings hang off the bottom, and the loop comes back up the east side and along the top to the yard exit. A yard return lane (…-Y-LOOP-DIV → …-Y-LOOP-MRG) leads from the top back to the entry, so an IGV can reach any station of its yard without crossing the bridge. Siding order VN: chargers, parking, cranes; CN: inspection bays, parking, cranes (held cargo is inspected before its crane). No crossings anywhere, only merges and diverges.',
    `ESTIMATE: siding banks start ${m(c.leadMm)} after the previous bank; parking and charger sidings are ${m(c.parking.pitchMm)} apart, crane bays ${m(c.crane.pitchMm)}, inspection bays ${m(c.inspection.pitchMm)}; straight dock lanes of ${m(c.crane.straightMm)} per crane bay, ${m(c.charger.straightMm)} per charger or swap stall, ${m(c.inspection.straightMm)} per inspection bay, with the stop node in the middle; the last siding of every bank is a bypass; the yard's top lane keeps ${m(g.topClearMm)} from the highest siding lane. Bounding box of the yard lanes: ${box('VN')}, ${box('CN')}, gate strip included (P14: VN control and inspection yard 3–5 ha; P15: CN inspection area 5–8 ha; both estimates — measure from satellite imagery).`,
    `ESTIMATE: ${cranesPerSide} transfer cranes per side (facts §8: each side needs ≥ 2 transfer cranes, 3 with redundancy, at 15–20 moves/h each). Each crane bay is a one-way drive-through dock lane with the crane's stop node ${m(c.crane.straightMm / 2)} in; the truck stands beside the IGV lane under the crane, so each truck-bay station stops at its crane's node.`,
    two
      ? `ESTIMATE: 2 automated gates (P41) and 2 NII scanners per direction, one of each per track: the outbound tracks split ${m(g.splitLeadMm)} after the yard exit curve, each gate is ${m(g.splitLeadMm)} after the split, its scanner ${m(g.gateToScanMm)} after the gate, then ${m(g.scanToOutMm)} of gate lane before the approach.`
      : `ESTIMATE: one automated gate (P41) and one NII scanner (facts §8: one scanner per direction) on the outbound lane of each end: the gate ${m(g.gateLeadMm)} after the yard exit curve, the scanner ${m(g.gateToScanMm)} after the gate, then ${m(g.scanToOutMm)} of gate lane before the approach.`,
    ...(two
      ? [
          `ESTIMATE: phase 2 runs two tracks each way as one loop, not two loops: the outbound tracks diverge after the yard exit (VN-GATE-N-DIV, CN-GATE-S-DIV) and the inbound tracks merge ${m(g.mergeTailMm)} before the end of the far approach (VN-APP-S-MRG, CN-APP-N-MRG), the outer track shifting over ${m(shift.alongMm)}.`,
        ]
      : []),
    `ESTIMATE: IGV parking VN ${lanesOf('VN')} lanes and CN ${lanesOf('CN')} lane${lanesOf('CN') === 1 ? '' : 's'} of ${slotsPerLane} slots each, ${slots('VN') + slots('CN')} slots in total (facts §8: fleet about 10–25 IGVs); slots ${m(c.parking.slotPitchMm)} apart (IGV 15.6 m, S52) on drive-through lanes, one parking station per lane.`,
    `ESTIMATE: ${chargers} charger stalls at VN, capacity 1 each (HHLA runs 18 chargers for about 100 AGVs [S57]; P58: one full charge lasts about 12 h)${swaps > 0 ? `, and ${swaps} drive-through battery-swap station beside them (P59)` : ''}; stalls ${m(c.charger.pitchMm)} apart.`,
    two
      ? `ESTIMATE: ${inspection} CN inspection / quarantine bays on drive-through sidings (facts §1.3: the Dongxing food-import site has 4 closed inspection points today).`
      : `CN inspection / quarantine bays: ${inspection} on drive-through sidings, as the 4 closed inspection points of the Dongxing food-import site (facts §1.3 [S68][S12]).`,
    'Chargers and inspection bays are drive-through sidings, not dead-end stalls with singleTrackWith twins: the stop node at the end of a dead end is an end of a twin lane, and rule 12 (IGV_MAP_STOP_POINT) rejects a stop node at an end of any lane listed in a conflict zone, which a listed single-track pair (or the merge and diverge at the stall root) always is.',
    'Stop nodes keep at least 17.6 m (IGV 15.6 m + 2 m, map rule 12) of junction-free lane behind them: every siding starts with a quarter-circle curve before its first stop node.',
    'Conflict zones: a merge zone CZ-MRG-<node> at every node where ≥ 2 lanes end and a diverge zone CZ-DIV-<node> at every node where ≥ 2 lanes start. The layout has no crossings and no single-track lanes.',
    'Jurisdiction: lanes, nodes and stations south of the border line are VN, north of it CN.',
  ];
}
