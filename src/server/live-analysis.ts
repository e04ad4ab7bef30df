import { decodeLine, type DecodedEvent } from '../events/index.js';
import type { Logger } from '../observability/index.js';
import { Analysis, toReport, type AnalysisResult, type AnalyzeReport, type PipelineDeps } from '../pipeline/index.js';
import { listEventsAfter, type Database } from '../store/index.js';

/**
 * The live driver of the detection pipeline: the same `Analysis` that `warden analyze` runs over
 * files, fed by every committed event. Evaluation is cached until new events arrive, so reading
 * the report repeatedly costs nothing.
 */
export class LiveAnalysis {
  private readonly analysis: Analysis;
  private cached: AnalysisResult | undefined;
  private events = 0;

  constructor(deps: PipelineDeps) {
    this.analysis = new Analysis(deps);
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

  /** The current verdicts, networks and attributions in the `warden analyze` report format. */
  report(generatedAt: string): AnalyzeReport {
    this.cached ??= this.analysis.evaluate();
    return toReport(this.cached, { generatedAt, events: { read: this.events, accepted: this.events, rejected: 0 } });
  }
}
