import type { Rng } from './prng.js';
import type { Language } from './prompts/template.js';

/** A country the simulation places people in, with its usual language, zone and work week. */
export interface Country {
  code: string;
  language: Language;
  locale: string;
  /** Offset from UTC in minutes (standard time; the simulated month has no DST change). */
  tzMinutes: number;
  /** Local days of the week (0 = Sunday) that are the weekend. */
  weekend: readonly number[];
  /** Relative share of honest users. */
  weight: number;
  phonePrefix: string;
}

export const countries: readonly Country[] = [
  { code: 'US', language: 'en', locale: 'en-US', tzMinutes: -300, weekend: [0, 6], weight: 22, phonePrefix: '+1' },
  { code: 'US', language: 'en', locale: 'en-US', tzMinutes: -480, weekend: [0, 6], weight: 8, phonePrefix: '+1' },
  { code: 'GB', language: 'en', locale: 'en-GB', tzMinutes: 0, weekend: [0, 6], weight: 6, phonePrefix: '+44' },
  { code: 'IN', language: 'en', locale: 'en-IN', tzMinutes: 330, weekend: [0], weight: 8, phonePrefix: '+91' },
  { code: 'AU', language: 'en', locale: 'en-AU', tzMinutes: 600, weekend: [0, 6], weight: 3, phonePrefix: '+61' },
  { code: 'DE', language: 'de', locale: 'de-DE', tzMinutes: 60, weekend: [0, 6], weight: 7, phonePrefix: '+49' },
  { code: 'FR', language: 'fr', locale: 'fr-FR', tzMinutes: 60, weekend: [0, 6], weight: 5, phonePrefix: '+33' },
  { code: 'ES', language: 'es', locale: 'es-ES', tzMinutes: 60, weekend: [0, 6], weight: 4, phonePrefix: '+34' },
  { code: 'MX', language: 'es', locale: 'es-MX', tzMinutes: -360, weekend: [0, 6], weight: 4, phonePrefix: '+52' },
  { code: 'BR', language: 'pt', locale: 'pt-BR', tzMinutes: -180, weekend: [0, 6], weight: 6, phonePrefix: '+55' },
  { code: 'JP', language: 'ja', locale: 'ja-JP', tzMinutes: 540, weekend: [0, 6], weight: 6, phonePrefix: '+81' },
  { code: 'KR', language: 'ko', locale: 'ko-KR', tzMinutes: 540, weekend: [0, 6], weight: 5, phonePrefix: '+82' },
  { code: 'TW', language: 'zh', locale: 'zh-TW', tzMinutes: 480, weekend: [0, 6], weight: 3, phonePrefix: '+886' },
  { code: 'HK', language: 'zh', locale: 'zh-HK', tzMinutes: 480, weekend: [0, 6], weight: 2, phonePrefix: '+852' },
  { code: 'SG', language: 'zh', locale: 'zh-SG', tzMinutes: 480, weekend: [0, 6], weight: 2, phonePrefix: '+65' },
  { code: 'RU', language: 'ru', locale: 'ru-RU', tzMinutes: 180, weekend: [0, 6], weight: 3, phonePrefix: '+7' },
  { code: 'UA', language: 'ru', locale: 'uk-UA', tzMinutes: 120, weekend: [0, 6], weight: 2, phonePrefix: '+380' },
  { code: 'IR', language: 'fa', locale: 'fa-IR', tzMinutes: 210, weekend: [5], weight: 2, phonePrefix: '+98' },
];

/** The country entry for a code (the first one listed, for codes with several zones). */
export function countryByCode(code: string): Country {
  const c = countries.find((x) => x.code === code);
  if (!c) throw new Error(`unknown simulated country ${code}`);
  return c;
}

