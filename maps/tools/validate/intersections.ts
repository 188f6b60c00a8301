/** Where two segments meet, for telling a crossing apart from lanes touching at a shared node. */
import type { Point } from '../../schema/map-schema.ts';

/**
 * Intersection of segments pq and rs, which the caller already knows intersect: one point when
 * they cross or touch, the two ends of the overlap when they are collinear. Coordinates in mm.
 */
export function segmentIntersection(p: Point, q: Point, r: Point, s: Point): Point[] {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const ex = s[0] - r[0];
  const ey = s[1] - r[1];
  const denom = dx * ey - dy * ex;
  if (denom !== 0) {
    const t = ((r[0] - p[0]) * ey - (r[1] - p[1]) * ex) / denom;
    return [[p[0] + t * dx, p[1] + t * dy]];
  }
  // Collinear (or degenerate): the overlap is bounded by whichever endpoints lie on the other segment.
  const onBoth = [p, q, r, s].filter((pt) => within(pt, p, q) && within(pt, r, s));
  return onBoth.length > 0 ? onBoth : [p];
}

function within(pt: Point, a: Point, b: Point): boolean {
  return (
    Math.min(a[0], b[0]) <= pt[0] && pt[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= pt[1] && pt[1] <= Math.max(a[1], b[1])
  );
}
