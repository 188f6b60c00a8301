/**
 * Every IGV in two draw calls: one InstancedMesh of bodies (coloured by look) and one of
 * containers (coloured by goods, only for vehicles that carry one). Instance i of the bodies is
 * slot i of the pose interpolator. Capacity doubles when the fleet outgrows it; the per-frame
 * update allocates nothing.
 */
import {
  BoxGeometry, Color, Float32BufferAttribute, Group, InstancedBufferAttribute, InstancedMesh, Matrix4, MeshLambertMaterial, Quaternion, Vector3,
} from 'three';
import type { VehicleDraw } from '../model/view-types.ts';
import type { PoseInterpolator, Pose } from '../model/pose-interpolator.ts';
import { CARGO_COLORS, LOOK_COLORS } from '../model/colors.ts';

const BODY_BASE_M = 0.25;
const BODY_HEIGHT_M = 1.1;
const CONTAINER_HEIGHT_M = 2.6;
const CONTAINER_WIDTH_M = 2.44;
const CONTAINER_MAX_LENGTH_M = 12.2; // a 40 ft box

const LOOK = Object.fromEntries(Object.entries(LOOK_COLORS).map(([k, v]) => [k, new Color(v)])) as Record<keyof typeof LOOK_COLORS, Color>;
const CARGO = Object.fromEntries(Object.entries(CARGO_COLORS).map(([k, v]) => [k, new Color(v)])) as Record<keyof typeof CARGO_COLORS, Color>;

export class IgvInstances {
  readonly group = new Group();
  bodies: InstancedMesh;
  containers: InstancedMesh;
  /** Container instance → body slot. */
  containerSlot = new Int32Array(0);
  private containerCount = 0;
  private capacity = 0;
  private list: readonly VehicleDraw[] = [];
  private readonly bodyGeometry = bodyGeometry();
  private readonly boxGeometry = new BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
  private readonly bodyMaterial = new MeshLambertMaterial({ vertexColors: true });
  private readonly containerMaterial = new MeshLambertMaterial();
  private readonly m = new Matrix4();
  private readonly p = new Vector3();
  private readonly q = new Quaternion();
  private readonly s = new Vector3();
  private readonly up = new Vector3(0, 1, 0);
  private readonly pose: Pose = { x: 0, y: 0, heading: 0 };

  constructor(initialCapacity = 64) {
    this.group.name = 'igvs';
    this.bodies = this.mesh(this.bodyGeometry, this.bodyMaterial, initialCapacity);
    this.containers = this.mesh(this.boxGeometry, this.containerMaterial, initialCapacity);
    this.capacity = initialCapacity;
    this.containerSlot = new Int32Array(initialCapacity);
    this.group.add(this.bodies, this.containers);
  }

  /** Takes the latest list (slot order of the interpolator): colours, container owners, capacity. */
  setList(list: readonly VehicleDraw[]): void {
    this.list = list;
    if (list.length > this.capacity) this.grow(list.length);
    let k = 0;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      this.bodies.setColorAt(i, LOOK[d.look]);
      if (d.cargo) {
        this.containers.setColorAt(k, CARGO[d.cargo]);
        this.containerSlot[k++] = i;
      }
    }
    this.containerCount = k;
    this.bodies.count = list.length;
    this.containers.count = k;
    this.bodies.instanceColor!.needsUpdate = true;
    this.containers.instanceColor!.needsUpdate = true;
  }

  /** Places every instance at its interpolated pose at `nowMs`, scaled by `boost` (≥ 1, for far views). */
  update(ip: PoseInterpolator, nowMs: number, boost: number): void {
    const n = Math.min(this.list.length, ip.size);
    for (let i = 0; i < n; i++) {
      const d = this.list[i]!;
      ip.sample(i, nowMs, this.pose);
      this.compose(this.pose, BODY_BASE_M * boost, d.lengthM * boost, BODY_HEIGHT_M * boost, d.widthM * boost);
      this.bodies.setMatrixAt(i, this.m);
    }
    for (let k = 0; k < this.containerCount; k++) {
      const i = this.containerSlot[k]!;
      const d = this.list[i];
      if (!d || i >= n) continue;
      ip.sample(i, nowMs, this.pose);
      const len = Math.min(CONTAINER_MAX_LENGTH_M, d.lengthM * 0.8);
      this.compose(this.pose, (BODY_BASE_M + BODY_HEIGHT_M) * boost, len * boost, CONTAINER_HEIGHT_M * boost, Math.min(CONTAINER_WIDTH_M, d.widthM) * boost);
      this.containers.setMatrixAt(k, this.m);
    }
    this.bodies.instanceMatrix.needsUpdate = true;
    this.containers.instanceMatrix.needsUpdate = true;
  }

  /** Body slot hit by a raycast on `bodies` or `containers` (instanceId), or -1. */
  slotOfHit(object: unknown, instanceId: number | undefined): number {
    if (instanceId === undefined) return -1;
    if (object === this.bodies) return instanceId;
    if (object === this.containers) return this.containerSlot[instanceId] ?? -1;
    return -1;
  }

  dispose(): void {
    this.bodies.dispose();
    this.containers.dispose();
    this.bodyGeometry.dispose();
    this.boxGeometry.dispose();
    this.bodyMaterial.dispose();
    this.containerMaterial.dispose();
    this.group.clear();
  }

  private compose(pose: Pose, base: number, length: number, height: number, width: number): void {
    // Map heading is CCW from +x with y north; three's -z is north, so it is a turn about +y.
    this.q.setFromAxisAngle(this.up, pose.heading);
    this.p.set(pose.x, base, -pose.y);
    this.s.set(length, height, width);
    this.m.compose(this.p, this.q, this.s);
  }

  private mesh(geometry: BoxGeometry, material: MeshLambertMaterial, capacity: number): InstancedMesh {
    const mesh = new InstancedMesh(geometry, material, capacity);
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    mesh.count = 0;
    // Instances move every frame: a stale bounding sphere would cull them.
    mesh.frustumCulled = false;
    return mesh;
  }

  private grow(need: number): void {
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    this.group.remove(this.bodies, this.containers);
    this.bodies.dispose();
    this.containers.dispose();
    this.bodies = this.mesh(this.bodyGeometry, this.bodyMaterial, cap);
    this.containers = this.mesh(this.boxGeometry, this.containerMaterial, cap);
    const slots = new Int32Array(cap);
    slots.set(this.containerSlot.subarray(0, this.containerCount));
    this.containerSlot = slots;
    this.capacity = cap;
    this.group.add(this.bodies, this.containers);
  }
}

/** A unit box standing on y = 0 whose front (+x) is bright and rear dark, so the heading reads. */
function bodyGeometry(): BoxGeometry {
  const g = new BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
  // BoxGeometry's faces come in the order +x, -x, +y, -y, +z, -z, four vertices each.
  const shade = [1, 0.45, 0.9, 0.6, 0.78, 0.78];
  const col: number[] = [];
  for (const v of shade) for (let i = 0; i < 4; i++) col.push(v, v, v);
  g.setAttribute('color', new Float32BufferAttribute(col, 3));
  return g;
}
