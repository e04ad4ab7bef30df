import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the stub upstream saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Resolves when the request's connection closed before the answer finished (a client abort reached it). */
  aborted: Promise<boolean>;
}

/**
 * How the stub answers, chosen per request by the `model` of the body (so one stub serves every
 * test): `slow-<ms>` waits before answering, `sse-malformed`, `sse-cut` (closes mid-stream),
 * `sse-forever` (never ends), `sse-<n>` (n chunks), `json-bad`; anything else answers normally.
 */
export interface StubUpstream {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Chunks written to never-ending streams so far, and how many writes hit backpressure. */
  forever: { written: number; blocked: number };
  close(): Promise<void>;
}

function chatChunk(content: string, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
}

function chatJson(model: string, content: string) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 },
  };
}

/** An OpenAI-like model server on a loopback ephemeral port: JSON and SSE answers, and the failures the gateway must survive. */
export async function startStubUpstream(): Promise<StubUpstream> {
  const seen: SeenRequest[] = [];
  const forever = { written: 0, blocked: 0 };
  const flaky = new Set<string>();
  const sockets = new Set<Socket>();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let resolveAborted!: (v: boolean) => void;
    const aborted = new Promise<boolean>((r) => (resolveAborted = r));
    res.once('close', () => resolveAborted(!res.writableFinished));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, aborted });
      let parsed: { model?: string; stream?: boolean; input?: unknown } = {};
      try {
        parsed = body ? (JSON.parse(body) as typeof parsed) : {};
      } catch {
        parsed = {};
      }
      const model = typeof parsed.model === 'string' ? parsed.model : 'gpt-test';
      const delay = /^slow-(\d+)$/.exec(model);
      const answer = () => serve(req, res, model, parsed);
      if (delay) setTimeout(answer, Number(delay[1]));
      else answer();
    });
  });

  function serve(
    req: IncomingMessage,
    res: ServerResponse,
    model: string,
    parsed: { stream?: boolean; input?: unknown },
  ): void {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'gpt-test', object: 'model', created: 1, owned_by: 'stub' }],
        }),
      );
      return;
    }
    if (path === '/v1/embeddings') {
      const inputs = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          model,
          data: inputs.map((_, i) => ({ object: 'embedding', index: i, embedding: [0.1, 0.2, 0.3] })),
          usage: { prompt_tokens: 5, total_tokens: 5 },
        }),
      );
      return;
    }
    if (path === '/flaky-once') {
      // The first request of each id loses its connection before any answer, as a model server
      // that crashed; later ones are answered. Shows which failures the gateway retries.
      const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
      if (!flaky.has(id)) {
        flaky.add(id);
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    }
    if (path === '/echo-headers') {
      res.writeHead(200, {
        'content-type': 'application/json',
        connection: 'x-private-hop',
        'x-private-hop': 'secret',
        'keep-alive': 'timeout=5',
      });
      res.end(JSON.stringify({ headers: req.headers }));
      return;
    }
    if (model === 'json-bad') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": [ not json');
      return;
    }
    const streamMode = /^sse-(\d+|malformed|cut|forever)$/.exec(model)?.[1];
    if (parsed.stream || streamMode) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (streamMode === 'malformed') {
        res.write(chatChunk('Hel'));
        res.write('data: {this is not json\n\n');
        res.write('garbage without a field\n\n');
        res.end('data: [DONE]\n\n');
        return;
      }
      if (streamMode === 'cut') {
        res.write(chatChunk('Hello'));
        res.write(chatChunk(' wor'));
        // Ends the connection without the chunked terminator: a model server that crashed mid-answer.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      if (streamMode === 'forever') {
        const payload = chatChunk('x'.repeat(1000));
        const pump = () => {
          while (!res.destroyed) {
            forever.written++;
            if (!res.write(payload)) {
              forever.blocked++;
              res.once('drain', pump);
              return;
            }
          }
        };
        pump();
        return;
      }
      const n = streamMode ? Number(streamMode) : 3;
      let i = 0;
      const words = ['Hello', ' from', ' the', ' stub'];
      const step = () => {
        // Writes in bursts with pauses between, as a model does, while honouring backpressure.
        while (i < n) {
          const ok = res.write(chatChunk(words[i % words.length]!));
          i++;
          if (!ok) {
            res.once('drain', step);
            return;
          }
          if (i % 100 === 0) {
            setImmediate(step);
            return;
          }
        }
        res.write(chatChunk('', 'stop'));
        res.write(
          `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: 9, completion_tokens: n, total_tokens: 9 + n } })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      };
      step();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(chatJson(model, 'Hello from the stub')));
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    forever,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
