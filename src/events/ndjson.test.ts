import { describe, expect, it } from 'vitest';
import { readLines, type RawLine } from './ndjson.js';

async function collect(chunks: (string | Buffer)[], maxLineBytes = 1000): Promise<RawLine[]> {
  const out: RawLine[] = [];
  async function* src() {
    await Promise.resolve();
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  }
  for await (const l of readLines(src(), { maxLineBytes })) out.push(l);
  return out;
}

describe('readLines', () => {
  it('numbers lines across chunk boundaries, CRLF and a BOM, skipping blank lines', async () => {
    const lines = await collect(['\uFEFF{"a":1}\r\n\n{"b"', ':2}\n', '{"c":3}']);
    expect(lines).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  it('reports an oversized line in place and keeps the lines around it', async () => {
    const big = 'x'.repeat(50);
    const lines = await collect(['ok1\n', big.slice(0, 20), big.slice(20), '\nok2\n'], 30);
    expect(lines).toEqual([
      { line: 1, text: 'ok1' },
      { line: 2, error: 'line is longer than the limit of 30 bytes' },
      { line: 3, text: 'ok2' },
    ]);
  });

  it('reports an oversized last line with no newline', async () => {
    const lines = await collect(['ok\n', 'y'.repeat(40)], 30);
    expect(lines[1]).toEqual({ line: 2, error: 'line is longer than the limit of 30 bytes' });
  });

  it('reports invalid UTF-8 per line', async () => {
    const lines = await collect([Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), '{"ok":true}\n']);
    expect(lines).toEqual([
      { line: 1, error: 'line is not valid UTF-8' },
      { line: 2, text: '{"ok":true}' },
    ]);
  });

  it('keeps a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('{"t":"日本"}\n');
    const lines = await collect([bytes.subarray(0, 8), bytes.subarray(8)]);
    expect(lines).toEqual([{ line: 1, text: '{"t":"日本"}' }]);
  });
});
