import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once its gateway listens. */
interface ListeningMessage {
  type: 'warden-gateway-listening';
  port: number;
  address: string;
}

function isListening(m: unknown): m is ListeningMessage {
  return (m as ListeningMessage | null)?.type === 'warden-gateway-listening';
}

/** The worker's number, 1…N, stable across restarts of that slot (its own spill folder). */
export function gatewayWorkerIndex(): number | undefined {
  const v = process.env.WARDEN_GATEWAY_WORKER_INDEX;
  return cluster.isWorker && v ? Number(v) : undefined;
}

/** Called by a worker once its gateway listens, so the primary can report one address. */
export function announceListening(address: { port: number; address: string }): void {
  if (cluster.isWorker)
    process.send?.({ type: 'warden-gateway-listening', port: address.port, address: address.address });
}

export interface GatewayCluster {
  /** Resolves with the shared address once every worker listens. */
  listening: Promise<{ port: number; address: string }>;
  workers(): Worker[];
  /** Forwards a signal to every worker (SIGHUP: reload). */
  signal(sig: NodeJS.Signals): void;
  /** Asks every worker to stop (SIGTERM: requests in flight finish) and waits for them. */
  stop(): Promise<void>;
}

/**
 * Runs `n` gateway worker processes (node:cluster) that share one listening socket: the kernel
 * hands each new connection to a worker in turn, so one machine's cores all serve requests.
 * Every worker is a whole replica — its own blocklist copy, counters and event queue — and the
 * workers share state the way replicas on different machines do, over Redis (the caller
 * requires `WARDEN_REDIS_URL`; see docs/gateway-scale-out.md). A worker that dies is replaced
 * under the same index, so its spill folder is drained by its successor.
 */
export function startGatewayCluster(
  n: number,
  onExit?: (index: number, code: number | null) => void,
): GatewayCluster {
  const byIndex = new Map<number, Worker>();
  let stopping = false;
  let ready = 0;
  let resolveListening: (a: { port: number; address: string }) => void = () => undefined;
  const listening = new Promise<{ port: number; address: string }>((r) => (resolveListening = r));
  const fork = (index: number): void => {
    const w = cluster.fork({ WARDEN_GATEWAY_WORKER_INDEX: String(index) });
    byIndex.set(index, w);
    let announced = false;
    w.on('message', (m: unknown) => {
      if (!isListening(m) || announced) return;
      announced = true;
      if (++ready === n) resolveListening({ port: m.port, address: m.address });
    });
    w.on('exit', (code) => {
      onExit?.(index, code);
      if (byIndex.get(index) === w) byIndex.delete(index);
      if (!stopping) fork(index);
    });
  };
  for (let i = 1; i <= n; i++) fork(i);
  return {
    listening,
    workers: () => [...byIndex.values()],
    signal(sig) {
      for (const w of byIndex.values()) w.process.kill(sig);
    },
    async stop() {
      stopping = true;
      const exits = [...byIndex.values()].map(
        (w) => new Promise<void>((r) => (w.isDead() ? r() : w.once('exit', () => r()))),
      );
      for (const w of byIndex.values()) w.process.kill('SIGTERM');
      await Promise.all(exits);
    },
  };
}
