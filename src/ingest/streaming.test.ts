import { describe, expect, it } from 'vitest';
import { readLines, decodeLine } from '../events/index.js';

/** One million NDJSON lines, produced chunk by chunk as a file read would deliver them. */
async function* millionLines(): AsyncGenerator<Buffer> {
  let chunk = '';
  for (let i = 0; i < 1_000_000; i++) {
    chunk += `{"id":"s${i}","time":"2024-01-09T07:12:03Z","kind":"login","account":"a${i % 5000}","ip":"10.0.${i % 250}.1"}\n`;
    if (chunk.length > 1 << 16) {
      // Yield to the event loop between chunks, as a file stream does.
      yield await Promise.resolve(Buffer.from(chunk));
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}

describe('streaming a 1M-line input', () => {
  it('reads and validates every line with bounded memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let ok = 0;
    let n = 0;
    for await (const line of readLines(millionLines(), { maxLineBytes: 1 << 20 })) {
      if ('text' in line && decodeLine(line.line, line.text).ok) ok++;
      if (++n % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(ok).toBe(1_000_000);
    // The input is ~100 MB; holding it, or the decoded events (~1 GB), would take far more than this.
    expect(peak - before).toBeLessThan(128 * 1024 * 1024);
  }, 300_000);
});
