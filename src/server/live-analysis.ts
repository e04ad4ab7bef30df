import { decodeLine, type DecodedEvent } from '../events/index.js';
import type { EventObservables, MatchOutcome } from '../intel/index.js';
import type { Logger } from '../observability/index.js';
import { Analysis, toReport, type AnalysisResult, type AnalyzeReport, type EvasionAlert, type PipelineDeps } from '../pipeline/index.js';
import { listEventsAfter, type Database } from '../store/index.js';

/** One indicator match, as the API lists it. */
export interface IntelMatchRecord {
  account: string;
  eventId: string;
  time: string;
  indicator: string;
  field: string;
  value: string;
  confidence: number | null;
  specificity: 'high' | 'low' | 'none';
  warninglist: string | null;
  actors: string[];
}

/** What the gateway's policy needs of a matcher (`IntelMatcher` from src/intel). */
export interface IntelMatcherLike {
  match(obs: EventObservables, timeMs: number): MatchOutcome;
}

/**
 * The live driver of the detection pipeline: the same `Analysis` that `warden analyze` runs over
 * files, fed by every committed event. Evaluation is cached until new events arrive, so reading
 * the report repeatedly costs nothing.
 */
export class LiveAnalysis {
  private analysis: Analysis;
  private matcher: IntelMatcherLike | undefined;
  private cached: AnalysisResult | undefined;
  private events = 0;

  constructor(deps: PipelineDeps) {
    this.analysis = new Analysis(deps);
    // The intel port built by src/intel carries its compiled matcher; other ports do not.
    this.matcher = (deps.intel as { matcher?: IntelMatcherLike } | undefined)?.matcher;
  }

  /** The loaded intel's indicator matcher, for the gateway's inline intel signal; undefined without intel. */
  intelMatcher(): IntelMatcherLike | undefined {
    return this.matcher;
  }

  /**
   * Starts over with new dependencies (new intel, say) and re-hunts the whole stored history,
   * so that verdicts reflect what is known now, judged at each event's own time.
   */
  async rebuild(deps: PipelineDeps, database: Database, logger?: Logger): Promise<void> {
    const next = new LiveAnalysis(deps);
    await next.replay(database, logger);
    this.analysis = next.analysis;
    this.matcher = next.matcher;
    this.events = next.events;
    this.cached = undefined;
  }

  /** Ban-evasion screening of one event against the accounts actioned so far (the gateway's evasion signal). */
  screen(d: DecodedEvent): EvasionAlert | undefined {
    return this.analysis.screen(d);
  }

  /** Folds committed events in (the ingest path's `onCommitted`). */
  add(events: readonly DecodedEvent[]): void {
    for (const d of events) this.analysis.add(d);
    this.events += events.length;
    if (events.length > 0) this.cached = undefined;
  }

  /** Rebuilds state from the stored history, in arrival order, at start-up. */
  async replay(database: Database, logger?: Logger, pageSize = 5000): Promise<number> {
    let after = 0;
    let n = 0;
    for (;;) {
      const page = await listEventsAfter(database.db, after, pageSize);
      if (page.length === 0) break;
      const decoded: DecodedEvent[] = [];
      for (const e of page) {
        const r = decodeLine(e.seq, e.raw);
        if (r.ok) decoded.push(r.value);
      }
      this.add(decoded);
      n += page.length;
      after = page[page.length - 1]!.seq;
    }
    logger?.info({ events: n }, 'pipeline state rebuilt from stored events');
    return n;
  }

  /**
   * Every indicator match recorded so far, including those too weak to flag an account (a
   * low-specificity value, a single indicator): analysts see what matched, verdict or not.
   */
  matches(account?: string): IntelMatchRecord[] {
    const { book, graph } = this.analysis;
    const out: IntelMatchRecord[] = [];
    const only = account === undefined ? undefined : graph.accounts.find(account);
    if (only === -1) return out;
    for (const [id, hits] of book.intel) {
      if (only !== undefined && id !== only) continue;
      const name = graph.accounts.value(id);
      for (const h of hits) {
        out.push({
          account: name,
          eventId: h.eventId,
          time: new Date(h.timeMs).toISOString(),
          indicator: h.indicatorId,
          field: h.field,
          value: h.value,
          confidence: h.confidence ?? null,
          specificity: h.specificity ?? 'high',
          warninglist: h.warninglist ?? null,
          actors: h.actors.map((a) => a.name),
        });
      }
    }
    return out.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  }

  /** The current verdicts, networks and attributions in the `warden analyze` report format. */
  report(generatedAt: string): AnalyzeReport {
    this.cached ??= this.analysis.evaluate();
    return toReport(this.cached, { generatedAt, events: { read: this.events, accepted: this.events, rejected: 0 } });
  }
}
