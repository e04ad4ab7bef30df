import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { UsageError } from '../cli-error.js';

/** One line of an input file; `oversized` lines are reported, not read. */
export interface InputLine {
  lineNo: number;
  text: string | null;
  oversized: boolean;
}

/** Opens a file (`-` = stdin, `.gz` decompressed) or throws a UsageError naming it. */
export function openInput(path: string): Readable {
  if (path === '-') return process.stdin;
  if (!existsSync(path)) throw new UsageError(`${path}: no such file; give a JSONL file, a .gz of one, or - for standard input`);
  if (statSync(path).isDirectory()) throw new UsageError(`${path}: is a directory; give a JSONL file`);
  const raw = createReadStream(path);
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/**
 * Splits a byte stream into UTF-8 lines without ever holding more than `maxLineBytes` of one
 * line: a longer line is skipped to its newline and yielded as `oversized`.
 */
export async function* readLines(stream: Readable, maxLineBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let lineNo = 0;
  const emit = (): InputLine => {
    lineNo++;
    const line: InputLine = oversized ? { lineNo, text: null, oversized: true } : { lineNo, text: Buffer.concat(parts).toString('utf8').replace(/\r$/, ''), oversized: false };
    parts = [];
    size = 0;
    oversized = false;
    return line;
  };
  for await (const chunk of stream) {
    let buf = chunk as Buffer;
    for (;;) {
      const nl = buf.indexOf(0x0a);
      const piece = nl === -1 ? buf : buf.subarray(0, nl);
      if (!oversized) {
        if (size + piece.length > maxLineBytes) {
          oversized = true;
          parts = [];
        } else {
          parts.push(piece);
          size += piece.length;
        }
      }
      if (nl === -1) break;
      yield emit();
      buf = buf.subarray(nl + 1);
    }
  }
  if (size > 0 || oversized) yield emit();
}
