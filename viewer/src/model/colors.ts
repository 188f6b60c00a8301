/**
 * Colours of the view, as CSS hex strings (three.js `Color` and the DOM both take them).
 * Vehicle looks use the Okabe–Ito palette, which stays distinguishable with the common colour
 * vision deficiencies; the cargo colours are picked to differ from the looks' hues.
 */
import type { VehicleDraw, VehicleLook } from './view-types.ts';

export type Cargo = NonNullable<VehicleDraw['cargo']>;

export const LOOK_COLORS: Readonly<Record<VehicleLook, string>> = {
  driving: '#56b4e9', // sky blue
  waiting: '#f0e442', // yellow
  serving: '#009e73', // bluish green: loading or unloading at a station
  charging: '#0072b2', // blue
  idle: '#bbbbbb', // grey
  faulted: '#d55e00', // vermilion
  paused: '#cc79a7', // reddish purple
};

export const CARGO_COLORS: Readonly<Record<Cargo, string>> = {
  'fruit-vegetables': '#7fbf3f', // leaf green
  'frozen-seafood': '#e8f4ff', // ice white
  electronics: '#6b4fa0', // violet
  other: '#a0522d', // rust brown
};

/** Road ribbon colour per lane kind (muted so that vehicles stand out). */
export const LANE_KIND_COLORS = {
  yard: '#5b6472',
  approach: '#4c5a6e',
  gate: '#7a6546',
  bridge: '#5e5470',
  dock: '#4f6b68',
} as const;

export const STATION_KIND_COLORS = {
  'transfer-crane': '#dc2626',
  'truck-bay': '#92400e',
  'igv-parking': '#64748b',
  charger: '#16a34a',
  'battery-swap': '#65a30d',
  'automated-gate': '#f59e0b',
  'nii-scanner': '#db2777',
  'inspection-bay': '#0891b2',
} as const;

/** Selection overlays. */
export const ROUTE_COLOR = '#ffffff';
export const HELD_COLOR = '#ff9f1c';
export const CLOSED_LANE_COLOR = '#e11d48';
