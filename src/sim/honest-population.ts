import * as net from './address-plan.js';
import { opaque, paymentCard, type AccountRegistry } from './accounts.js';
import type { AccountPlan, Weighted } from './model.js';
import { apiAgents, browserAgents, countries, countryByCode, displayName, freemailDomains, personalLocalPart, personName, phoneNumber, type Country } from './names.js';
import { personas, type Persona } from './personas.js';
import type { Rng } from './prng.js';
import { expandTemplate, type Language } from './prompts/template.js';
import * as honestPrompts from './prompts/honest-prompts.js';

/** Infrastructure honest users and actors share: VPN exits, carrier pools, hosting blocks. */
export interface SharedInfra {
  vpnProviders: string[][];
  carriers: number[][];
  /** Hosting /24 blocks where developers rent servers; actors rent in some of the same ones. */
  hostingBlocks: number[];
  /** Residential /24 blocks; many unrelated households share each one. */
  residentialBlocks: number[];
  /**
   * Fingerprints that collide: phones and browsers in their default configuration look alike,
   * so a few fingerprints are shared by hundreds of unrelated people.
   */
  commonDevices: string[];
  days: number;
}

/** Builds the shared infrastructure, sized to the world. */
export function buildSharedInfra(accounts: number, days: number, rng: Rng): SharedInfra {
  const exitsPerProvider = Math.min(254, Math.max(12, Math.round(accounts / 400)));
  const vpnProviders = [0, 1, 2].map((p) => net.vpnExits(p, exitsPerProvider, rng));
  const carriers = [0, 1, 2, 3].map(() => net.mobilePool(Math.max(2, Math.round(accounts / 20000)), rng));
  const hostingBlocks = rng.sample(Array.from({ length: 512 }, (_, i) => i), Math.min(512, Math.max(24, Math.round(accounts / 200))));
  const residentialBlocks = Array.from({ length: Math.max(32, Math.round(accounts / 50)) }, () => net.residentialBlock(rng));
  const commonDevices = Array.from({ length: Math.max(8, Math.round(accounts / 2000)) }, () => opaque.device(rng));
  return { vpnProviders, carriers, hostingBlocks, residentialBlocks, commonDevices, days };
}

const countryWeights: Weighted<Country> = countries.map((c) => [c, c.weight] as const);

/** A person's language mix: mostly their own, some English (unless English is their own). */
export function languageMix(own: Language, englishShare = 0.3): Weighted<Language> {
  // Shared, frozen mixes: a million plans hold references, not a million small arrays.
  const key = `${own}:${englishShare}`;
  let mix = mixes.get(key);
  if (!mix) {
    mix = Object.freeze(own === 'en' ? [['en', 1] as const] : [[own, 1 - englishShare] as const, ['en', englishShare] as const]);
    mixes.set(key, mix);
  }
  return mix;
}
const mixes = new Map<string, Weighted<Language>>();

interface Person {
  country: Country;
  given: string;
  family: string;
}

function person(rng: Rng, country?: Country, family?: string): Person {
  const c = country ?? rng.weighted(countryWeights);
  const n = personName(c.language, rng);
  return { country: c, given: n.given, family: family ?? n.family };
}

