/**
 * What the engine tells a vehicle after a tick: the lanes to follow and how far it may go (the
 * space traffic control holds for it: VDA 5050's released base), whether to halt or charge.
 * Sent only when something changed.
 */
export interface VehicleCommand {
  readonly vehicleId: string;
  /** Lanes from the one the nose is on; the vehicle flips onto lanes[0] if it is the twin of its lane. */
  readonly lanes: readonly string[];
  /** May drive up to this point: lane index into `lanes`, offset mm. */
  readonly limitLaneIndex: number;
  readonly limitOffsetMm: number;
  /** Stop now: 'none', 'service' (pause, at the service brake) or 'emergency'. */
  readonly halt: 'none' | 'service' | 'emergency';
  /** Charging power to draw, W (0 = not charging; a battery swap is a very fast charge). */
  readonly chargeW: number;
  /** Carrying a container (slower top speed and acceleration, more energy). */
  readonly laden: boolean;
}
