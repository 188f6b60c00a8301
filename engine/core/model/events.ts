/**
 * Events: what happened during a tick, in order. Refusals carry a reason code from
 * `REASONS`; the trace writer, KPIs and the IOC feed all read these.
 */

export const REASONS = {
  UNKNOWN_VEHICLE: 'UNKNOWN_VEHICLE',
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
  UNKNOWN_LANE: 'UNKNOWN_LANE',
  UNKNOWN_STATION: 'UNKNOWN_STATION',
  UNKNOWN_NODE: 'UNKNOWN_NODE',
  DUPLICATE_ID: 'DUPLICATE_ID',
  PLACEMENT_OCCUPIED: 'PLACEMENT_OCCUPIED',
  NOT_RELEASED: 'NOT_RELEASED',
  NO_IDLE_VEHICLE: 'NO_IDLE_VEHICLE',
  NO_ROUTE: 'NO_ROUTE',
  LOW_BATTERY: 'LOW_BATTERY',
  ORDER_CLOSED: 'ORDER_CLOSED',
  CANCELLED: 'CANCELLED',
  VEHICLE_BROKEN: 'VEHICLE_BROKEN',
  VEHICLE_BUSY: 'VEHICLE_BUSY',
  NO_CHARGER: 'NO_CHARGER',
  OFF_ROUTE: 'OFF_ROUTE',
} as const;
export type Reason = (typeof REASONS)[keyof typeof REASONS];

export type EngineEvent =
  | { kind: 'OrderCreated'; orderId: string }
  | { kind: 'OrderRejected'; orderId: string; reason: Reason; detail: string }
  | { kind: 'OrderAssigned'; orderId: string; vehicleId: string }
  | { kind: 'OrderUnassigned'; orderId: string; vehicleId: string; reason: Reason }
  | { kind: 'OrderNotAssigned'; orderId: string; reason: Reason }
  | { kind: 'OrderLoaded'; orderId: string; vehicleId: string }
  | { kind: 'OrderUnloaded'; orderId: string; vehicleId: string }
  | { kind: 'OrderDelivered'; orderId: string; vehicleId: string }
  | { kind: 'OrderFailed'; orderId: string; vehicleId: string | null; reason: Reason; detail: string }
  | { kind: 'VehicleAdded'; vehicleId: string }
  | { kind: 'VehicleArrived'; vehicleId: string; station: string; node: string }
  | { kind: 'ServiceStarted'; vehicleId: string; station: string; action: string }
  | { kind: 'ServiceDone'; vehicleId: string; station: string; action: string }
  | { kind: 'VehicleBrokeDown'; vehicleId: string; repairDoneMs: number }
  | { kind: 'VehicleRepaired'; vehicleId: string }
  | { kind: 'VehicleLinkLost'; vehicleId: string }
  | { kind: 'VehicleLinkRestored'; vehicleId: string }
  | { kind: 'VehiclePaused'; vehicleId: string }
  | { kind: 'VehicleResumed'; vehicleId: string }
  | { kind: 'ChargingStarted'; vehicleId: string; station: string }
  | { kind: 'ChargingFinished'; vehicleId: string; station: string; socPercent: number }
  | { kind: 'LaneClosed'; laneId: string }
  | { kind: 'LaneOpened'; laneId: string }
  | { kind: 'StationWentDown'; station: string; reason: string }
  /** `downMs`: how long the outage lasted; suspended services end that much later. */
  | { kind: 'StationCameUp'; station: string; downMs: number }
  | { kind: 'Rerouted'; vehicleId: string; reason: string }
  | { kind: 'DeadlockDetected'; vehicleIds: string[] }
  | { kind: 'DeadlockResolved'; vehicleIds: string[]; how: string }
  | { kind: 'VehicleStalled'; vehicleId: string; waitingMs: number }
  | { kind: 'EmergencyStopped' }
  | { kind: 'EmergencyReleased' }
  | { kind: 'CommandRejected'; command: string; reason: Reason; detail: string }
  /** Raised by the runtime's tick guard, not by step(): a broken invariant put the engine in safe mode. */
  | { kind: 'EngineFault'; code: string; message: string };

export type EventKind = EngineEvent['kind'];
