import type { ActorCatalogue } from '../intel/index.js';
import { requestText, type DecodedEvent } from '../events/index.js';
import {
  LinkageGraph,
  defaultKindPolicies,
  defaultLinkageOptions,
  forEachLinkValue,
  linkValuesOf,
  type LinkKind,
} from '../linkage/index.js';
import type { ActorProfileData } from '../attribution/index.js';
import { AccountBook } from './account-book.js';
import { evaluateAnalysis, type AnalysisResult } from './evaluate.js';
import { defaultPipelineConfig, type PipelineConfig } from './pipeline.schema.js';
import type { ContentPort, IntelPort } from './ports.js';

/** Everything the pipeline is given from outside; pure data and pure functions only. */
export interface PipelineDeps {
  config?: PipelineConfig;
  intel?: IntelPort;
  content?: ContentPort;
  /** Actor profiles (`loadActorProfiles()`); none means attribution on intel alone. */
  profiles?: readonly ActorProfileData[];
  catalogue?: ActorCatalogue;
  /** Link kinds to ignore, for ablations (e.g. `['device', 'payment']`). */
  ignoreKinds?: readonly LinkKind[];
}

/**
 * Kinds whose sharing with an actioned account flags a new account at once. The gateway's
 * replica screening uses the same set, so batch, live and inline agree on what evasion is.
 */
export const screeningKinds: ReadonlySet<LinkKind> = new Set([
  'device',
  'payment',
  'email',
  'phone',
  'api-key',
  'end-user',
]);

/** An early ban-evasion alert raised while events stream in (sign-up or first request). */
export interface EvasionAlert {
  account: string;
  eventId: string;
  timeMs: number;
  actionedAccount: string;
  via: LinkKind;
  value: string;
}

const CONTENT_HIT = 0.5;

/**
 * The detection pipeline over a growing set of events: `add` folds events in (any order, any
 * batch size), `evaluate` runs linkage, signals, verdicts, ban evasion and attribution over all
 * events so far. The CLI feeds it a file; the live server feeds it as events arrive and calls
 * `screen` on sign-ups. No clock is read: every judgement uses event times.
 */
export class Analysis {
  readonly graph: LinkageGraph;
  readonly book = new AccountBook();
  readonly config: PipelineConfig;
  private readonly ignore: ReadonlySet<LinkKind>;
  /** Value id → the actioned account that used it and when it was actioned (ms). */
  private readonly actionedValues = new Map<number, { account: number; sinceMs: number }>();
  readonly alerts = new Map<number, EvasionAlert>();
  eventsAdded = 0;

  constructor(readonly deps: PipelineDeps = {}) {
    this.config = deps.config ?? defaultPipelineConfig;
    this.ignore = new Set(deps.ignoreKinds ?? []);
    const warninglist = deps.intel?.warninglist;
    this.graph = new LinkageGraph({
      ...defaultLinkageOptions,
      policies: defaultKindPolicies,
      hubCap: this.config.linkage.hubCap,
      ...(warninglist ? { warninglist } : {}),
    });
  }

  /** Folds one decoded event in. */
  add(d: DecodedEvent): void {
    const e = d.event;
    const t = d.timeMs;
    const id = this.graph.accountId(e.account);
    const isNew = id >= this.book.size;
    this.book.ensure(id);
    this.book.seen(id, t);
    this.eventsAdded++;
    if (e.kind === 'account.created') this.book.created(id, t);
    if (e.profile?.locale && !this.book.locale.has(id))
      this.book.locale.set(id, e.profile.locale.slice(0, 2).toLowerCase());
    if (e.kind === 'account.enforced' && e.enforcement) {
      this.book.enforce(id, {
        action: e.enforcement.action,
        timeMs: t,
        eventId: e.id,
        ...(e.enforcement.reason ? { reason: e.enforcement.reason } : {}),
      });
    }
    if (e.kind === 'request') {
      this.book.request(id, t, e.response?.refused === true);
      const text = requestText(e);
      if (text) {
        if (!this.ignore.has('prompt')) this.graph.observePrompt(id, text);
        const content = this.deps.content;
        if (content) {
          const v = content.classify(text);
          this.book.content(
            id,
            { eventId: e.id, score: v.score, ttp: v.ttp, tactic: v.tactic },
            v.language ?? content.detectLanguage?.(text),
            CONTENT_HIT,
          );
          if (content.extractTopics && !this.ignore.has('topic'))
            for (const topic of content.extractTopics(text))
              this.graph.observe(id, 'topic', topic.toLowerCase(), t);
        }
      }
    }
    forEachLinkValue(d.entities, (kind, value) => {
      if (!this.ignore.has(kind)) this.graph.observe(id, kind, value, t);
    });
    if (this.deps.intel)
      for (const hit of this.deps.intel.matchEvent(d))
        this.book.intelHit(id, { ...hit, eventId: e.id, timeMs: t });
    if ((isNew || e.kind === 'account.created') && this.actionedValues.size > 0) {
      const alert = this.screen(d);
      if (alert && !this.alerts.has(id)) this.alerts.set(id, alert);
    }
  }

  /**
   * Ban-evasion screening of one event, as at sign-up or first request: does it carry a device,
   * card, mailbox, phone, key or end user of an account actioned before this event's time?
   * Uses the actioned values known at the last `evaluate`, so it is O(values of the event).
   */
  screen(d: DecodedEvent): EvasionAlert | undefined {
    const self = this.graph.accounts.find(d.event.account);
    for (const lv of linkValuesOf(d.entities)) {
      if (!screeningKinds.has(lv.kind)) continue;
      const v = this.graph.findValue(lv.kind, lv.value);
      const hit = v >= 0 ? this.actionedValues.get(v) : undefined;
      if (!hit || hit.account === self || hit.sinceMs > d.timeMs) continue;
      return {
        account: d.event.account,
        eventId: d.event.id,
        timeMs: d.timeMs,
        actionedAccount: this.graph.accounts.value(hit.account),
        via: lv.kind,
        value: lv.value,
      };
    }
    return undefined;
  }

  /** Runs every stage over all events so far. Safe to call again after more `add` calls. */
  evaluate(): AnalysisResult {
    const result = evaluateAnalysis(this);
    this.actionedValues.clear();
    for (const [id] of this.book.enforcement) {
      const rec = this.book.actioned(id);
      if (!rec) continue;
      for (const { value } of this.graph.accountValues(id)) {
        if (!screeningKinds.has(this.graph.describeValue(value).kind)) continue;
        if (this.graph.valueDegree(value) > this.config.linkage.hubCap) continue;
        this.actionedValues.set(value, { account: id, sinceMs: rec.timeMs });
      }
    }
    return result;
  }
}
