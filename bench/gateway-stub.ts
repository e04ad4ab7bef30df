/**
 * The model server the gateway benchmarks proxy to, run as its own process: answers
 * `POST …/chat/completions` after a fixed delay (`--delay-ms`, default 2) with an OpenAI-shaped
 * body, or, for `"stream": true`, an SSE stream of `stream_chunks` chunks (default 10,000;
 * from the body) written as fast as the reader takes them, with backpressure. Prints one JSON
 * line `{ port, pid }` when listening. It also takes `POST /api/v1/events` (counting the NDJSON
 * lines), standing in for the central Warden that scale-out gateways post their events to.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const delayMs = Number(process.argv[process.argv.indexOf('--delay-ms') + 1] ?? 2) || 0;
let served = 0;
let events = 0;

const json = JSON.stringify({
  id: 'chatcmpl-stub',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-test',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Here are three bullet points about the notes.', refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 24, completion_tokens: 12, total_tokens: 36 },
});

const chunk = (i: number): string =>
  `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"content":"token ${i} "},"finish_reason":null}]}\n\n`;

function stream(res: http.ServerResponse, n: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let i = 0;
  const pump = (): void => {
    while (i < n) {
      if (!res.write(chunk(i++))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end('data: [DONE]\n\n');
  };
  pump();
}

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    served++;
    if (req.url === '/api/v1/events') {
      // Stands in for the central Warden a scale-out gateway posts its events to.
      events += Buffer.concat(parts).toString('utf8').split('\n').filter(Boolean).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ served, events }));
      return;
    }
    let body: { stream?: boolean; stream_chunks?: number } = {};
    try {
      body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as typeof body;
    } catch {
      /* a benchmark sends valid JSON; anything else gets the plain answer */
    }
    const answer = (): void => {
      if (body.stream) stream(res, Math.min(body.stream_chunks ?? 10_000, 1_000_000));
      else
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
          .end(json);
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`,
  );
});
process.once('SIGTERM', () => process.exit(0));
// A stub that dies mid-run turns every later figure into connection errors: say why on stderr.
process.on('uncaughtException', (err) => {
  process.stderr.write(`gateway-stub: ${err.stack ?? String(err)}\n`);
  process.exit(1);
});
server.on('error', (err) => process.stderr.write(`gateway-stub server: ${err.message}\n`));
