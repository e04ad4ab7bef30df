import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One POST the receiver got. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the receiver answers: a status, optionally after a delay (a slow 200), or never (a hang). */
export type ReceiverBehaviour = { status: number; delayMs?: number } | 'hang';

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Changes how later requests are answered. */
  behave(b: ReceiverBehaviour): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on a loopback ephemeral port, as a provider's account system would run. */
export async function startReceiver(initial: ReceiverBehaviour = { status: 200 }): Promise<WebhookReceiver> {
  let behaviour = initial;
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const b = behaviour;
      if (b === 'hang') return;
      const answer = () => {
        if (!res.destroyed) res.writeHead(b.status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (b.delayMs) setTimeout(answer, b.delayMs);
      else answer();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/warden`,
    received,
    behave(b) {
      behaviour = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