/** The fields every honest plan shares; callers override infrastructure and persona details. */
function honestPlan(index: number, id: string, who: Person, persona: Persona, rng: Rng, infra: SharedInfra, email: string): AccountPlan {
  // A quarter of accounts exist when the export begins (their snapshot opens day 0); the rest sign up through the month.
  const createdDay = rng.chance(0.25) ? 0 : rng.int(0, Math.max(0, infra.days - 2));
  const workStart = rng.int(7, 10);
  return {
    index,
    id,
    label: 'honest',
    kind: persona.kind,
    hardNegative: persona.hardNegative,
    hardNegativeReason: persona.hardNegative ? 'content' : null,
    actor: null,
    network: null,
    group: null,
    banEvasion: false,
    careful: false,
    evades: null,
    createdDay,
    signupMinute: null,
    lastDay: infra.days - 1,
    bannedDay: null,
    banReason: 'Usage policy violation: spam',
    warnedDay: null,
    // Most accounts are occasional users; a heavy tail uses the service daily.
    rate: persona.rate * 0.32 * (0.4 + rng.pareto(1, 1.6, 8) * 0.6),
    country: who.country,
    tzMinutes: who.country.tzMinutes,
    workStart,
    workEnd: workStart + rng.int(8, 13),
    workShare: 0.65,
    weekendFactor: 0.6,
    weekend: who.country.weekend,
    languages: languageMix(who.country.language, rng.int(1, 5) / 10),
    topics: persona.topics,
    fixedPrompts: null,
    fixedShare: 0,
    baseRefusal: persona.baseRefusal,
    harmfulRefusal: 0.5,
    profile: {
      email,
      name: displayName(who),
      country: who.country.code,
      locale: who.country.locale,
      signup_method: rng.weighted([['email', 5], ['google', 4], ['apple', 1]]),
      ...(rng.chance(0.4) ? { phone: phoneNumber(who.country, rng) } : {}),
    },
    ips: [],
    mobilePool: rng.chance(0.5) ? rng.pick(infra.carriers) : null,
    mobileShare: 0.2,
    vpnExits: null,
    vpnShare: 0,
    devices: [rng.chance(0.06) ? rng.pick(infra.commonDevices) : opaque.device(rng)],
    userAgent: rng.pick(browserAgents),
    payment: null,
    org: null,
    apiKey: null,
    requestKeys: [],
    apiShare: 0,
    endUsers: 0,
  };
}

function freemail(who: Person, rng: Rng): string {
  return `${personalLocalPart(who, rng)}@${rng.pick(freemailDomains[who.country.language])}`;
}

function homeIps(infra: SharedInfra, rng: Rng): string[] {
  const block = rng.pick(infra.residentialBlocks);
  const ips = [net.residentialIp(block, rng)];
  if (rng.chance(0.15)) ips.push(net.residentialIpv6(rng));
  // Dynamic addresses: the ISP hands a new one in the same block now and then.
  if (rng.chance(0.3)) ips.push(net.residentialIp(block, rng));
  return ips;
}

/** A household: one person alone, or a family sharing an address, often a card, sometimes a laptop. */
function household(reg: AccountRegistry, rng: Rng, infra: SharedInfra, size: number): void {
  const head = person(rng);
  const ips = homeIps(infra, rng);
  const sharedCard = size > 1 && rng.chance(0.7) ? paymentCard(head.country, rng) : null;
  const sharedDevice = size > 1 && rng.chance(0.3) ? opaque.device(rng) : null;
  const group = size > 1 ? `household-${reg.plans.length}` : null;
  // Now and then the provider bans one member (for spam), and another opens an account on the
  // same laptop and card a day later: ban evasion to a linker, but no threat actor.
  const lookalike = size > 1 && infra.days >= 6 && rng.chance(0.04);
  const banDay = lookalike ? rng.int(Math.floor(infra.days * 0.3), infra.days - 3) : -1;
  const familyDevice = lookalike ? (sharedDevice ?? opaque.device(rng)) : sharedDevice;
  for (let i = 0; i < size; i++) {
    const who = i === 0 ? head : person(rng, head.country, head.family);
    const persona = size > 1 ? personas.family : rng.weighted<Persona>([[personas.individual, 8], [personas.marketer, 0.5], [personas.student, 1.5]]);
    reg.add((index, id) => {
      const plan = honestPlan(index, id, who, persona, rng, infra, freemail(who, rng));
      plan.ips = ips;
      plan.group = group;
      if (sharedCard && (i === 0 || rng.chance(0.8))) plan.payment = sharedCard;
      else if (size === 1 && rng.chance(0.35)) plan.payment = paymentCard(who.country, rng);
      if (familyDevice) plan.devices = rng.chance(0.6) ? [familyDevice, opaque.device(rng)] : [familyDevice];
      if (lookalike && i < 2) {
        plan.hardNegative = true;
        plan.hardNegativeReason = 'evasion-lookalike';
        plan.devices = [familyDevice ?? opaque.device(rng)];
        if (sharedCard) plan.payment = sharedCard;
        if (i === 0) {
          plan.createdDay = 0;
          plan.bannedDay = banDay;
          plan.lastDay = banDay;
        } else {
          plan.createdDay = banDay + rng.int(1, 2);
        }
      }
      return plan;
    });
  }
}

type CompanyType = 'generic' | 'software' | 'security' | 'aerospace' | 'newsroom' | 'think-tank' | 'translation' | 'marketing';

