/**
 * The 3D gate: map, stations, IGVs and the selection, with orbit controls and camera presets.
 * Renders on demand only: after a control change, new vehicles, a resize, or while vehicles are
 * still gliding to their reported poses. Map frame (x east, y north, metres) → three.js
 * (x, height, -y), y up.
 */
import { Color, DirectionalLight, Fog, HemisphereLight, PerspectiveCamera, Scene } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { IgvMap } from '../../../maps/schema/map-schema.ts';
import type { CameraPreset, Selection, VehicleDraw } from '../model/view-types.ts';
import { mapGeometry } from '../model/map-geometry.ts';
import { PoseInterpolator, type Pose } from '../model/pose-interpolator.ts';
import { BACKGROUND, createRenderer } from './renderer-setup.ts';
import { buildGround } from './ground-and-river.ts';
import { buildRoads } from './roads.ts';
import { buildStations } from './stations.ts';
import { IgvInstances } from './igv-instances.ts';
import { SelectionOverlay } from './selection-overlay.ts';
import { presetView } from './camera-presets.ts';
import { Picker } from './picking.ts';
import { disposeTree } from './dispose-tree.ts';
import { attachPointer } from './pointer-input.ts';

export interface GateScene {
  /** `atMs`: performance.now() of arrival; the scene interpolates poses between updates. */
  setVehicles(list: readonly VehicleDraw[], atMs: number): void;
  setSelection(sel: Selection | null): void;
  setClosedLanes(ids: readonly string[]): void;
  preset(p: CameraPreset): void;
  /** Vehicle id under the pointer (client px), or null. */
  pick(clientX: number, clientY: number): string | null;
  /** Client px (viewport, as pointer events use) of the vehicle's body centre; null when unknown or off the canvas. */
  screenPositionOf(id: string): { x: number; y: number } | null;
  /** Click selects (id, or null on empty ground); hover only highlights. */
  onPick(cb: (id: string | null) => void): void;
  stats(): { vehicles: number; drawCalls: number; frames: number };
  dispose(): void;
  /** Extra: called when the vehicle under the pointer changes (for showing its paths on hover). */
  onHover(cb: (id: string | null) => void): void;
  /** Extra: route and held space of the hovered vehicle, drawn fainter than the selection's. */
  setHover(sel: Selection | null): void;
}

/** Far views draw vehicles up to this many times their size, so that they stay visible. */
const MAX_BOOST = 2.5;


