import type { RouteKind } from './gateway-config.schema.js';

/** What the event records of the model's answer (`response` and `usage` of the event format). */
export interface ResponseSummary {
  content?: string;
  refused?: boolean;
  finishReason?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Data lines of an SSE stream that were neither JSON nor `[DONE]`. */
  malformedChunks: number;
  /** True once a stream's `[DONE]` (or `response.completed`) arrived. */
  complete: boolean;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function readUsage(s: ResponseSummary, usage: unknown): void {
  const u = obj(usage);
  if (!u) return;
  const input = u.prompt_tokens ?? u.input_tokens;
  const output = u.completion_tokens ?? u.output_tokens;
  if (typeof input === 'number' && Number.isInteger(input) && input >= 0) s.inputTokens = input;
  if (typeof output === 'number' && Number.isInteger(output) && output >= 0) s.outputTokens = output;
}

/**
 * Accumulates the answer of one request from a JSON body or an SSE stream (OpenAI's
 * chat/completions/responses shapes), keeping at most `maxChars` of content. Tolerant by design:
 * an upstream's garbage is counted, never thrown.
 */
export class ResponseAccumulator {
  readonly summary: ResponseSummary = { malformedChunks: 0, complete: false };
  private content = '';
  private pending = '';

  constructor(
    private readonly kind: RouteKind,
    private readonly maxChars: number,
  ) {}

  private addContent(text: unknown): void {
    if (typeof text !== 'string' || text.length === 0 || this.content.length >= this.maxChars) return;
    this.content += text.slice(0, this.maxChars - this.content.length);
  }

  /** One answer object: a whole JSON body, or one SSE chunk. */
  private observe(o: Json): void {
    const s = this.summary;
    readUsage(s, o.usage);
    if (this.kind === 'responses') {
      const type = o.type;
      if (type === 'response.output_text.delta') this.addContent(o.delta);
      else if (type === 'response.refusal.delta') s.refused = true;
      const resp = obj(o.response) ?? (type === undefined ? o : undefined);
      if (resp) {
        readUsage(s, resp.usage);
        if (typeof resp.status === 'string' && resp.status !== 'in_progress') s.finishReason = resp.status;
        if (type === undefined) this.addContent(resp.output_text ?? outputText(resp.output));
        if (type === 'response.completed' || type === 'response.failed' || type === 'response.incomplete')
          s.complete = true;
      }
      return;
    }
    const choices = o.choices;
    if (!Array.isArray(choices)) return;
    const c = obj(choices[0]);
    if (!c) return;
    const msg = obj(c.delta) ?? obj(c.message);
    if (msg) {
      this.addContent(msg.content);
      if (typeof msg.refusal === 'string' && msg.refusal) s.refused = true;
    } else this.addContent(c.text);
    if (typeof c.finish_reason === 'string') {
      s.finishReason = c.finish_reason;
      if (c.finish_reason === 'content_filter') s.refused = true;
    }
  }

  /** A whole JSON body (non-streaming answer). */
  json(body: string): void {
    try {
      const o = obj(JSON.parse(body));
      if (o) {
        this.observe(o);
        this.summary.complete = true;
      } else this.summary.malformedChunks++;
    } catch {
      this.summary.malformedChunks++;
    }
  }

  /** Bytes of an SSE stream (text/event-stream, HTML Living Standard §9.2.6), in any chunking. */
  sse(chunk: string): void {
    let text = this.pending + chunk;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      const line = text.charCodeAt(nl - 1) === 13 ? text.slice(0, nl - 1) : text.slice(0, nl);
      text = text.slice(nl + 1);
      if (line.startsWith('data:')) this.dataLine(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
      nl = text.indexOf('\n');
    }
    // A line longer than this is not an OpenAI chunk; dropping it bounds memory on hostile input.
    this.pending = text.length > 1 << 20 ? '' : text;
  }

  private dataLine(data: string): void {
    if (data === '[DONE]') {
      this.summary.complete = true;
      return;
    }
    try {
      const o = obj(JSON.parse(data));
      if (o) this.observe(o);
      else this.summary.malformedChunks++;
    } catch {
      this.summary.malformedChunks++;
    }
  }

  /** The summary with the accumulated content. */
  finish(): ResponseSummary {
    if (this.content) this.summary.content = this.content;
    if (this.summary.complete) this.summary.refused ??= false;
    return this.summary;
  }
}

function outputText(output: unknown): string | undefined {
  if (!Array.isArray(output)) return undefined;
  let out = '';
  for (const item of output) {
    const content = obj(item)?.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      const t = obj(part)?.text;
      if (typeof t === 'string') out += t;
    }
  }
  return out || undefined;
}
