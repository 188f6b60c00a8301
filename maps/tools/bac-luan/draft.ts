/**
 * A map under construction and the "pen" that draws its lanes. Geometry is never typed in per
 * point: a pen starts at a node with a heading, drives straights and circular arcs, and drops a
 * node wherever a lane ends. Arcs are cut into equal chords of at most ARC_STEP_MM, so radii and
 * lengths are right by construction. The pen works in a local frame (mm, x east, y north of that
 * frame) and a rigid `Xform` places it on the map; every emitted coordinate is rounded to 1 mm.
 */
import type { Jurisdiction, Lane, LaneKind, MapNode, Point, Station } from '../../schema/map-schema.ts';
import { polylineLength } from '../../schema/lane-geometry.ts';

/** Local frame → map frame (mm). Must be a rotation (by a multiple of 90°) plus a shift. */
export type Xform = (x: number, y: number) => Point;

/** Longest chord (mm) used to draw an arc. */
export const ARC_STEP_MM = 2_000;
/** Drivable width of every IGV lane (mm). */
export const LANE_WIDTH_MM = 3_500;
/** Speed limits (mm/s) by lane kind; a lane that holds any curve gets CURVE_SPEED instead. */
export const KIND_SPEED_MMPS: Record<LaneKind, number> = {
  approach: 8_333,
  bridge: 8_333,
  yard: 2_778,
  gate: 2_778,
  dock: 1_389,
};
export const CURVE_SPEED_MMPS = 2_778;
/** A node placed again must land within this distance (mm) of where it already is. */
const NODE_TOLERANCE_MM = 2;

/** Rounds to whole mm; `+ 0` turns -0 into 0 so the JSON never says `-0`. */
const toMm = (v: number): number => Math.round(v) + 0;

/** Kind and side of the lanes a pen draws next. */
export interface LaneStyle {
  kind: LaneKind;
  jurisdiction: Jurisdiction;
}

/** Nodes, lanes and stations collected in drawing order; ids must be unique. */
export class MapDraft {
  readonly nodes = new Map<string, MapNode>();
  readonly lanes: Lane[] = [];
  readonly stations: Station[] = [];

  /**
   * Returns the node `id`, creating it at (x, y) mm (rounded) when new. Placing an existing node
   * again is how paths join: the position must agree within NODE_TOLERANCE_MM, else it throws.
   */
  node(id: string, x: number, y: number): MapNode {
    const rx = toMm(x);
    const ry = toMm(y);
    const old = this.nodes.get(id);
    if (old) {
      if (Math.hypot(old.x - x, old.y - y) > NODE_TOLERANCE_MM) {
        throw new Error(`[bac-luan draft] node ${id} placed at [${rx}, ${ry}] but already at [${old.x}, ${old.y}]`);
      }
      return old;
    }
    const created: MapNode = { id, x: rx, y: ry };
    this.nodes.set(id, created);
    return created;
  }

  addLane(lane: Lane): void {
    if (this.lanes.some((l) => l.id === lane.id)) throw new Error(`[bac-luan draft] duplicate lane id [${lane.id}]`);
    this.lanes.push(lane);
  }

  addStation(station: Station): void {
    if (this.stations.some((s) => s.id === station.id)) throw new Error(`[bac-luan draft] duplicate station id [${station.id}]`);
    this.stations.push(station);
  }

  /** A pen at node `nodeId`, placed (or checked) at local (x, y) mm, heading `headingDeg` (0 = local east, CCW). */
  pen(xform: Xform, nodeId: string, x: number, y: number, headingDeg: number, style: LaneStyle): Pen {
    const [gx, gy] = xform(x, y);
    this.node(nodeId, gx, gy);
    return new Pen(this, xform, nodeId, x, y, (headingDeg * Math.PI) / 180, style);
  }
}

/** Local pose of a pen: position in mm, heading in degrees. */
export interface LocalPose {
  x: number;
  y: number;
  headingDeg: number;
}

/**
 * Draws one path. `lane(id)` opens a lane at the current node, `straight`/`arc` extend it, and
 * `to(nodeId)` closes it at a node (new, or an existing one the path must hit exactly).
 */
export class Pen {
  private laneId: string | undefined;
  private laneStyle: LaneStyle;
  private fromNode: string;
  private points: Point[] = [];
  private curved = false;

