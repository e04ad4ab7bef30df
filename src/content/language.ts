import { createFeatureSet, extractFeatures, type FeatureSet } from './features.js';
import { hashString } from './random.js';

/**
 * Language identification by script, refined by stop words for Latin, Cyrillic and Arabic
 * scripts. Good enough to profile which languages an account writes in; not a linguistic tool.
 * Returns ISO 639-1 codes, or 'und' when the text has no letters.
 */

const SCRIPT_RANGES: ReadonlyArray<readonly [number, number, string]> = [
  [0x0400, 0x04ff, 'cyrillic'],
  [0x0590, 0x05ff, 'he'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe70, 0xfeff, 'arabic'],
  [0x0900, 0x097f, 'hi'],
  [0x0e00, 0x0e7f, 'th'],
  [0x10a0, 0x10ff, 'ka'],
  [0x1100, 0x11ff, 'ko'],
  [0x3130, 0x318f, 'ko'],
  [0xac00, 0xd7af, 'ko'],
  [0x3040, 0x30ff, 'ja'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0x0370, 0x03ff, 'el'],
];

const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'to', 'of', 'is', 'in', 'how', 'what', 'for', 'my', 'that', 'with', 'this', 'it', 'can', 'do', 'you', 'a', 'i'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'para', 'por', 'una', 'cómo', 'qué', 'mi', 'con', 'las', 'del'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'wie', 'mit', 'für', 'ein', 'eine', 'auf', 'den', 'zu', 'meine'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'pour', 'comment', 'dans', 'que', 'avec', 'mon', 'du', 'je'],
  pt: ['o', 'a', 'de', 'que', 'e', 'do', 'da', 'em', 'para', 'com', 'não', 'como', 'uma', 'os', 'meu'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'non', 'come', 'con', 'una', 'del', 'sono', 'mi'],
  tr: ['ve', 'bir', 'bu', 'için', 'nasıl', 'ile', 'ne', 'da', 'de', 'mi', 'çok'],
  id: ['yang', 'dan', 'di', 'untuk', 'dengan', 'ini', 'itu', 'dari', 'bagaimana', 'saya'],
  vi: ['và', 'của', 'là', 'có', 'cho', 'không', 'được', 'một', 'những', 'tôi', 'làm', 'thế', 'nào'],
  ru: ['и', 'в', 'не', 'на', 'что', 'как', 'с', 'по', 'для', 'это', 'мне', 'чтобы', 'к', 'из'],
  uk: ['і', 'та', 'що', 'як', 'для', 'це', 'не', 'на', 'з', 'щоб', 'мені', 'ї', 'є'],
  ar: ['في', 'من', 'على', 'أن', 'إلى', 'عن', 'هذا', 'كيف', 'ما', 'التي', 'الذي', 'مع', 'هل'],
  fa: ['در', 'به', 'از', 'که', 'این', 'را', 'با', 'است', 'برای', 'چطور', 'می', 'کن', 'یک', 'تا'],
  ur: ['کے', 'میں', 'کی', 'ہے', 'اور', 'کو', 'سے', 'یہ', 'کیا'],
};

const LATIN = ['en', 'es', 'de', 'fr', 'pt', 'it', 'tr', 'id', 'vi'];
const CYRILLIC = ['ru', 'uk'];
const ARABIC_LANGS = ['ar', 'fa', 'ur'];
const LANGS = Object.keys(STOPWORDS);
/** Hash of a stop word → bit mask of the languages it belongs to: one lookup per word, no strings. */
const STOP_MASKS = new Map<number, number>();
LANGS.forEach((lang, i) => {
  for (const w of STOPWORDS[lang] ?? []) STOP_MASKS.set(hashString(w), (STOP_MASKS.get(hashString(w)) ?? 0) | (1 << i));
});

function scriptOf(c: number): string | null {
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
  // The common scripts first, by direct comparison; the table covers the rest.
  if (c >= 0x4e00 && c <= 0x9fff) return 'han';
  if (c >= 0xac00 && c <= 0xd7af) return 'ko';
  if (c >= 0x0400 && c <= 0x04ff) return 'cyrillic';
  if (c >= 0x0600 && c <= 0x06ff) return 'arabic';
  for (const [lo, hi, name] of SCRIPT_RANGES) if (c >= lo && c <= hi) return name;
  return null;
}

