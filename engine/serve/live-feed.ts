/**
 * The IOC feed of the live gate: every tick is projected and published to the hub (one writer,
 * like the engine), and each IOC socket gets its own cursor on it. Read-only IOC tokens and
 * operator tokens may listen; anything else is closed with 4401.
 */
import type { WebSocket } from 'ws';
import type { Site } from '../core/tick/site.ts';
import type { GatePort } from '../runtime/gate/gate-port.ts';
import type { Access } from '../runtime/auth/access.ts';
import { createFeedHub, type FeedHub } from '../runtime/feed/feed-hub.ts';
import { createFeedPipeline } from '../runtime/feed/feed-pipeline.ts';
import { attachIocClient } from '../adapters/ws/ioc-feed-socket.ts';
import { feedDigest } from '../protocol/ioc/digest.ts';
import { emptyFeed } from '../protocol/ioc/feed-schema.ts';
import { vdaTimestamp } from '../protocol/vda5050/header.ts';

export interface LiveFeed {
  readonly hub: FeedHub;
  accept(socket: WebSocket, token: string | null): void;
  kpis(): unknown;
  /** Digest of the last published feed state (what every caught-up mirror must show). */
  digest(): string;
  close(): void;
}

export function createFeed(site: Site, gate: GatePort, access: Access, epochMs: () => number, log: { info(o: object, m: string): void }): LiveFeed {
  const hub = createFeedHub();
  const pipeline = createFeedPipeline(site, hub);
  const sockets = new Set<WebSocket>();
  const sub = gate.ticks$.subscribe((t) => pipeline.onTick(t.world, t.events, vdaTimestamp(epochMs() + t.nowMs)));
  return {
    hub,
    accept(socket, token) {
      const role = access.roleOf(token);
      if (!role) {
        socket.send(JSON.stringify({ type: 'error', code: 'unauthorized', message: 'missing or unknown IOC/operator token' }));
        socket.close(4401, 'missing or unknown token');
        return;
      }
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      attachIocClient(socket, hub, { role });
      log.info({ role, clients: sockets.size }, 'IOC client connected');
    },
    kpis: () => pipeline.state()?.kpis.live ?? null,
    digest: () => feedDigest(pipeline.state() ?? emptyFeed()),
    close() {
      sub.unsubscribe();
      for (const s of sockets) s.close(1001, 'server shutting down');
    },
  };
}
