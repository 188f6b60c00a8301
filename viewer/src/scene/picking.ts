/**
 * Which vehicle is under a pointer: a raycast against the body and container instances, and
 * when it misses (vehicles are a few pixels long in the overview) the vehicle drawn nearest the
 * pointer within a few pixels.
 */
import { Raycaster, Vector2, Vector3, type Intersection, type PerspectiveCamera } from 'three';
import type { IgvInstances } from './igv-instances.ts';
import type { Pose, PoseInterpolator } from '../model/pose-interpolator.ts';

export const PICK_TOLERANCE_PX = 10;

export class Picker {
  private readonly raycaster = new Raycaster();
  private readonly ndc = new Vector2();
  private readonly v = new Vector3();
  private readonly pose: Pose = { x: 0, y: 0, heading: 0 };
  private readonly hits: Intersection[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly camera: PerspectiveCamera,
  ) {}

  /** Body slot under client point (clientX, clientY), or -1. */
  pick(clientX: number, clientY: number, instances: IgvInstances, ip: PoseInterpolator, nowMs: number, boost: number): number {
    const rect = this.canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || ip.size === 0) return -1;
    this.ndc.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    this.camera.updateMatrixWorld();
    this.raycaster.setFromCamera(this.ndc, this.camera);
    // Instances move every frame: the bounding spheres the raycast culls with must be fresh.
    instances.bodies.computeBoundingSphere();
    instances.containers.computeBoundingSphere();
    this.hits.length = 0;
    this.raycaster.intersectObjects([instances.bodies, instances.containers], false, this.hits);
    for (const h of this.hits) {
      const slot = instances.slotOfHit(h.object, h.instanceId);
      if (slot >= 0) return slot;
    }
    let best = -1;
    let bestD = PICK_TOLERANCE_PX;
    for (let i = 0; i < ip.size; i++) {
      const p = this.screenOf(ip.sample(i, nowMs, this.pose), boost, rect);
      if (!p) continue;
      const d = Math.hypot(p.x - clientX, p.y - clientY);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Client px of a vehicle's body centre, or null when it is behind the camera. */
  screenOf(pose: Pose, boost: number, rect: DOMRect = this.canvas.getBoundingClientRect()): { x: number; y: number } | null {
    this.v.set(pose.x, 0.8 * boost, -pose.y).project(this.camera);
    if (this.v.z > 1 || this.v.z < -1) return null;
    return { x: rect.left + ((this.v.x + 1) / 2) * rect.width, y: rect.top + ((1 - this.v.y) / 2) * rect.height };
  }
}
