/** Frees the GPU resources of every mesh under `root` (geometries and materials). */
import { Mesh, type Material, type Object3D } from 'three';

export function disposeTree(root: Object3D): void {
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    o.geometry.dispose();
    const m = o.material as Material | Material[];
    for (const x of Array.isArray(m) ? m : [m]) x.dispose();
  });
}
