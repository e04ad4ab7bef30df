import { AccountRegistry } from './accounts.js';
import { accountDayEvents, type DraftEvent } from './activity.js';
import { prefix24 } from './address-plan.js';
import { addHonestPopulation, buildSharedInfra } from './honest-population.js';
import { buildIntelBundle, IntelCoverage, isValidAt, type IntelBundle } from './intel-bundle.js';
import { defaultWorldOptions, type AccountPlan, type NetworkPlan, type WorldOptions } from './model.js';
import { mixSeed, Rng } from './prng.js';
import { addThreatPopulation } from './threat-population.js';
import { TRUTH_FORMAT, type TruthAccount } from './truth.schema.js';

const DAY_MS = 86_400_000;
/** The shortest world in which every network can lose an account and come back. */
export const MIN_DAYS = 7;
const COVERED = 1;
const TOUCHED = 2;

/**
 * A simulated world: its account plans, malicious networks and partner intel, from which events
 * are produced day by day. Memory holds the plans (about 1 KB an account), never the events.
 *
 * @example
 * const world = createWorld({ seed: 7, accounts: 5000 });
 * for (const lines of world.eventLines()) out.write(lines.join('\n') + '\n');
 * const truth = world.truthChunks(); // after the events
 */
export class SimulatedWorld {
  readonly options: WorldOptions;
  readonly plans: readonly AccountPlan[];
  readonly networks: readonly NetworkPlan[];
  readonly intel: IntelBundle;
  private readonly startMs: number;
  private readonly intelFlags: Uint8Array;
  private eventCount = 0;
  private eventsDone = false;

  constructor(options: WorldOptions) {
    this.options = options;
    this.startMs = Date.parse(`${options.start}T00:00:00Z`);
    if (Number.isNaN(this.startMs)) throw new Error(`start ${options.start} is not a date (YYYY-MM-DD)`);
    // Rotation needs time: a first wave, a ban some days later, and replacements after it.
    if (!Number.isInteger(options.days) || options.days < MIN_DAYS) throw new Error(`a world spans at least ${MIN_DAYS} days (got ${options.days})`);
    const rng = new Rng(mixSeed(options.seed, 0x0a11));
    const infra = buildSharedInfra(options.accounts, options.days, rng);
    const registry = new AccountRegistry(options.seed);
    const threatRng = new Rng(mixSeed(options.seed, 0x7ea7));
    // Size the honest population so honest + malicious ≈ the requested total.
    const scratch = new AccountRegistry(options.seed);
    const threatCount = addThreatPopulation(scratch, options.accounts, new Rng(mixSeed(options.seed, 0x7ea7)), infra).reduce((n, x) => n + x.accounts.length, 0) + Math.max(3, Math.round(options.accounts / 1500));
    addHonestPopulation(registry, Math.max(10, options.accounts - threatCount), rng, infra);
    this.networks = addThreatPopulation(registry, options.accounts, threatRng, infra);
    this.plans = registry.plans;
    markInfrastructureHardNegatives(this.plans, this.networks);
    addHonestWarnings(this.plans, new Rng(mixSeed(options.seed, 0x3a4e)));
    this.intel = buildIntelBundle(this.networks, this.plans, this.startMs, new Rng(mixSeed(options.seed, 0x1e7e)));
    this.intelFlags = new Uint8Array(this.plans.length);
  }

  /** Events produced so far by `eventLines()`. */
  get eventsWritten(): number {
    return this.eventCount;
  }

  /**
   * NDJSON lines of the world's events in time order, in arrays of at most `chunk` lines (a day
   * may span several arrays). Ids are assigned after sorting, so they increase with time.
   */
  *eventLines(chunk = 50_000): Generator<string[]> {
    const coverage = new IntelCoverage(this.intel.indicators);
    const prefix = `s${this.options.seed}-e`;
    let counter = 0;
    for (let day = 0; day < this.options.days; day++) {
      const drafts: DraftEvent[] = [];
      for (const plan of this.plans) {
        if (day >= plan.createdDay && day <= plan.lastDay) accountDayEvents(plan, day, this.options.seed, this.startMs, drafts);
      }
      drafts.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
      // Drafts are released as their lines are built, so a million-account day is never held twice.
      for (let from = 0; from < drafts.length; from += chunk) {
        const to = Math.min(drafts.length, from + chunk);
        const lines: string[] = new Array<string>(to - from);
        for (let i = from; i < to; i++) {
          const d = drafts[i] as DraftEvent;
          this.noteIntel(d, coverage);
          lines[i - from] = `{"id":"${prefix}${counter++}","time":"${new Date(d.ms).toISOString()}",${d.json.slice(1)}`;
          (drafts as (DraftEvent | undefined)[])[i] = undefined;
        }
        this.eventCount = counter;
        yield lines;
      }
    }
    this.eventsDone = true;
  }

