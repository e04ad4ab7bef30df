import * as net from './address-plan.js';
import { opaque, paymentCard, type AccountRegistry } from './accounts.js';
import { actorProfiles, crimeProfiles, loneTopics, type ActorProfile, type CrimeProfile } from './actors.js';
import type { SharedInfra } from './honest-population.js';
import type { AccountPlan, NetworkPlan, PromptTopic, Weighted } from './model.js';
import { apiAgents, browserAgents, countries, countryByCode, displayName, freemailDomains, personName, personalLocalPart } from './names.js';
import type { Rng } from './prng.js';
import * as honestPrompts from './prompts/honest-prompts.js';

/**
 * Mundane asks actors mix in with their operational ones (about a quarter of their requests):
 * the February 2024 reports describe much of the actors' use as ordinary productivity work.
 */
const cover: Weighted<PromptTopic> = [
  [{ templates: honestPrompts.coding, ttp: null, harmful: false }, 2.5],
  [{ templates: honestPrompts.translation, ttp: 'llm-aided-technical-translation', harmful: false }, 1],
];

/** Countries actors claim in their sign-up profiles (never their own). */
const claimedCountries = ['US', 'GB', 'DE', 'KR', 'JP', 'IN', 'TW'];

interface NetworkInfra {
  hostingIps: string[];
  hostingPrefixes: string[];
  vpnExits: string[];
  devices: string[];
  cards: NonNullable<AccountPlan['payment']>[];
  org: string | null;
  sharedKey: string | null;
}

function networkInfra(rng: Rng, infra: SharedInfra, size: number, ipsPerBlock: number): NetworkInfra {
  // Half the time the actor rents in a block honest developers also use: a shared /24 proves nothing.
  const blocks = Array.from({ length: rng.int(1, 2) }, () => (rng.chance(0.5) ? rng.pick(infra.hostingBlocks) : net.hostingBlock(rng)));
  const hostingIps = [...new Set(blocks.flatMap((b) => Array.from({ length: ipsPerBlock }, () => net.hostingIp(b, rng))))];
  const provider = rng.pick(infra.vpnProviders);
  const cards = Array.from({ length: Math.max(1, Math.ceil(size / 4)) }, () => paymentCard(countryByCode(rng.pick(claimedCountries)), rng));
  return {
    hostingIps,
    hostingPrefixes: [...new Set(hostingIps.map(net.prefix24))],
    vpnExits: rng.sample(provider, rng.int(2, 4)),
    devices: Array.from({ length: Math.max(2, Math.ceil(size / 3)) }, () => opaque.device(rng)),
    cards,
    org: rng.chance(0.4) ? opaque.org(rng) : null,
    sharedKey: null,
  };
}

/** The shape every malicious plan starts from. */
function maliciousPlan(index: number, id: string, rng: Rng, infra: SharedInfra, kind: string): AccountPlan {
  const claimed = countryByCode(rng.pick(claimedCountries));
  return {
    index,
    id,
    label: 'malicious',
    kind,
    hardNegative: false,
    hardNegativeReason: null,
    actor: null,
    network: null,
    group: null,
    banEvasion: false,
    careful: false,
    evades: null,
    createdDay: 0,
    signupMinute: null,
    lastDay: infra.days - 1,
    bannedDay: null,
    banReason: 'Usage policy violation: malicious cyber activity',
    warnedDay: null,
    rate: 1,
    country: claimed,
    tzMinutes: 0,
    workStart: 9,
    workEnd: 18,
    workShare: 0.85,
    weekendFactor: 0.1,
    weekend: [0, 6],
    languages: [['en', 1]],
    topics: loneTopics,
    fixedPrompts: null,
    fixedShare: 0,
    baseRefusal: 0.02,
    harmfulRefusal: 0.6,
    profile: { email: '', name: '', country: claimed.code, locale: claimed.locale, signup_method: 'email' },
    ips: [],
    mobilePool: null,
    mobileShare: 0,
    vpnExits: null,
    vpnShare: 0,
    devices: [],
    userAgent: rng.pick(browserAgents),
    payment: null,
    org: null,
    apiKey: null,
    requestKeys: [],
    apiShare: 0,
    endUsers: 0,
  };
}