/** Latin-script given names and surnames by language, for names and email local parts. */
const people: Record<Language, { given: readonly string[]; family: readonly string[] }> = {
  en: {
    given: ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'david', 'sarah', 'daniel', 'emily', 'priya', 'arjun', 'olivia', 'liam', 'noah', 'ava', 'chloe', 'ethan', 'grace', 'ravi', 'aisha', 'tom'],
    family: ['smith', 'johnson', 'williams', 'brown', 'jones', 'miller', 'davis', 'wilson', 'taylor', 'clark', 'walker', 'hall', 'patel', 'sharma', 'nguyen', 'evans', 'wright', 'green', 'baker', 'murphy', 'kelly', 'reddy'],
  },
  es: {
    given: ['maria', 'jose', 'lucia', 'carlos', 'sofia', 'javier', 'elena', 'diego', 'carmen', 'pablo', 'ana', 'miguel'],
    family: ['garcia', 'martinez', 'lopez', 'sanchez', 'perez', 'gomez', 'fernandez', 'ruiz', 'diaz', 'moreno', 'hernandez'],
  },
  de: {
    given: ['anna', 'lukas', 'lea', 'felix', 'julia', 'jonas', 'laura', 'paul', 'sophie', 'max', 'katharina', 'tobias'],
    family: ['mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'hoffmann', 'koch'],
  },
  fr: {
    given: ['camille', 'louis', 'lea', 'hugo', 'manon', 'jules', 'chloe', 'lucas', 'ines', 'nathan', 'claire', 'antoine'],
    family: ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau'],
  },
  pt: {
    given: ['joao', 'ana', 'pedro', 'beatriz', 'lucas', 'mariana', 'gabriel', 'juliana', 'rafael', 'camila', 'thiago', 'larissa'],
    family: ['silva', 'santos', 'oliveira', 'souza', 'costa', 'pereira', 'almeida', 'ferreira', 'rodrigues', 'carvalho'],
  },
  ja: {
    given: ['haruto', 'yui', 'sota', 'aoi', 'ren', 'hina', 'kenji', 'yuki', 'takumi', 'sakura', 'daiki', 'mei'],
    family: ['sato', 'suzuki', 'takahashi', 'tanaka', 'watanabe', 'ito', 'yamamoto', 'nakamura', 'kobayashi', 'kato'],
  },
  zh: {
    given: ['wei', 'fang', 'jing', 'lei', 'min', 'tao', 'yan', 'jun', 'hui', 'xin', 'hao', 'ying'],
    family: ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'lin'],
  },
  ru: {
    given: ['ivan', 'olga', 'dmitry', 'anna', 'sergey', 'elena', 'alexey', 'natalia', 'mikhail', 'irina', 'pavel', 'yulia'],
    family: ['ivanov', 'smirnov', 'kuznetsov', 'popov', 'vasiliev', 'petrov', 'sokolov', 'mikhailov', 'novikov', 'fedorov'],
  },
  ko: {
    given: ['minjun', 'seoyeon', 'jiho', 'jiwoo', 'hyunwoo', 'soyeon', 'jaewon', 'yuna', 'dongha', 'eunji', 'sungmin', 'hana'],
    family: ['kim', 'lee', 'park', 'choi', 'jung', 'kang', 'cho', 'yoon', 'jang', 'lim'],
  },
  fa: {
    given: ['ali', 'zahra', 'reza', 'fatemeh', 'mohammad', 'maryam', 'hossein', 'sara', 'amir', 'neda', 'mehdi', 'leila'],
    family: ['hosseini', 'ahmadi', 'mohammadi', 'rezaei', 'moradi', 'karimi', 'jafari', 'rahimi', 'sadeghi', 'kazemi'],
  },
};

/** A person's given and family name (lowercase ASCII, as email local parts use them). */
export function personName(language: Language, rng: Rng): { given: string; family: string } {
  const p = people[language];
  return { given: rng.pick(p.given), family: rng.pick(p.family) };
}

/** Title-cased display name. */
export function displayName(n: { given: string; family: string }): string {
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return `${cap(n.given)} ${cap(n.family)}`;
}

/**
 * Free-mail providers, all under the reserved `.example` TLD so no real mailbox is ever named.
 * The regional ones mirror where people in each country usually get mail.
 */
export const freemailDomains: Record<Language, readonly string[]> = {
  en: ['gmail.example', 'outlook.example', 'yahoo.example', 'icloud.example', 'proton.example'],
  es: ['gmail.example', 'hotmail.example', 'outlook.example'],
  de: ['gmx.example', 'web.example', 'gmail.example', 't-online.example'],
  fr: ['gmail.example', 'orange.example', 'free.example', 'laposte.example'],
  pt: ['gmail.example', 'hotmail.example', 'uol.example'],
  ja: ['gmail.example', 'yahoo-jp.example', 'docomo.example'],
  zh: ['qq.example', '163.example', 'gmail.example', 'outlook.example'],
  ru: ['mail-ru.example', 'yandex.example', 'gmail.example'],
  ko: ['naver.example', 'daum.example', 'gmail.example'],
  fa: ['gmail.example', 'yahoo.example', 'chmail.example'],
};

/** An email local part in one of the common personal styles (first.last, flast, first_last84…). */
export function personalLocalPart(n: { given: string; family: string }, rng: Rng): string {
  const year = rng.int(60, 99 + 8) % 100;
  return rng.weighted<string>([
    [`${n.given}.${n.family}`, 3],
    [`${n.given}${n.family}${String(year).padStart(2, '0')}`, 2],
    [`${n.given.charAt(0)}${n.family}`, 2],
    [`${n.given}_${n.family}${rng.int(1, 999)}`, 1],
    [`${n.family}.${n.given}`, 1],
  ]);
}

/** A phone number in a country's format, digits only after the prefix. */
export function phoneNumber(country: Country, rng: Rng): string {
  return `${country.phonePrefix}${rng.int(200, 999)}${rng.int(1000000, 9999999)}`;
}

/** Browser user agents seen on the web app. */
export const browserAgents: readonly string[] = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
];

/** Client libraries seen on the API. */
export const apiAgents: readonly string[] = ['OpenAI/Python 1.6.1', 'OpenAI/NodeJS/4.24.1', 'curl/8.5.0', 'python-requests/2.31.0', 'Go-http-client/2.0', 'axios/1.6.2'];