  private noteIntel(d: DraftEvent, coverage: IntelCoverage): void {
    const hits = coverage.matches(d.ip, d.email);
    if (hits.length === 0) return;
    const index = Math.floor(d.seq / 4096); // activity.ts packs the plan index into seq
    let flags = (this.intelFlags[index] ?? 0) | TOUCHED;
    if (hits.some((h) => isValidAt(h, d.ms))) flags |= COVERED;
    this.intelFlags[index] = flags;
  }

  /** The ground truth records, one per account; only after `eventLines()` has been read to the end. */
  *truthAccounts(): Generator<TruthAccount> {
    if (!this.eventsDone) throw new Error('read every event before the truth: intel coverage is measured on the events');
    for (const plan of this.plans) {
      const flags = this.intelFlags[plan.index] ?? 0;
      let reason = plan.hardNegativeReason;
      // Intel naming an honest account is the most misleading thing about it, so it wins over shared infrastructure.
      if (plan.label === 'honest' && (reason === null || reason === 'infrastructure') && flags & TOUCHED) reason = 'intel-noise';
      yield {
        account: plan.id,
        label: plan.label,
        kind: plan.kind,
        hard_negative: plan.label === 'honest' && reason !== null,
        hard_negative_reason: plan.label === 'honest' ? reason : null,
        actor: plan.actor,
        network: plan.network,
        group: plan.group,
        ban_evasion: plan.banEvasion,
        careful_operator: plan.careful,
        evades: plan.evades,
        banned: plan.bannedDay !== null,
        covered_by_intel: (flags & COVERED) !== 0,
        created: new Date(this.startMs + plan.createdDay * DAY_MS).toISOString().slice(0, 10),
      };
    }
  }

  /** `truth.json` as text chunks (streamed: a 1M-account truth file is about 300 MB). */
  *truthChunks(): Generator<string> {
    const actors = this.intel.actors.map((a) => ({
      name: a.name,
      partner_name: a.partnerName,
      aliases: a.aliases,
      stix_id: a.stixId,
      networks: this.networks.filter((n) => n.actor === a.name).map((n) => n.id),
    }));
    const networks = this.networks.map((n) => ({ id: n.id, kind: n.kind, actor: n.actor, label: n.label, accounts: n.accounts.length }));
    const records = this.truthAccounts();
    const first = records.next();
    const head = {
      format: TRUTH_FORMAT,
      seed: this.options.seed,
      accounts_requested: this.options.accounts,
      start: this.options.start,
      days: this.options.days,
      events: this.eventCount,
      actors,
      networks,
    };
    const headText = JSON.stringify(head, null, 1);
    yield `${headText.slice(0, -2)},\n "accounts": [\n`;
    if (!first.done) {
      yield `  ${JSON.stringify(first.value)}`;
      for (const record of records) yield `,\n  ${JSON.stringify(record)}`;
    }
    yield '\n ]\n}\n';
  }
}

/** Builds a world from options (defaults: seed 1, 5000 accounts, 28 days from 2024-01-08). */
export function createWorld(options: Partial<WorldOptions> = {}): SimulatedWorld {
  return new SimulatedWorld({ ...defaultWorldOptions, ...options });
}

/** Honest accounts renting servers in an actor's /24 are hard negatives for prefix links. */
function markInfrastructureHardNegatives(plans: readonly AccountPlan[], networks: readonly NetworkPlan[]): void {
  const actorPrefixes = new Set(networks.flatMap((n) => n.hostingPrefixes));
  for (const plan of plans) {
    if (plan.label !== 'honest' || plan.hardNegativeReason !== null) continue;
    if (plan.ips.some((ip) => !ip.includes(':') && actorPrefixes.has(prefix24(ip)))) {
      plan.hardNegative = true;
      plan.hardNegativeReason = 'infrastructure';
    }
  }
}

/** A few security professionals get a warning from the provider, as real ones sometimes do. */
function addHonestWarnings(plans: readonly AccountPlan[], rng: Rng): void {
  for (const plan of plans) {
    if (plan.label === 'honest' && plan.hardNegativeReason === 'content' && rng.chance(0.04)) {
      plan.warnedDay = rng.int(plan.createdDay, plan.lastDay);
    }
  }
}
