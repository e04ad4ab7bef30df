import type { Country } from './names.js';
import type { Language, TopicTemplates } from './prompts/template.js';

/**
 * Why an honest account is hard to tell from an actor: what it asks (`content`), what it shares
 * with actors (`infrastructure`), intel that wrongly names it (`intel-noise`), or a ban and a
 * new account on the same device or card that is not evasion by a threat actor (`evasion-lookalike`).
 */
export type HardNegativeReason = 'content' | 'infrastructure' | 'intel-noise' | 'evasion-lookalike';

/** A kind of prompt an account asks, with the TTP it stands for (null for ordinary use). */
export interface PromptTopic {
  templates: TopicTemplates;
  ttp: string | null;
  /** A plainly harmful ask: the service refuses it often. */
  harmful: boolean;
}

export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Everything the generator needs to play one account through the simulated month. Plans are the
 * only per-account state held in memory; events are produced day by day from them.
 */
export interface AccountPlan {
  index: number;
  id: string;
  label: 'honest' | 'malicious';
  kind: string;
  hardNegative: boolean;
  /** Why an honest account is hard: what it asks (`content`), what it shares with actors (`infrastructure`), or intel that wrongly names it (`intel-noise`). */
  hardNegativeReason: HardNegativeReason | null;
  actor: string | null;
  network: string | null;
  group: string | null;
  banEvasion: boolean;
  /** An actor account that shares no infrastructure with its network (only content, language and hours tie it in). */
  careful: boolean;
  /** The banned account this one links back to (ban evasion), if any. */
  evades: string | null;
  createdDay: number;
  /** Minute of the creation day (UTC) at which the account signs up; null = at its first session. */
  signupMinute: number | null;
  lastDay: number;
  /** The day the provider terminates the account (an `account.enforced` event), if it does. */
  bannedDay: number | null;
  /** The reason the provider gives when it terminates the account. */
  banReason: string;
  /** The day the provider warns the account (honest accounts too get the odd warning). */
  warnedDay: number | null;
  /** Expected sessions on an active weekday. */
  rate: number;
  country: Country;
  tzMinutes: number;
  /** Local working hours [start, end) and the share of sessions inside them. */
  workStart: number;
  workEnd: number;
  workShare: number;
  /** Sessions on a local weekend day are kept with this probability. */
  weekendFactor: number;
  weekend: readonly number[];
  languages: Weighted<Language>;
  topics: Weighted<PromptTopic>;
  /** Exact prompts shared with others (a course assignment); asked with `fixedShare`. */
  fixedPrompts: readonly string[] | null;
  fixedShare: number;
  /** Probability that a harmless request is refused anyway (over-refusal). */
  baseRefusal: number;
  /** Probability that a harmful request is refused. */
  harmfulRefusal: number;
  profile: { email: string; name: string; phone?: string; country: string; locale: string; signup_method: string };
  /** Addresses the account uses; the first is the usual one. */
  ips: readonly string[];
  mobilePool: readonly number[] | null;
  mobileShare: number;
  vpnExits: readonly string[] | null;
  vpnShare: number;
  devices: readonly string[];
  userAgent: string;
  payment: { fingerprint: string; country: string; brand: string } | null;
  org: string | null;
  /** The account's own API key (announced with `api_key.created`). */
  apiKey: string | null;
  /** Keys its API requests carry (its own, or one shared by a team or network). */
  requestKeys: readonly string[];
  /** Share of requests sent through the API rather than the web app. */
  apiShare: number;
  /** Number of distinct end users behind an API app (0 = none). */
  endUsers: number;
}

/** A simulated network of malicious accounts (a state actor's or a crime group's). */
export interface NetworkPlan {
  id: string;
  kind: 'state-actor' | 'cybercrime';
  actor: string | null;
  label: string;
  accounts: string[];
  /** Infrastructure the intel bundle may describe. */
  hostingIps: string[];
  hostingPrefixes: string[];
  vpnExits: string[];
  emails: string[];
  emailDomains: string[];
}

/** Options of a simulated world. */
export interface WorldOptions {
  seed: number;
  /** Honest plus malicious accounts, approximately (groups are not split). */
  accounts: number;
  /** Length of the simulated period in days. */
  days: number;
  /** First simulated day (UTC midnight), as an RFC 3339 date. */
  start: string;
}

export const defaultWorldOptions: WorldOptions = { seed: 1, accounts: 5000, days: 28, start: '2024-01-08' };
