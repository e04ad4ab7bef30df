import type { Rng } from '../prng.js';

/** The languages simulated prompts are written in (BCP 47 primary tags). */
export const languages = ['en', 'es', 'de', 'fr', 'pt', 'ja', 'zh', 'ru', 'ko', 'fa'] as const;
export type Language = (typeof languages)[number];

/**
 * A bank of prompt templates for one topic: per language, strings where `{a|b|c}` picks one
 * alternative. Alternatives give each template dozens of surface forms, so near-duplicate
 * detection sees realistic overlap (people ask the same things in similar words) without every
 * prompt being identical.
 */
export type TopicTemplates = Partial<Record<Language, readonly string[]>> & { en: readonly string[] };

const alternatives = /\{([^{}]*)\}/g;

/** Expands one template, choosing one alternative per `{…|…}` group. */
export function expandTemplate(template: string, rng: Rng): string {
  return template.replace(alternatives, (_, body: string) => rng.pick(body.split('|')));
}

/** A prompt for `topic` in `language`, falling back to English where the topic has no such version. */
export function promptFor(topic: TopicTemplates, language: Language, rng: Rng): { text: string; language: Language } {
  const own = topic[language];
  const list = own && own.length > 0 ? own : topic.en;
  return { text: expandTemplate(rng.pick(list), rng), language: own && own.length > 0 ? language : 'en' };
}