const companyStaff: Record<CompanyType, Weighted<Persona>> = {
  generic: [[personas.employee, 1]],
  software: [[personas.developer, 3], [personas.employee, 1]],
  security: [[personas.redTeamer, 4], [personas.detectionEngineer, 4], [personas.threatIntelAnalyst, 2]],
  aerospace: [[personas.aerospaceEngineer, 6], [personas.employee, 4]],
  newsroom: [[personas.journalist, 7], [personas.employee, 3]],
  'think-tank': [[personas.policyResearcher, 8], [personas.employee, 2]],
  translation: [[personas.translator, 1]],
  marketing: [[personas.marketer, 3], [personas.employee, 1]],
};

const companyWords = ['acme', 'northwind', 'bluepeak', 'lumen', 'orbital', 'harbor', 'cobalt', 'meridian', 'sable', 'quill', 'vertex', 'kestrel', 'tidal', 'granite', 'pioneer'];
const companySuffix: Record<CompanyType, readonly string[]> = {
  generic: ['logistics', 'retail', 'foods', 'health', 'insurance', 'energy'],
  software: ['labs', 'soft', 'apps', 'cloud', 'dev'],
  security: ['security', 'cyber', 'defense-labs', 'sec'],
  aerospace: ['aero', 'space', 'satcom', 'radar'],
  newsroom: ['news', 'times', 'post', 'herald'],
  'think-tank': ['institute', 'policy', 'forum', 'center'],
  translation: ['translations', 'lingua', 'language-services'],
  marketing: ['media', 'creative', 'agency'],
};

/**
 * A company: employees behind one or two NAT addresses, one org, mail at the company's domain,
 * one company card added by an admin; software teams share an API key. Some work from home.
 */
/** Where companies of a type sit: think tanks on Korea in Seoul, translators of the actors' languages, and so on. */
const companyCountries: Partial<Record<CompanyType, readonly string[]>> = {
  'think-tank': ['KR', 'KR', 'US', 'JP'],
  translation: ['TW', 'SG', 'RU', 'UA', 'IR', 'KR', 'US'],
  aerospace: ['US', 'DE', 'FR', 'UA', 'JP'],
};

function company(reg: AccountRegistry, rng: Rng, infra: SharedInfra, size: number, type: CompanyType): void {
  const placed = companyCountries[type];
  const country = placed && rng.chance(0.7) ? countryByCode(rng.pick(placed)) : rng.weighted(countryWeights);
  const domain = `${rng.pick(companyWords)}-${rng.pick(companySuffix[type])}${rng.int(1, 99)}.example`;
  const nat = [net.corporateIp(rng), ...(size > 40 ? [net.corporateIp(rng)] : [])];
  const org = opaque.org(rng);
  const card = paymentCard(country, rng);
  const teamKey = type === 'software' || type === 'security' ? opaque.apiKey(rng) : null;
  const hosting = type === 'software' || type === 'security' ? [net.hostingIp(rng.pick(infra.hostingBlocks), rng), net.hostingIp(rng.pick(infra.hostingBlocks), rng)] : [];
  const group = `company-${reg.plans.length}`;
  for (let i = 0; i < size; i++) {
    const who = person(rng, country);
    const persona = rng.weighted(companyStaff[type]);
    reg.add((index, id) => {
      const plan = honestPlan(index, id, who, persona, rng, infra, `${who.given}.${who.family}@${domain}`);
      plan.group = group;
      plan.org = org;
      plan.profile.signup_method = rng.chance(0.7) ? 'sso' : 'email';
      plan.ips = rng.chance(0.3) ? [...nat, ...homeIps(infra, rng)] : nat;
      plan.weekendFactor = 0.15;
      plan.workShare = 0.85;
      // The admin adds the company card; in small firms staff often put it on their own accounts too.
      if (i === 0 || (size <= 30 && rng.chance(0.25))) plan.payment = card;
      if (persona.kind === 'developer' || persona.kind === 'red-teamer' || persona.kind === 'detection-engineer') {
        plan.apiKey = opaque.apiKey(rng);
        plan.requestKeys = teamKey && rng.chance(0.6) ? [teamKey] : [plan.apiKey];
        plan.apiShare = 0.6;
        plan.ips = [...plan.ips, ...hosting];
        plan.userAgent = rng.pick(apiAgents);
      }
      return plan;
    });
  }
}