/** An email with the network's stem: `stem`, `stem2`, `stem.2024`, `stem_7` at freemail or a look-alike domain. */
function stemEmail(stem: string, n: number, domains: readonly string[], rng: Rng): string {
  const local = rng.weighted<string>([
    [`${stem}${n}`, 3],
    [`${stem}.${2020 + (n % 5)}`, 1],
    [`${stem}_${n}`, 1],
    [`${stem.replace('.', '')}${n}`, 1],
  ]);
  return `${local}@${rng.pick(domains)}`;
}

/**
 * One state actor's network: accounts created in waves, about half of the first wave terminated
 * by the provider mid-month, and replacements that come back through the same devices, cards,
 * email stems and hosting ranges (ban evasion).
 */
function actorNetwork(reg: AccountRegistry, rng: Rng, infra: SharedInfra, actor: ActorProfile, size: number, stem: string): NetworkPlan {
  const days = infra.days;
  const id = `net-${rng.hex(8)}`;
  const ni = networkInfra(rng, infra, size, rng.int(3, 6));
  const emailDomains = [...actor.freemail, ...actor.lookalikeDomains];
  const firstWave = Math.max(2, Math.ceil(size * 0.6));
  const plans: AccountPlan[] = [];
  const banned: AccountPlan[] = [];
  for (let i = 0; i < size; i++) {
    const plan = reg.add((index, accountId) => maliciousPlan(index, accountId, rng, infra, 'state-actor'));
    plan.actor = actor.name;
    plan.network = id;
    plan.tzMinutes = actor.tzMinutes;
    plan.weekend = actor.weekend;
    plan.workStart = actor.workStart;
    plan.workEnd = actor.workEnd;
    plan.languages = [[actor.native, actor.nativeShare], ['en', 1 - actor.nativeShare]];
    plan.topics = [...actor.topics, ...cover];
    // Busy but not frantic: each of a rotating set of accounts is used a few times a week to daily.
    plan.rate = 0.3 + rng.next() * 0.9;
    plan.ips = rng.sample(ni.hostingIps, rng.int(1, 3));
    plan.vpnExits = ni.vpnExits;
    plan.vpnShare = actor.vpnShare;
    const fake = personName(rng.chance(0.6) ? 'en' : actor.native, rng);
    plan.profile.name = displayName(fake);
    plan.profile.email = stemEmail(stem, i + 1, emailDomains, rng);
    plan.devices = rng.sample(ni.devices, rng.int(1, 2));
    if (rng.chance(0.6)) plan.payment = rng.pick(ni.cards);
    if (ni.org && rng.chance(0.5)) plan.org = ni.org;
    if (rng.chance(actor.apiShare)) {
      plan.apiKey = opaque.apiKey(rng);
      ni.sharedKey ??= plan.apiKey;
      plan.requestKeys = ni.sharedKey !== plan.apiKey && rng.chance(0.3) ? [plan.apiKey, ni.sharedKey] : [plan.apiKey];
      plan.apiShare = 0.7;
      plan.userAgent = rng.pick(apiAgents);
    }
    if (i >= firstWave && rng.chance(0.15)) {
      // Careful operators: only commercial VPN exits, a fresh device, no card, an unrelated
      // mailbox. Nothing but what they ask, in which language and at which hours ties them in.
      plan.careful = true;
      plan.vpnExits = rng.pick(infra.vpnProviders);
      plan.vpnShare = 1;
      plan.devices = [opaque.device(rng)];
      plan.payment = null;
      plan.org = null;
      plan.requestKeys = plan.apiKey ? [plan.apiKey] : [];
      plan.profile.email = `${personalLocalPart(fake, rng)}@${rng.pick(freemailDomains.en)}`;
      plan.createdDay = rng.int(Math.floor(days * 0.2), days - 1);
      plans.push(plan);
      continue;
    }
    if (i < firstWave) {
      plan.createdDay = rng.int(0, Math.floor(days * 0.25));
      if (rng.chance(0.5)) {
        plan.bannedDay = Math.min(days - 1, Math.max(plan.createdDay + 2, rng.int(Math.floor(days * 0.3), Math.floor(days * 0.55))));
        plan.lastDay = plan.bannedDay;
        banned.push(plan);
      }
    } else {
      if (banned.length === 0 && plans[0]) {
        // Every network loses at least one account, so every world has ban evasion to find.
        const first = plans[0];
        first.bannedDay = Math.min(days - 2, Math.max(first.createdDay + 2, Math.floor(days * 0.4)));
        first.lastDay = first.bannedDay;
        banned.push(first);
      }
      const evaded = banned.length > 0 ? rng.pick(banned) : null;
      if (evaded?.bannedDay != null && evaded.bannedDay + 1 < days) {
        plan.banEvasion = true;
        plan.evades = evaded.id;
        plan.createdDay = Math.min(days - 1, evaded.bannedDay + rng.int(1, 3));
        // Come back through what the banned account used; some replacements keep only soft links.
        const keepDevice = rng.chance(0.6);
        const keepCard = evaded.payment !== null && rng.chance(0.5);
        if (keepDevice) plan.devices = [evaded.devices[0] ?? opaque.device(rng)];
        if (keepCard) plan.payment = evaded.payment;
        if (!keepDevice && !keepCard) plan.devices = [opaque.device(rng)];
        plan.ips = [...new Set([...plan.ips, ...evaded.ips.slice(0, 1)])];
      } else {
        plan.createdDay = rng.int(Math.floor(days * 0.3), days - 1);
      }
    }
    plans.push(plan);
  }
  return {
    id,
    kind: 'state-actor',
    actor: actor.name,
    label: actor.name,
    accounts: plans.map((p) => p.id),
    hostingIps: ni.hostingIps,
    hostingPrefixes: ni.hostingPrefixes,
    vpnExits: ni.vpnExits,
    emails: plans.map((p) => p.profile.email),
    emailDomains: actor.lookalikeDomains.slice(),
  };
}

