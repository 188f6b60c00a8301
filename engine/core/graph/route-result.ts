/**
 * What a route query answers: a route, or a reason why there is none. "No route" is an expected
 * refusal (a lane closed, a node that is not on this map), so it is a value, not an exception.
 */

/** Why a route query found no route. */
export const NoRouteReason = {
  /** `from` or `to` is not a node of the map the planner was built for. */
  UNKNOWN_NODE: 'UNKNOWN_NODE',
  /** No directed path exists even with every lane open. */
  UNREACHABLE: 'UNREACHABLE',
  /** A path exists only through lanes that are closed right now. */
  BLOCKED_BY_CLOSURE: 'BLOCKED_BY_CLOSURE',
} as const;
export type NoRouteReason = (typeof NoRouteReason)[keyof typeof NoRouteReason];

export interface Route {
  /** Node ids from source to target; `[from]` when from === to. */
  readonly nodes: readonly string[];
  /** Lane ids in driving order; `lanes[i]` joins `nodes[i]` to `nodes[i + 1]`. */
  readonly lanes: readonly string[];
  /** Sum of the lanes' `lengthMm`, mm. */
  readonly lengthMm: number;
  /** Sum of the lanes' travel times at the planner's vehicle speed, integer ms. */
  readonly travelTimeMs: number;
}

export type RouteResult =
  | { readonly ok: true; readonly route: Route }
  | {
      readonly ok: false;
      readonly reason: NoRouteReason;
      /** One line for people: which ids, which lanes. */
      readonly detail: string;
      /**
       * For BLOCKED_BY_CLOSURE: the closed lanes (sorted by id) that the best route with every
       * lane open would use. Absent for the other reasons.
       */
      readonly closedLanesOnRoute?: readonly string[];
    };