/** A campus: many students behind a few NAT addresses in one /16, all asking this term's assignments. */
function campus(reg: AccountRegistry, rng: Rng, infra: SharedInfra, size: number, campusNo: number): void {
  const country = rng.weighted(countryWeights);
  const domain = `${rng.pick(['state', 'tech', 'city', 'national', 'royal'])}-university${campusNo}.edu.example`;
  const libraryComputers = Array.from({ length: rng.int(2, 6) }, () => opaque.device(rng));
  const nat = Array.from({ length: Math.max(2, Math.round(size / 25)) }, () => net.campusIp(campusNo, rng.int(0, 3), rng));
  const assignments = Array.from({ length: rng.int(3, 6) }, () =>
    expandTemplate(rng.pick([...honestPrompts.study.en, ...honestPrompts.coding.en]), rng),
  );
  const group = `campus-${campusNo}`;
  for (let i = 0; i < size; i++) {
    const who = person(rng, country);
    const persona = rng.chance(0.06) ? personas.ctfLearner : personas.universityStudent;
    reg.add((index, id) => {
      const plan = honestPlan(index, id, who, persona, rng, infra, `${who.given.charAt(0)}${who.family}${rng.int(1, 99)}@${domain}`);
      plan.group = group;
      plan.ips = [rng.pick(nat), rng.pick(nat), ...(rng.chance(0.5) ? homeIps(infra, rng) : [])];
      plan.fixedPrompts = assignments;
      plan.fixedShare = 0.3;
      // Library and lab computers: one machine, many students.
      if (rng.chance(0.12)) plan.devices = [plan.devices[0] ?? opaque.device(rng), rng.pick(libraryComputers)];
      plan.workStart = rng.int(9, 12);
      plan.workEnd = Math.min(24, plan.workStart + rng.int(8, 13));
      return plan;
    });
  }
}

/** A developer on their own: home plus rented servers in hosting ranges, an API key, maybe an app with end users. */
function soloDeveloper(reg: AccountRegistry, rng: Rng, infra: SharedInfra): void {
  const who = person(rng);
  reg.add((index, id) => {
    const plan = honestPlan(index, id, who, personas.developer, rng, infra, freemail(who, rng));
    plan.ips = [...homeIps(infra, rng), net.hostingIp(rng.pick(infra.hostingBlocks), rng)];
    plan.apiKey = opaque.apiKey(rng);
    plan.requestKeys = [plan.apiKey];
    plan.apiShare = 0.85;
    plan.userAgent = rng.pick(apiAgents);
    plan.endUsers = rng.chance(0.3) ? rng.int(5, 400) : 0;
    plan.payment = paymentCard(who.country, rng);
    plan.workShare = 0.5;
    return plan;
  });
}

/** Someone who browses through a commercial VPN nearly always: exits shared with thousands, actors included. */
function vpnUser(reg: AccountRegistry, rng: Rng, infra: SharedInfra): void {
  const who = person(rng);
  reg.add((index, id) => {
    const plan = honestPlan(index, id, who, personas.vpnUser, rng, infra, freemail(who, rng));
    plan.ips = homeIps(infra, rng);
    plan.vpnExits = rng.pick(infra.vpnProviders);
    plan.vpnShare = 0.85;
    plan.hardNegative = true;
    plan.hardNegativeReason = 'infrastructure';
    if (rng.chance(0.3)) plan.payment = paymentCard(who.country, rng);
    return plan;
  });
}

/** A phone-only user behind carrier-grade NAT: a different shared address most sessions. */
function mobileUser(reg: AccountRegistry, rng: Rng, infra: SharedInfra): void {
  const who = person(rng);
  reg.add((index, id) => {
    const plan = honestPlan(index, id, who, personas.mobileUser, rng, infra, freemail(who, rng));
    plan.ips = homeIps(infra, rng);
    plan.mobilePool = rng.pick(infra.carriers);
    plan.mobileShare = 0.9;
    if (rng.chance(0.35)) plan.devices = [rng.pick(infra.commonDevices)];
    plan.userAgent = rng.pick(browserAgents.filter((a) => a.includes('Mobile')));
    return plan;
  });
}