const SAMPLE_CHARS = 400;
const SAMPLE_WORDS = 120;

function byStopwords(fs: FeatureSet, candidates: readonly string[]): string {
  const hits = new Array<number>(LANGS.length).fill(0);
  const words = Math.min(fs.wordCount, SAMPLE_WORDS);
  for (let w = 0; w < words; w++) {
    const mask = STOP_MASKS.get(fs.wordHashes[w] as number);
    if (mask === undefined) continue;
    for (let i = 0; i < LANGS.length; i++) if (mask & (1 << i)) hits[i] = (hits[i] as number) + 1;
  }
  let best = candidates[0] as string;
  let bestHits = 0;
  for (const lang of candidates) {
    const n = hits[LANGS.indexOf(lang)] ?? 0;
    if (n > bestHits) {
      best = lang;
      bestHits = n;
    }
  }
  return best;
}

// Letters only Persian uses (پ چ ژ گ ک ی), letters only Arabic uses (ة ي ك ى), Urdu-only letters.
const PERSIAN = new Set([0x67e, 0x686, 0x698, 0x6af, 0x6a9, 0x6cc]);
const ARABIC = new Set([0x629, 0x64a, 0x643, 0x649]);
const URDU = new Set([0x679, 0x688, 0x691, 0x6ba, 0x6be, 0x6d2]);

/**
 * The main language of an already-featurised text (see `detectLanguage`). Used by the
 * classifier, which has the normalised text and word hashes at hand.
 */
export function detectLanguageOfFeatures(fs: FeatureSet): string {
  const counts = new Map<string, number>();
  let latin = 0, persian = 0, arabic = 0, urdu = 0;
  const n = Math.min(fs.length, SAMPLE_CHARS);
  for (let i = 0; i < n; i++) {
    const c = fs.codes[i] as number;
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) latin++;
      continue;
    }
    if (PERSIAN.has(c)) persian++;
    else if (ARABIC.has(c)) arabic++;
    else if (URDU.has(c)) urdu++;
    const s = scriptOf(c);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (latin > 0) counts.set('latin', (counts.get('latin') ?? 0) + latin);
  let script: string | null = null;
  let best = 0;
  for (const [s, k] of counts) if (k > best || (k === best && s !== 'latin')) [script, best] = [s, k];
  // Technical requests in CJK or Hangul carry many Latin product names; the native script still names the language.
  const native = ['han', 'ja', 'ko', 'cyrillic', 'arabic'].filter((s) => (counts.get(s) ?? 0) >= Math.max(2, 0.15 * best));
  if (script === 'latin' && native.length > 0) script = native.reduce((a, b) => ((counts.get(a) ?? 0) >= (counts.get(b) ?? 0) ? a : b));
  switch (script) {
    case null:
      return 'und';
    case 'latin':
      return byStopwords(fs, LATIN);
    case 'cyrillic':
      return byStopwords(fs, CYRILLIC);
    case 'arabic':
      if (persian > arabic) return 'fa';
      if (urdu > 0) return 'ur';
      return byStopwords(fs, ARABIC_LANGS) === 'fa' && persian >= arabic ? 'fa' : 'ar';
    case 'han':
      return (counts.get('ja') ?? 0) > 0 ? 'ja' : 'zh';
    default:
      return script;
  }
}

let scratch: FeatureSet | null = null;

/**
 * The main language of `text` as an ISO 639-1 code ('zh', 'ru', 'fa', 'ko', 'en', …) or 'und'.
 * Counts letters per script over the first 400 characters; the dominant script decides, and
 * stop words choose among languages that share it (Farsi and Arabic also by letters only one of
 * them uses). Han with any kana is Japanese.
 */
export function detectLanguage(text: string): string {
  // Synchronous and never re-entered, so one scratch buffer serves every call.
  scratch ??= createFeatureSet(SAMPLE_CHARS);
  return detectLanguageOfFeatures(extractFeatures(text, 10, scratch, SAMPLE_CHARS));
}