/** A crime group: fresh disposable mailboxes, residential proxies or VPS, prepaid cards passed around. */
function crimeNetwork(reg: AccountRegistry, rng: Rng, infra: SharedInfra, crime: CrimeProfile, size: number): NetworkPlan {
  const days = infra.days;
  const id = `net-${rng.hex(8)}`;
  const ni = networkInfra(rng, infra, size, rng.int(2, 4));
  const burstDay = rng.int(0, Math.floor(days / 2));
  const burstMinute = rng.int(0, 1300);
  const plans: AccountPlan[] = [];
  for (let i = 0; i < size; i++) {
    const plan = reg.add((index, accountId) => maliciousPlan(index, accountId, rng, infra, 'cybercrime'));
    plan.network = id;
    plan.tzMinutes = crime.tzMinutes;
    plan.languages = crime.languages;
    plan.topics = [...crime.topics, ...cover];
    plan.rate = 0.3 + rng.next() * 0.8;
    plan.workStart = rng.int(10, 14);
    plan.workEnd = plan.workStart + 10;
    plan.workShare = 0.6;
    plan.weekendFactor = 0.7;
    const country = rng.pick(countries);
    const n = personName(country.language, rng);
    plan.profile.name = displayName(n);
    plan.profile.email = rng.chance(0.7) ? `${rng.hex(rng.int(6, 10))}@${crime.disposableDomain}` : `${personalLocalPart(n, rng)}@${rng.pick(freemailDomains.en)}`;
    plan.ips = crime.residentialProxies
      ? Array.from({ length: rng.int(3, 6) }, () => net.residentialIp(rng.pick(infra.residentialBlocks), rng))
      : rng.sample(ni.hostingIps, 2);
    if (crime.hostingShare > 0 && crime.residentialProxies) plan.ips = [...plan.ips, rng.pick(ni.hostingIps)];
    plan.devices = rng.chance(0.5) ? [opaque.device(rng)] : rng.sample(ni.devices, 1);
    if (rng.chance(0.7)) plan.payment = rng.pick(ni.cards);
    if (crime.burstSignup) {
      plan.createdDay = burstDay;
      plan.signupMinute = Math.min(1439, burstMinute + i * rng.int(1, 4));
    } else {
      plan.createdDay = rng.int(0, days - 2);
    }
    if (rng.chance(0.25)) {
      plan.bannedDay = Math.min(days - 1, plan.createdDay + rng.int(2, 10));
      plan.lastDay = plan.bannedDay;
    }
    plans.push(plan);
  }
  return {
    id,
    kind: 'cybercrime',
    actor: null,
    label: crime.label,
    accounts: plans.map((p) => p.id),
    hostingIps: ni.hostingIps,
    hostingPrefixes: ni.hostingPrefixes,
    vpnExits: ni.vpnExits,
    emails: plans.map((p) => p.profile.email),
    emailDomains: [crime.disposableDomain],
  };
}