  constructor(
    private readonly draft: MapDraft,
    private readonly xform: Xform,
    nodeId: string,
    private x: number,
    private y: number,
    private heading: number,
    style: LaneStyle,
  ) {
    this.fromNode = nodeId;
    this.laneStyle = style;
  }

  /** Current local pose. */
  pose(): LocalPose {
    return { x: this.x, y: this.y, headingDeg: (this.heading * 180) / Math.PI };
  }

  /** Opens lane `id` at the current node; `style` overrides the pen's kind/jurisdiction from here on. */
  lane(id: string, style: Partial<LaneStyle> = {}): this {
    if (this.laneId !== undefined) throw new Error(`[bac-luan pen] lane ${this.laneId} still open when opening ${id}`);
    this.laneId = id;
    this.laneStyle = { ...this.laneStyle, ...style };
    this.points = [];
    this.curved = false;
    return this;
  }

  /** Drives `mm` straight on; zero is allowed and draws nothing. */
  straight(mm: number): this {
    this.requireLane();
    if (mm < 0 || (mm > 0 && mm < 100)) throw new Error(`[bac-luan pen] straight of [${mm} mm] in lane ${this.laneId}`);
    if (mm === 0) return this;
    this.x += mm * Math.cos(this.heading);
    this.y += mm * Math.sin(this.heading);
    this.points.push(this.xform(this.x, this.y));
    return this;
  }

  /** Drives a circular arc of `radiusMm` turning `deg` (positive = left), in equal chords ≤ ARC_STEP_MM. */
  arc(radiusMm: number, deg: number): this {
    this.requireLane();
    const turn = (deg * Math.PI) / 180;
    const s = Math.sign(turn);
    const cx = this.x - s * radiusMm * Math.sin(this.heading);
    const cy = this.y + s * radiusMm * Math.cos(this.heading);
    const n = Math.ceil((radiusMm * Math.abs(turn)) / ARC_STEP_MM);
    const h0 = this.heading;
    for (let i = 1; i <= n; i++) {
      const h = h0 + (turn * i) / n;
      this.x = cx + s * radiusMm * Math.sin(h);
      this.y = cy - s * radiusMm * Math.cos(h);
      this.points.push(this.xform(this.x, this.y));
    }
    this.heading = h0 + turn;
    this.curved = true;
    return this;
  }

  /** Closes the open lane at node `nodeId` (created here, or checked against its position). */
  to(nodeId: string): this {
    const id = this.requireLane();
    const end = this.points.at(-1);
    if (!end) throw new Error(`[bac-luan pen] lane ${id} has no length`);
    const toNode = this.draft.node(nodeId, end[0], end[1]);
    const fromNode = this.draft.nodes.get(this.fromNode)!;
    const polyline: Point[] = [];
    let last: Point = [fromNode.x, fromNode.y];
    for (const p of this.points.slice(0, -1)) {
      const q: Point = [toMm(p[0]), toMm(p[1])];
      if (q[0] === last[0] && q[1] === last[1]) continue;
      polyline.push(q);
      last = q;
    }
    const tail = polyline.at(-1);
    if (tail && tail[0] === toNode.x && tail[1] === toNode.y) polyline.pop();
    const full: Point[] = [[fromNode.x, fromNode.y], ...polyline, [toNode.x, toNode.y]];
    const { kind, jurisdiction } = this.laneStyle;
    const speed = kind === 'dock' ? KIND_SPEED_MMPS.dock : this.curved ? CURVE_SPEED_MMPS : KIND_SPEED_MMPS[kind];
    this.draft.addLane({
      id,
      from: this.fromNode,
      to: nodeId,
      lengthMm: Math.round(polylineLength(full)),
      speedLimitMmps: Math.min(speed, KIND_SPEED_MMPS[kind]),
      widthMm: LANE_WIDTH_MM,
      kind,
      jurisdiction,
      ...(polyline.length > 0 ? { polyline } : {}),
    });
    this.fromNode = nodeId;
    this.laneId = undefined;
    return this;
  }

  private requireLane(): string {
    if (this.laneId === undefined) throw new Error(`[bac-luan pen] no open lane at node ${this.fromNode}`);
    return this.laneId;
  }
}
