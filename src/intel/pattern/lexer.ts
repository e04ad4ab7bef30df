import type { Literal } from './ast.js';

/** A token of the STIX pattern grammar (STIX 2.1 §9; OASIS cti-pattern-validator grammar). */
export type Token =
  | { t: 'punct'; v: '[' | ']' | '(' | ')' | ',' | ':' | '.' | '*'; pos: number }
  | { t: 'op'; v: '=' | '!=' | '<' | '<=' | '>' | '>='; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'literal'; v: Literal; pos: number }
  | { t: 'quoted'; v: string; pos: number }
  | { t: 'eof'; pos: number };

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

const TIMESTAMP = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;

function readQuoted(src: string, start: number): { value: string; end: number } {
  // §9.2 string constant: apostrophe-delimited; only \' and \\ are escapes.
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      if (n !== "'" && n !== '\\') throw new PatternSyntaxError(`invalid escape "\\${n ?? ''}" in string (only \\' and \\\\ are allowed)`, i);
      out += n;
      i += 2;
      continue;
    }
    if (c === "'") return { value: out, end: i + 1 };
    out += c;
    i++;
  }
  throw new PatternSyntaxError('unterminated string constant', start);
}

function decodeHex(s: string, pos: number): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw new PatternSyntaxError(`invalid hex constant h'${s}'`, pos);
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

function decodeBase64(s: string, pos: number): Uint8Array {
  const clean = s.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new PatternSyntaxError(`invalid binary constant b'${s}'`, pos);
  return Uint8Array.from(Buffer.from(clean, 'base64'));
}

/** Splits a pattern into tokens; whitespace of any kind separates (§9.4). */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if ('[]():,.*'.includes(c)) {
      out.push({ t: 'punct', v: c as '[', pos });
      i++;
      continue;
    }
    if (c === '=' ) {
      out.push({ t: 'op', v: '=', pos });
      i++;
      continue;
    }
    if (c === '!' && src[i + 1] === '=') {
      out.push({ t: 'op', v: '!=', pos });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>') {
      if (c === '<' && src[i + 1] === '>') {
        out.push({ t: 'op', v: '!=', pos });
        i += 2;
      } else if (src[i + 1] === '=') {
        out.push({ t: 'op', v: `${c}=` as '<=', pos });
        i += 2;
      } else {
        out.push({ t: 'op', v: c, pos });
        i++;
      }
      continue;
    }
    if (c === "'") {
      const q = readQuoted(src, i);
      out.push({ t: 'quoted', v: q.value, pos });
      i = q.end;
      continue;
    }
    if ((c === 't' || c === 'h' || c === 'b') && src[i + 1] === "'") {
      const q = readQuoted(src, i + 1);
      let lit: Literal;
      if (c === 't') {
        if (!TIMESTAMP.test(q.value)) throw new PatternSyntaxError(`invalid timestamp constant t'${q.value}' (RFC 3339 with Z required)`, pos);
        lit = { kind: 'timestamp', value: q.value, ms: Date.parse(q.value) };
      } else if (c === 'h') lit = { kind: 'hex', value: q.value, bytes: decodeHex(q.value, pos) };
      else lit = { kind: 'binary', value: q.value, bytes: decodeBase64(q.value, pos) };
      out.push({ t: 'literal', v: lit, pos });
      i = q.end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? '')) || (c === '+' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      const isFloat = /[.eE]/.test(text);
      out.push({ t: 'literal', v: isFloat ? { kind: 'float', value: Number(text) } : { kind: 'int', value: Number(text) }, pos });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
      const word = m?.[0] ?? c;
      if (word === 'true' || word === 'false') out.push({ t: 'literal', v: { kind: 'bool', value: word === 'true' }, pos });
      else out.push({ t: 'word', v: word, pos });
      i += word.length;
      continue;
    }
    throw new PatternSyntaxError(`unexpected character "${c}"`, pos);
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}