/** A lone malicious user: one ordinary-looking account that asks for something harmful. */
function loneUser(reg: AccountRegistry, rng: Rng, infra: SharedInfra): void {
  reg.add((index, id) => {
    const plan = maliciousPlan(index, id, rng, infra, 'lone-malicious');
    const country = rng.pick(countries);
    const n = personName(country.language, rng);
    plan.country = country;
    plan.tzMinutes = country.tzMinutes;
    plan.weekend = country.weekend;
    plan.languages = [[country.language, 0.5], ['en', 0.5]];
    plan.topics = [...loneTopics, [{ templates: honestPrompts.everyday, ttp: null, harmful: false }, 2]];
    plan.rate = 0.3;
    plan.workStart = 17;
    plan.workEnd = 24;
    plan.weekendFactor = 1;
    plan.profile = { email: `${personalLocalPart(n, rng)}@${rng.pick(freemailDomains[country.language])}`, name: displayName(n), country: country.code, locale: country.locale, signup_method: 'google' };
    plan.ips = [net.residentialIp(rng.pick(infra.residentialBlocks), rng)];
    if (rng.chance(0.5)) {
      plan.mobilePool = rng.pick(infra.carriers);
      plan.mobileShare = 0.5;
    }
    plan.devices = [opaque.device(rng)];
    plan.createdDay = rng.int(0, infra.days - 2);
    if (rng.chance(0.3)) {
      plan.bannedDay = Math.min(infra.days - 1, plan.createdDay + rng.int(1, 7));
      plan.lastDay = plan.bannedDay;
    }
    return plan;
  });
}

/**
 * Adds the malicious population: one or two networks per state actor, the crime groups, and lone
 * users. Network sizes grow with the square root of the world's size, as enforcement teams see.
 */
export function addThreatPopulation(reg: AccountRegistry, accounts: number, rng: Rng, infra: SharedInfra): NetworkPlan[] {
  const scale = Math.min(20, Math.max(0.7, Math.sqrt(accounts / 5000)));
  const networks: NetworkPlan[] = [];
  for (const actor of actorProfiles) {
    const stems = rng.sample(actor.emailStems, 2);
    const count = rng.chance(0.6) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      networks.push(actorNetwork(reg, rng, infra, actor, Math.max(4, Math.round(rng.int(6, 12) * scale)), stems[k] ?? actor.emailStems[0] ?? 'user'));
    }
  }
  for (const crime of crimeProfiles) networks.push(crimeNetwork(reg, rng, infra, crime, Math.max(3, Math.round(rng.int(4, 8) * scale))));
  const lone = Math.max(3, Math.round(accounts / 1500));
  for (let i = 0; i < lone; i++) loneUser(reg, rng, infra);
  return networks;
}
