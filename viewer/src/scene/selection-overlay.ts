/**
 * What marks the selected and the hovered vehicle: the planned route as a thin bright ribbon,
 * the held space as a wide translucent one, a pin above the selected vehicle and a glow box
 * round the hovered one. Paths are rebuilt only when the selection changes; the pin and the glow
 * follow the vehicle every frame.
 */
import { BoxGeometry, Color, ConeGeometry, Group, Mesh, MeshBasicMaterial, MeshLambertMaterial, type BufferGeometry } from 'three';
import type { PathDraw, Selection } from '../model/view-types.ts';
import { offsetLine } from '../model/polyline.ts';
import { HELD_COLOR, ROUTE_COLOR } from '../model/colors.ts';
import type { Pose } from '../model/pose-interpolator.ts';
import { MeshBuilder } from './mesh-builder.ts';
import { layerMaterial } from './ground-and-river.ts';

const ROUTE_HALF_WIDTH_M = 0.6;
const HELD_HALF_WIDTH_M = 1.9;

export class SelectionOverlay {
  readonly group = new Group();
  private route: Mesh | null = null;
  private held: Mesh | null = null;
  private readonly routeMaterial: MeshLambertMaterial;
  private readonly heldMaterial: MeshLambertMaterial;
  private readonly pin: Mesh;
  private readonly glow: Mesh;
  selectedId: string | null = null;
  private last: Selection | null = null;
  private scale = 1;

  /** `strength` scales the opacity of the paths: 1 for the selection, less for the hover. */
  constructor(strength = 1) {
    this.group.name = 'selection';
    this.routeMaterial = layerMaterial(7, { color: new Color(ROUTE_COLOR), transparent: true, opacity: 0.9 * strength });
    this.heldMaterial = layerMaterial(6, { color: new Color(HELD_COLOR), transparent: true, opacity: 0.55 * strength });
    const cone = new ConeGeometry(1, 2.4, 12).rotateX(Math.PI); // tip down
    this.pin = new Mesh(cone, new MeshLambertMaterial({ color: '#ffffff', emissive: new Color('#555555') }));
    this.pin.visible = false;
    const box = new BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
    this.glow = new Mesh(box, new MeshBasicMaterial({ color: '#fff3b0', transparent: true, opacity: 0.35, depthWrite: false }));
    this.glow.visible = false;
    this.group.add(this.pin, this.glow);
  }

  /** Draws `sel`'s paths, `widthScale` times their normal width (wider for far views). */
  set(sel: Selection | null, widthScale = this.scale): void {
    this.last = sel;
    this.scale = widthScale;
    this.selectedId = sel?.id ?? null;
    this.route = this.replace(this.route, sel?.route ?? null, ROUTE_HALF_WIDTH_M * widthScale, 0.1, this.routeMaterial);
    this.held = this.replace(this.held, sel?.held ?? null, HELD_HALF_WIDTH_M * widthScale, 0.08, this.heldMaterial);
  }

  /** Rebuilds the paths when the width scale has moved by more than a fifth since they were built. */
  rescale(widthScale: number): void {
    if (this.last && Math.abs(widthScale - this.scale) > 0.2 * this.scale) this.set(this.last, widthScale);
  }

  /** Puts the pin over the selected vehicle (null pose: not drawn); it keeps its size on screen. */
  placePin(pose: Pose | null, boost: number, cameraDistance: number): void {
    this.pin.visible = pose !== null;
    if (!pose) return;
    // Cone of height 2.4 m × scale, tip down, its tip 1 m above the container roof (~5 m × boost).
    const scale = Math.max(1.5 * boost, cameraDistance / 120);
    this.pin.position.set(pose.x, 5 * boost + 1 + 1.2 * scale, -pose.y);
    this.pin.scale.setScalar(scale);
  }

  /** Wraps the hovered vehicle in a glow box (null pose: none). */
  placeGlow(pose: Pose | null, lengthM: number, widthM: number, boost: number): void {
    this.glow.visible = pose !== null;
    if (!pose) return;
    this.glow.position.set(pose.x, 0, -pose.y);
    this.glow.rotation.set(0, pose.heading, 0);
    this.glow.scale.set((lengthM + 2) * boost, 4.5 * boost, (widthM + 2) * boost);
  }

  dispose(): void {
    this.set(null);
    this.routeMaterial.dispose();
    this.heldMaterial.dispose();
    for (const m of [this.pin, this.glow]) {
      m.geometry.dispose();
      (m.material as { dispose(): void }).dispose();
    }
    this.group.clear();
  }

  private replace(old: Mesh | null, path: PathDraw | null, half: number, h: number, material: MeshLambertMaterial): Mesh | null {
    if (old) {
      this.group.remove(old);
      old.geometry.dispose();
    }
    if (!path || path.points.length < 2) return null;
    const b = new MeshBuilder();
    b.ribbon(offsetLine(path.points, half), offsetLine(path.points, -half), h, WHITE);
    const mesh = new Mesh(b.build() as BufferGeometry, material);
    this.group.add(mesh);
    return mesh;
  }
}

const WHITE = new Color(1, 1, 1);
