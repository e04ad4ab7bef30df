import { isUtf8 } from 'node:buffer';

/** A line of an NDJSON input, or the reason it could not be read as text. */
export type RawLine = { line: number; text: string } | { line: number; error: string };

export interface LineReaderOptions {
  /** Longest line in bytes; a longer one is reported and skipped without being held in memory. */
  maxLineBytes: number;
}

/**
 * Splits a byte stream into lines (LF or CRLF), numbering them from 1 and skipping blank ones.
 * Memory stays bounded by `maxLineBytes` plus one chunk whatever the input size, and a line that
 * is too long or not UTF-8 becomes an error entry in place, so line numbers and order are kept.
 */
export async function* readLines(
  source: AsyncIterable<Buffer | string>,
  { maxLineBytes }: LineReaderOptions,
): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  let lineNo = 0;
  let first = true;

  const finish = (bytes: Buffer): RawLine | undefined => {
    lineNo++;
    if (oversized) {
      oversized = false;
      return { line: lineNo, error: `line is longer than the limit of ${maxLineBytes} bytes` };
    }
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    let start = 0;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    first = false;
    const body = bytes.subarray(start, end);
    if (!isUtf8(body)) return { line: lineNo, error: 'line is not valid UTF-8' };
    const text = body.toString('utf8');
    if (text.trim() === '') return undefined;
    return { line: lineNo, text };
  };

  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) break;
      let lineBuf: Buffer;
      if (oversized) lineBuf = Buffer.alloc(0);
      else if (pendingBytes === 0) lineBuf = buf.subarray(start, nl);
      else {
        pending.push(buf.subarray(start, nl));
        lineBuf = Buffer.concat(pending, pendingBytes + (nl - start));
      }
      if (!oversized && lineBuf.length > maxLineBytes) oversized = true;
      pending = [];
      pendingBytes = 0;
      const r = finish(lineBuf);
      if (r) yield r;
      start = nl + 1;
    }
    if (start < buf.length && !oversized) {
      const rest = buf.subarray(start);
      pendingBytes += rest.length;
      if (pendingBytes > maxLineBytes) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the caller may reuse the chunk's memory.
        pending.push(Buffer.from(rest));
      }
    }
  }
  if (oversized || pendingBytes > 0) {
    const r = finish(oversized ? Buffer.alloc(0) : Buffer.concat(pending, pendingBytes));
    if (r) yield r;
  }
}
