/**
 * The benches' steady demand: orders between transfer cranes picked by a fixed stride, so most
 * vehicles always have work and every run draws the same orders.
 */
import type { Command } from '../engine/core/model/commands.ts';
import type { Site } from '../engine/core/tick/site.ts';
import { makeContainerId } from '../engine/core/model/iso6346.ts';

/** `next(k)`: k more CreateOrder commands, ids `${idPrefix}1`…, container owner code `owner`. */
export function craneOrderStream(site: Site, idPrefix: string, owner: string): (k: number) => Command[] {
  const cranes = [...site.stations.values()].filter((s) => s.kind === 'transfer-crane').map((s) => s.id);
  let serial = 0;
  return (k) =>
    Array.from({ length: k }, () => {
      serial++;
      const a = cranes[(serial * 7) % cranes.length]!;
      const b = cranes[(serial * 13 + cranes.length / 2) % cranes.length | 0]!;
      return {
        kind: 'CreateOrder' as const,
        order: { id: `${idPrefix}${serial}`, containerId: makeContainerId(owner, serial), sizeFt: 40 as const, grossKg: 18_000, goods: 'electronics' as const, direction: 'VN-CN' as const, priority: 0, releaseMs: 0, origin: a, destination: a === b ? cranes[(serial + 1) % cranes.length]! : b, via: [] },
      };
    });
}
