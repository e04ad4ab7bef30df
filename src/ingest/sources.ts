import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * A byte stream of an input named on the command line: `-` is standard input, a `.gz` name (or
 * gzip magic bytes on stdin) is decompressed on the fly so memory stays bounded.
 */
export async function openInput(name: string, stdin: Readable = process.stdin): Promise<AsyncIterable<Buffer>> {
  if (name === '-') return sniffGzip(stdin);
  await access(name, constants.R_OK);
  const file = createReadStream(name, { highWaterMark: 1 << 20 });
  return name.endsWith('.gz') ? file.pipe(createGunzip()) : file;
}

async function* sniffGzip(stream: Readable): AsyncGenerator<Buffer> {
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await it.next();
  if (first.done) return;
  const head = first.value;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    gunzip = createGunzip();
    const g = gunzip;
    void (async () => {
      g.write(head);
      for (let r = await it.next(); !r.done; r = await it.next()) if (!g.write(r.value)) await new Promise((res) => g.once('drain', res));
      g.end();
    })().catch((err: unknown) => g.destroy(err as Error));
    for await (const chunk of g) yield chunk as Buffer;
    return;
  }
  yield head;
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
}
