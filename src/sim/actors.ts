import type { PromptTopic, Weighted } from './model.js';
import * as threats from './prompts/actor-prompts.js';
import type { ThreatTopic } from './prompts/actor-prompts.js';
import type { Language } from './prompts/template.js';

/**
 * How each simulated actor behaves, from public reporting: Microsoft Threat Intelligence,
 * "Staying ahead of threat actors in the age of AI" (14 Feb 2024) and OpenAI, "Disrupting
 * malicious uses of AI by state-affiliated threat actors" (14 Feb 2024) for what they asked;
 * the usual public descriptions of each group for languages, time zones and infrastructure
 * habits. The infrastructure details are illustrative, not observed indicators.
 */
export interface ActorProfile {
  /** Name as Warden's catalogue gives it (data/intel/actors.json). */
  name: string;
  slug: string;
  country: string;
  /** Home time zone, minutes east of UTC. */
  tzMinutes: number;
  /** Local weekend days (0 = Sunday). */
  weekend: readonly number[];
  workStart: number;
  workEnd: number;
  native: Language;
  /** Share of prompts written in the native language (the rest English). */
  nativeShare: number;
  topics: Weighted<PromptTopic>;
  /** Stems for email local parts; one network reuses a stem with counters and variations. */
  emailStems: readonly string[];
  freemail: readonly string[];
  /** Look-alike domains the actor registers (impersonating institutions it targets). */
  lookalikeDomains: readonly string[];
  /** Where sessions come from: own VPS ranges, commercial VPN exits, home-country residential. */
  hostingShare: number;
  vpnShare: number;
  /** Share of requests sent with API keys. */
  apiShare: number;
  /** Names a partner's bundle may use for the actor (the first is its primary name there). */
  partnerNames: readonly (readonly string[])[];
}

const topics = (list: readonly ThreatTopic[], cover: Weighted<PromptTopic> = []): Weighted<PromptTopic> => [
  ...list.map((x) => [{ templates: x.templates, ttp: x.ttp, harmful: x.harmful }, 3] as const),
  ...cover,
];

