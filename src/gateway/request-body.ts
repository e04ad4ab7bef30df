import type { Degradation } from './policy/decision.types.js';
import type { RouteKind } from './gateway-config.schema.js';

/** A message as the event format carries it (`../shared/spec/events.md`). */
export interface EventMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
}

/** What the gateway reads from an OpenAI-style body, once, for policy and the event. */
export interface BodyFacts {
  model?: string;
  messages?: EventMessage[];
  prompt?: string;
  /** User and system text joined: what the inline classifier reads. */
  text?: string;
  stream: boolean;
  hasTools: boolean;
  endUser?: string;
}

/** A body field of the wrong type: the client gets 400 naming `param`. */
export class BodyFieldError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

const roleMap: Record<string, EventMessage['role'] | undefined> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  assistant: 'assistant',
  tool: 'tool',
  function: 'tool',
};

/** Text of an OpenAI content value: a string, or an array of parts of which the text ones count. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let out = '';
  for (const part of content) {
    if (part && typeof part === 'object') {
      const t = (part as { text?: unknown }).text;
      if (typeof t === 'string') out = out ? `${out}\n${t}` : t;
    } else if (typeof part === 'string') out = out ? `${out}\n${part}` : part;
  }
  return out;
}

function readMessages(list: unknown, param: string): EventMessage[] {
  if (!Array.isArray(list)) throw new BodyFieldError(param, `\`${param}\` must be an array of messages.`);
  const out: EventMessage[] = [];
  for (let i = 0; i < list.length; i++) {
    const m: unknown = list[i];
    if (typeof m === 'string') {
      out.push({ role: 'user', content: m });
      continue;
    }
    if (!m || typeof m !== 'object')
      throw new BodyFieldError(`${param}[${i}]`, `\`${param}[${i}]\` must be an object.`);
    const item = m as { role?: unknown; type?: unknown; content?: unknown };
    // Items without a speaker (tool outputs, reasoning in /v1/responses) carry no text to judge.
    const rawRole = item.role ?? (item.type === undefined || item.type === 'message' ? 'user' : undefined);
    const role = typeof rawRole === 'string' ? roleMap[rawRole] : undefined;
    if (!role) continue;
    out.push({ role, content: contentText(item.content) });
  }
  return out;
}

function textOf(
  messages: readonly EventMessage[] | undefined,
  prompt: string | undefined,
): string | undefined {
  let out = prompt ?? '';
  for (const m of messages ?? []) {
    if ((m.role === 'user' || m.role === 'system') && m.content)
      out = out ? `${out}\n${m.content}` : m.content;
  }
  return out || undefined;
}

function promptOf(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    // Token arrays (numbers) carry no text a person can read; string arrays are several prompts.
    const strings = value.filter((v): v is string => typeof v === 'string');
    return strings.length > 0 ? strings.join('\n') : undefined;
  }
  throw new BodyFieldError(param, `\`${param}\` must be a string or an array.`);
}

/**
 * Reads the fields policy and the event need from a parsed body, by route kind. Fields of the
 * wrong type throw `BodyFieldError` (400); unknown fields are left for the upstream to judge.
 */
export function readBodyFacts(
  kind: RouteKind,
  body: Record<string, unknown>,
  endUserHeader: string | undefined,
): BodyFacts {
  const model = body.model;
  if (model !== undefined && typeof model !== 'string')
    throw new BodyFieldError('model', '`model` must be a string.');
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean')
    throw new BodyFieldError('stream', '`stream` must be a boolean.');
  const user = body.safety_identifier ?? body.user;
  if (user !== undefined && user !== null && typeof user !== 'string')
    throw new BodyFieldError('user', '`user` must be a string.');
  let messages: EventMessage[] | undefined;
  let prompt: string | undefined;
  switch (kind) {
    case 'chat':
      messages = readMessages(body.messages ?? [], 'messages');
      break;
    case 'completions':
      prompt = promptOf(body.prompt, 'prompt');
      break;
    case 'responses': {
      const input = body.input;
      if (typeof input === 'string') prompt = input;
      else if (input !== undefined) messages = readMessages(input, 'input');
      if (typeof body.instructions === 'string' && body.instructions)
        messages = [{ role: 'system', content: body.instructions }, ...(messages ?? [])];
      break;
    }
    case 'embeddings':
      prompt = promptOf(body.input, 'input');
      break;
    default:
      if (Array.isArray(body.messages)) messages = readMessages(body.messages, 'messages');
      else if (typeof body.prompt === 'string') prompt = body.prompt;
  }
  const tools = body.tools ?? body.functions;
  const facts: BodyFacts = {
    stream: stream === true,
    hasTools: Array.isArray(tools) ? tools.length > 0 : tools !== undefined && tools !== null,
  };
  if (typeof model === 'string') facts.model = model;
  if (messages && messages.length > 0) facts.messages = messages;
  if (prompt) facts.prompt = prompt;
  const text = textOf(facts.messages, facts.prompt);
  if (text) facts.text = text;
  const endUser = typeof user === 'string' && user ? user : endUserHeader;
  if (endUser) facts.endUser = endUser;
  return facts;
}

/** Rewrites a body as a `degrade` decision asks: another model, no tools, fewer tokens. */
export function degradeBody(body: Record<string, unknown>, d: Degradation): Record<string, unknown> {
  const out = { ...body };
  if (d.model) out.model = d.model;
  if (d.stripTools) {
    delete out.tools;
    delete out.tool_choice;
    delete out.functions;
    delete out.function_call;
    delete out.parallel_tool_calls;
  }
  if (d.maxTokens !== undefined) {
    for (const k of ['max_tokens', 'max_completion_tokens', 'max_output_tokens'] as const) {
      const v = out[k];
      if (typeof v === 'number' && v > d.maxTokens) out[k] = d.maxTokens;
    }
    if (
      out.max_tokens === undefined &&
      out.max_completion_tokens === undefined &&
      out.max_output_tokens === undefined
    ) {
      out[body.input !== undefined && body.messages === undefined ? 'max_output_tokens' : 'max_tokens'] =
        d.maxTokens;
    }
  }
  return out;
}