export function createGateScene(container: HTMLElement, map: IgvMap): GateScene {
  const geo = mapGeometry(map);
  const r = createRenderer(container);
  const scene = new Scene();
  scene.background = new Color(BACKGROUND);
  scene.fog = new Fog(BACKGROUND, 4000, 12000);
  scene.add(new HemisphereLight('#dbe7f5', '#2a2f25', 2.2));
  const sun = new DirectionalLight('#ffffff', 1.6);
  sun.position.set(400, 900, 300);
  scene.add(sun);

  const { width, height } = r.size();
  const camera = new PerspectiveCamera(45, width / height, 2, 30_000);
  const controls = new OrbitControls(camera, r.canvas);
  controls.enableDamping = true;
  controls.dampingFactor = 0.15;
  controls.screenSpacePanning = false; // pan along the ground
  controls.maxPolarAngle = Math.PI * 0.47; // never below the horizon
  controls.minDistance = 15;
  controls.maxDistance = 8000;

  scene.add(buildGround(geo));
  const roads = buildRoads(geo);
  scene.add(roads.group);
  const stations = buildStations(geo);
  scene.add(stations.group);
  const instances = new IgvInstances();
  scene.add(instances.group);
  const selected = new SelectionOverlay(1);
  const hovered = new SelectionOverlay(0.45);
  scene.add(selected.group, hovered.group);

  const ip = new PoseInterpolator();
  const picker = new Picker(r.canvas, camera);
  const pickListeners: ((id: string | null) => void)[] = [];
  const hoverListeners: ((id: string | null) => void)[] = [];
  const pose: Pose = { x: 0, y: 0, heading: 0 };
  let raf = 0;
  let frames = 0;
  let disposed = false;
  let boost = 1;
  let hoverId: string | null = null;
  let pointer: { x: number; y: number } | null = null;
  let hoverDirty = false;

  const invalidate = () => {
    if (!raf && !disposed) raf = requestAnimationFrame(frame);
  };

  /** Far views draw vehicles larger (1 close up, up to MAX_BOOST), so that they stay visible. */
  const updateBoost = () => {
    boost = Math.min(MAX_BOOST, Math.max(1, camera.position.distanceTo(controls.target) / 400));
  };

  const poseOfId = (id: string | null, now: number): Pose | null => {
    const slot = id === null ? -1 : ip.slotOf(id);
    return slot < 0 ? null : ip.sample(slot, now, pose);
  };

  function setHoverId(id: string | null): void {
    if (id === hoverId) return;
    hoverId = id;
    r.canvas.style.cursor = id ? 'pointer' : '';
    hovered.set(null); // the old vehicle's paths; the page sends the new one's via setHover
    for (const cb of hoverListeners) cb(id);
  }

  function frame(): void {
    raf = 0;
    if (disposed) return;
    const now = performance.now();
    const damping = controls.update();
    updateBoost();
    instances.update(ip, now, boost);
    if (hoverDirty && pointer) {
      hoverDirty = false;
      const slot = picker.pick(pointer.x, pointer.y, instances, ip, now, boost);
      setHoverId(slot >= 0 ? (ip.draws[slot]?.id ?? null) : null);
    }
    selected.rescale(boost);
    hovered.rescale(boost);
    selected.placePin(poseOfId(selected.selectedId, now), boost, camera.position.distanceTo(controls.target));
    const hp = hoverId !== null && hoverId !== selected.selectedId ? poseOfId(hoverId, now) : null;
    const hd = hp ? ip.draws[ip.slotOf(hoverId!)] : undefined;
    hovered.placeGlow(hp, hd?.lengthM ?? 0, hd?.widthM ?? 0, boost);
    const size = r.size();
    stations.updateLabels(camera, size.width, size.height);
    r.renderer.render(scene, camera);
    r.labels.render(scene, camera);
    frames++;
    if (damping || ip.moving(now)) invalidate();
  }

  const onChange = () => invalidate();
  controls.addEventListener('change', onChange);
  r.onResize((w, h) => {
    camera.aspect = w / h;
    camera.updateProjectionMatrix();
    invalidate();
  });

  const detachPointer = attachPointer(r.canvas, {
    move(x, y) {
      pointer = { x, y };
      hoverDirty = true;
      invalidate();
    },
    leave() {
      pointer = null;
      setHoverId(null);
      invalidate();
    },
    click(x, y) {
      const id = api.pick(x, y);
      for (const cb of pickListeners) cb(id);
    },
  });

  const api: GateScene = {
    setVehicles(list, atMs) {
      ip.update(list, atMs);
      instances.setList(list);
      if (hoverId !== null && ip.slotOf(hoverId) < 0) setHoverId(null);
      invalidate();
    },
    setSelection(sel) {
      selected.set(sel, boost);
      invalidate();
    },
    setHover(sel) {
      hovered.set(sel && sel.id !== selected.selectedId ? sel : null, boost);
      invalidate();
    },
    setClosedLanes(ids) {
      roads.setClosed(ids);
      invalidate();
    },
    preset(p) {
      const view = presetView(p, geo, camera);
      camera.position.copy(view.position);
      controls.target.copy(view.target);
      controls.update();
      updateBoost();
      invalidate();
    },
    pick(clientX, clientY) {
      const now = performance.now();
      updateBoost();
      instances.update(ip, now, boost); // pick what is drawn now, not at the last frame
      const slot = picker.pick(clientX, clientY, instances, ip, now, boost);
      return slot >= 0 ? (ip.draws[slot]?.id ?? null) : null;
    },
    screenPositionOf(id) {
      const p = poseOfId(id, performance.now());
      if (!p) return null;
      camera.updateMatrixWorld();
      const rect = r.canvas.getBoundingClientRect();
      const s = picker.screenOf(p, boost, rect);
      if (!s || s.x < rect.left || s.x > rect.right || s.y < rect.top || s.y > rect.bottom) return null;
      return s;
    },
    onPick(cb) {
      pickListeners.push(cb);
    },
    onHover(cb) {
      hoverListeners.push(cb);
    },
    stats() {
      return { vehicles: ip.size, drawCalls: r.renderer.info.render.calls, frames };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      controls.removeEventListener('change', onChange);
      detachPointer();
      controls.dispose();
      roads.dispose();
      stations.dispose();
      instances.dispose();
      selected.dispose();
      hovered.dispose();
      disposeTree(scene);
      pickListeners.length = 0;
      hoverListeners.length = 0;
      r.dispose();
    },
  };

  api.preset('overview');
  return api;
}