export const actorProfiles: readonly ActorProfile[] = [
  {
    name: 'Forest Blizzard',
    slug: 'fb',
    country: 'RU',
    tzMinutes: 180,
    weekend: [0, 6],
    workStart: 9,
    workEnd: 18,
    native: 'ru',
    nativeShare: 0.45,
    topics: topics(threats.forestBlizzard),
    emailStems: ['sat.analyst', 'radar.office', 'd.morozov'],
    freemail: ['proton.example', 'gmx.example', 'outlook.example'],
    lookalikeDomains: ['ukr-satcom-support.example', 'nato-logistics-portal.example'],
    hostingShare: 0.6,
    vpnShare: 0.3,
    apiShare: 0.4,
    partnerNames: [['APT28', 'Fancy Bear', 'Forest Blizzard'], ['Forest Blizzard', 'STRONTIUM', 'APT28'], ['Sofacy', 'APT28', 'Pawn Storm']],
  },
  {
    name: 'Emerald Sleet',
    slug: 'es',
    country: 'KP',
    tzMinutes: 540,
    weekend: [0],
    workStart: 8,
    workEnd: 19,
    native: 'ko',
    nativeShare: 0.55,
    topics: topics(threats.emeraldSleet),
    emailStems: ['kor.peace.forum', 'unikorea.desk', 'j.hyun.research'],
    freemail: ['naver.example', 'gmail.example', 'daum.example'],
    lookalikeDomains: ['mofa-go-kr.example', 'kinu-research.example', 'nk-policy-review.example'],
    hostingShare: 0.4,
    vpnShare: 0.55,
    apiShare: 0.2,
    partnerNames: [['Kimsuky', 'Velvet Chollima', 'Emerald Sleet'], ['Emerald Sleet', 'THALLIUM', 'Kimsuky'], ['APT43', 'Kimsuky']],
  },
  {
    name: 'Crimson Sandstorm',
    slug: 'cs',
    country: 'IR',
    tzMinutes: 210,
    weekend: [4, 5],
    workStart: 8,
    workEnd: 16,
    native: 'fa',
    nativeShare: 0.4,
    topics: topics(threats.crimsonSandstorm),
    emailStems: ['careers.hr', 'women.network', 'devteam.app'],
    freemail: ['gmail.example', 'outlook.example', 'yahoo.example'],
    lookalikeDomains: ['intl-dev-agency-careers.example', 'feminist-network-events.example'],
    hostingShare: 0.55,
    vpnShare: 0.35,
    apiShare: 0.45,
    partnerNames: [['Tortoiseshell', 'Imperial Kitten', 'Crimson Sandstorm'], ['Crimson Sandstorm', 'CURIUM', 'Tortoiseshell'], ['Imperial Kitten', 'TA456']],
  },
  {
    name: 'Charcoal Typhoon',
    slug: 'ct',
    country: 'CN',
    tzMinutes: 480,
    weekend: [0, 6],
    workStart: 9,
    workEnd: 18,
    native: 'zh',
    nativeShare: 0.5,
    topics: topics(threats.charcoalTyphoon),
    emailStems: ['it.helpdesk', 'ops.team', 'chen.sec'],
    freemail: ['outlook.example', 'gmail.example', 'qq.example'],
    lookalikeDomains: ['tw-telecom-update.example', 'gov-it-helpdesk.example'],
    hostingShare: 0.7,
    vpnShare: 0.2,
    apiShare: 0.6,
    partnerNames: [['Aquatic Panda', 'Charcoal Typhoon', 'CHROMIUM'], ['Charcoal Typhoon', 'ControlX', 'Aquatic Panda'], ['Earth Lusca', 'Aquatic Panda']],
  },
  {
    name: 'Salmon Typhoon',
    slug: 'st',
    country: 'CN',
    tzMinutes: 480,
    weekend: [0, 6],
    workStart: 9,
    workEnd: 18,
    native: 'zh',
    nativeShare: 0.5,
    topics: topics(threats.salmonTyphoon),
    emailStems: ['paper.translate', 'research.lib', 'wang.tech'],
    freemail: ['outlook.example', '163.example', 'gmail.example'],
    lookalikeDomains: ['defense-contractor-news.example', 'intel-agency-review.example'],
    hostingShare: 0.6,
    vpnShare: 0.3,
    apiShare: 0.5,
    partnerNames: [['APT4', 'Maverick Panda', 'Salmon Typhoon'], ['Salmon Typhoon', 'SODIUM', 'APT4'], ['Maverick Panda', 'APT4']],
  },
];

/** A crime group absent from partner intel (truth `actor` is null for its accounts). */
export interface CrimeProfile {
  slug: string;
  label: string;
  tzMinutes: number;
  languages: Weighted<Language>;
  topics: Weighted<PromptTopic>;
  /** Accounts created in one burst (minutes apart) rather than spread over days. */
  burstSignup: boolean;
  /** Residential proxies: addresses in the same ISP blocks as honest households. */
  residentialProxies: boolean;
  hostingShare: number;
  disposableDomain: string;
}

export const crimeProfiles: readonly CrimeProfile[] = [
  {
    slug: 'phish',
    label: 'phishing-kit crew',
    tzMinutes: -180,
    languages: [['en', 0.6], ['pt', 0.25], ['es', 0.15]],
    topics: topics(threats.phishingCrew),
    burstSignup: true,
    residentialProxies: true,
    hostingShare: 0.1,
    disposableDomain: 'tempinbox.example',
  },
  {
    slug: 'ransom',
    label: 'ransomware affiliate',
    tzMinutes: 120,
    languages: [['en', 0.6], ['ru', 0.4]],
    topics: topics(threats.ransomwareAffiliate, []),
    burstSignup: false,
    residentialProxies: false,
    hostingShare: 0.7,
    disposableDomain: 'dropmail-box.example',
  },
  {
    slug: 'stealer',
    label: 'infostealer developers',
    tzMinutes: 60,
    languages: [['en', 1]],
    topics: topics(threats.infostealerDev),
    burstSignup: false,
    residentialProxies: true,
    hostingShare: 0.5,
    disposableDomain: 'guerrilla-box.example',
  },
];

/** The lone malicious user's topics. */
export const loneTopics: Weighted<PromptTopic> = topics(threats.loneMalicious);
