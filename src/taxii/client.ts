import { AppError } from '../errors/index.js';
import { TAXII_MEDIA_TYPE } from './media.js';

export interface TaxiiClientOptions {
  /** The partner collection: `https://host/taxii2/<root>/collections/<id>/`. */
  collectionUrl: string;
  /** HTTP Basic user (partner id or name); without it the secret is sent as a bearer token. */
  username?: string | null;
  secret?: string | null;
  /** Page size asked for (`limit`); the server may return fewer. */
  pageLimit?: number;
  /** Attempts per request on network errors, 429 and 5xx (with exponential backoff). */
  retries?: number;
  retryDelayMs?: number;
  /** At most this many pages per poll, so one sync stays bounded. */
  maxPages?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface PollResult {
  objects: Record<string, unknown>[];
  /** The last page's X-TAXII-Date-Added-Last: the `added_after` of the next poll. */
  addedAfter: string | null;
  pages: number;
  /** True when maxPages stopped the poll with more pages left (the next poll resumes). */
  truncated: boolean;
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: Record<string, unknown>[];
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls a TAXII 2.1 collection incrementally (TAXII 2.1 §5.3): objects added after the last
 * cursor, following `next` until `more` is false. Retries transient failures; anything else is
 * a TAXII_UPSTREAM_FAILED naming the URL and status.
 */
export async function pollCollection(opts: TaxiiClientOptions, addedAfter: string | null): Promise<PollResult> {
  const base = opts.collectionUrl.endsWith('/') ? opts.collectionUrl : `${opts.collectionUrl}/`;
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? sleepMs;
  const headers: Record<string, string> = { accept: TAXII_MEDIA_TYPE };
  if (opts.secret) {
    headers.authorization = opts.username
      ? `Basic ${Buffer.from(`${opts.username}:${opts.secret}`).toString('base64')}`
      : `Bearer ${opts.secret}`;
  }
  const objects: Record<string, unknown>[] = [];
  let cursor = addedAfter;
  let next: string | undefined;
  let pages = 0;
  for (;;) {
    const url = new URL('objects/', base);
    url.searchParams.set('limit', String(opts.pageLimit ?? 1000));
    if (addedAfter) url.searchParams.set('added_after', addedAfter);
    if (next) url.searchParams.set('next', next);
    const res = await fetchWithRetry(doFetch, url, headers, opts.retries ?? 3, opts.retryDelayMs ?? 500, sleep);
    const body = (await res.json()) as Envelope;
    pages++;
    if (Array.isArray(body.objects)) objects.push(...body.objects);
    const last = res.headers.get('x-taxii-date-added-last');
    if (last && body.objects && body.objects.length > 0) cursor = last;
    if (!body.more) return { objects, addedAfter: cursor, pages, truncated: false };
    if (!body.next) throw new AppError('TAXII_UPSTREAM_FAILED', `${url.href}: "more" is true without "next" (TAXII 2.1 §3.4)`, { details: { url: url.href } });
    if (body.next === next) throw new AppError('TAXII_UPSTREAM_FAILED', `${url.href}: the server returned the same "next" twice`, { details: { url: url.href } });
    next = body.next;
    if (pages >= (opts.maxPages ?? 1000)) return { objects, addedAfter: cursor, pages, truncated: true };
  }
}

async function fetchWithRetry(
  doFetch: typeof fetch,
  url: URL,
  headers: Record<string, string>,
  retries: number,
  delayMs: number,
  sleep: (ms: number) => Promise<void>,
): Promise<Response> {
  let lastError = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(delayMs * 2 ** (attempt - 1));
    let res: Response;
    try {
      res = await doFetch(url, { headers });
    } catch (err) {
      lastError = (err as Error).message;
      continue;
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let title = text.slice(0, 200);
    try {
      title = (JSON.parse(text) as { title?: string }).title ?? title;
    } catch {
      // not a TAXII error body; keep the text
    }
    lastError = `HTTP ${res.status}: ${title}`;
    if (res.status !== 429 && res.status < 500) break; // a client error will not heal by retrying
    const retryAfter = Number(res.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) await sleep(Math.min(retryAfter, 60) * 1000);
  }
  throw new AppError('TAXII_UPSTREAM_FAILED', `${url.href}: ${lastError}`, { details: { url: url.href } });
}