/** A freelancer in one of the hard-negative professions, working from home. */
function freelancer(reg: AccountRegistry, rng: Rng, infra: SharedInfra, persona: Persona): void {
  const who = person(rng);
  reg.add((index, id) => {
    const plan = honestPlan(index, id, who, persona, rng, infra, freemail(who, rng));
    plan.ips = homeIps(infra, rng);
    if (persona.kind === 'red-teamer') plan.ips = [...plan.ips, net.hostingIp(rng.pick(infra.hostingBlocks), rng)];
    if (rng.chance(0.5)) plan.payment = paymentCard(who.country, rng);
    return plan;
  });
}

type GroupMaker = 'household' | 'company' | 'campus' | 'developer' | 'vpn' | 'mobile' | 'freelancer';

/** Target share of honest accounts made by each kind of group. */
const groupShares: readonly (readonly [GroupMaker, number])[] = [
  ['household', 0.3],
  ['company', 0.25],
  ['campus', 0.1],
  ['developer', 0.08],
  ['vpn', 0.07],
  ['mobile', 0.09],
  ['freelancer', 0.03],
  // The remainder (8%) goes to households too, through the tie-break below.
];

/** The group kind furthest below its target share so far: shares hold at every world size. */
function nextGroup(made: Map<GroupMaker, number>, total: number): GroupMaker {
  let best: GroupMaker = 'household';
  let bestDeficit = -Infinity;
  for (const [kind, share] of groupShares) {
    const deficit = share * (total + 1) - (made.get(kind) ?? 0);
    if (deficit > bestDeficit) {
      best = kind;
      bestDeficit = deficit;
    }
  }
  return best;
}

const companyTypes: Weighted<CompanyType> = [
  ['generic', 40],
  ['software', 20],
  ['security', 6],
  ['aerospace', 5],
  ['newsroom', 4],
  ['think-tank', 4],
  ['translation', 4],
  ['marketing', 8],
];

const freelancers: Weighted<Persona> = [
  [personas.translator, 3],
  [personas.ctfLearner, 3],
  [personas.journalist, 1.5],
  [personas.redTeamer, 1],
  [personas.threatIntelAnalyst, 0.7],
  [personas.policyResearcher, 0.8],
];

/**
 * Adds about `count` honest accounts in realistic groups. Group sizes are heavy-tailed (most
 * companies are small, a few are large), so shared values have realistic popularity.
 */
export function addHonestPopulation(reg: AccountRegistry, count: number, rng: Rng, infra: SharedInfra): void {
  const start = reg.plans.length;
  const target = start + count;
  const made = new Map<GroupMaker, number>();
  // Large groups stay a small part of small worlds (a 5,000-account world is not one campus).
  const maxCompany = Math.max(8, Math.min(400, Math.round(count * 0.015)));
  const maxCampus = Math.max(20, Math.min(3000, Math.round(count * 0.03)));
  let campusNo = 0;
  // Every world holds each hard-negative profession at least once, whatever its size.
  for (const persona of [personas.translator, personas.ctfLearner, personas.journalist, personas.redTeamer, personas.threatIntelAnalyst, personas.policyResearcher, personas.detectionEngineer, personas.aerospaceEngineer]) {
    freelancer(reg, rng, infra, persona);
  }
  vpnUser(reg, rng, infra);
  while (reg.plans.length < target) {
    const left = target - reg.plans.length;
    const before = reg.plans.length;
    const kind = nextGroup(made, before - start);
    switch (kind) {
      case 'household':
        household(reg, rng, infra, Math.min(left, rng.chance(0.55) ? 1 : rng.int(2, 5)));
        break;
      case 'company':
        company(reg, rng, infra, Math.min(left, rng.pareto(3, 1.3, maxCompany)), rng.weighted(companyTypes));
        break;
      case 'campus':
        campus(reg, rng, infra, Math.min(left, rng.pareto(Math.min(40, maxCampus), 1.5, maxCampus)), campusNo++ % 256);
        break;
      case 'developer':
        soloDeveloper(reg, rng, infra);
        break;
      case 'vpn':
        vpnUser(reg, rng, infra);
        break;
      case 'mobile':
        mobileUser(reg, rng, infra);
        break;
      case 'freelancer':
        freelancer(reg, rng, infra, rng.weighted(freelancers));
        break;
    }
    made.set(kind, (made.get(kind) ?? 0) + reg.plans.length - before);
  }
}
