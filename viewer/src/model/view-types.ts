/**
 * The contract between the pure view model, the three.js scene and the page (issue 6 spec):
 * what the scene draws, in metres of the map frame (x east, y north), never in mm.
 */

/** How a vehicle is drawn: its feed activity, overridden by 'paused' and 'faulted'. */
export type VehicleLook = 'driving' | 'waiting' | 'serving' | 'charging' | 'idle' | 'faulted' | 'paused';

/** One IGV to draw: footprint centre (m), heading (rad, CCW from +x), footprint size (m). */
export interface VehicleDraw {
  id: string;
  x: number;
  y: number;
  heading: number;
  lengthM: number;
  widthM: number;
  look: VehicleLook;
  cargo: 'fruit-vegetables' | 'frozen-seafood' | 'electronics' | 'other' | null;
}

/** A polyline in metres, map frame. */
export interface PathDraw {
  points: readonly (readonly [number, number])[];
}

/** The selected (or hovered) vehicle: its planned route and the space traffic control holds for it. */
export interface Selection {
  id: string;
  route: PathDraw | null;
  held: PathDraw | null;
}

export type CameraPreset = 'overview' | 'bridge' | 'vn-yard' | 'cn-yard';
