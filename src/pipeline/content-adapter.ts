import { extractTopics, type TextClassifier } from '../content/index.js';
import type { ContentPort } from './ports.js';

/**
 * The content port over src/content's classifier: the calibrated score, TTP, tactic and
 * language of each request text, and the targets it names (content's topic extractor, which
 * maps several languages onto one canonical topic). Explanations are skipped (the pipeline keeps event ids as
 * evidence, and the console can ask for an explanation of one request later).
 */
export function contentPortFrom(classifier: TextClassifier): ContentPort {
  return {
    source: 'src/content classifier',
    classify(text) {
      const c = classifier.classify(text, { explain: false, detectLanguage: true });
      return {
        score: c.score,
        ttp: c.ttp,
        tactic: c.tactic,
        ...(c.language && c.language !== 'und' ? { language: c.language } : {}),
      };
    },
    extractTopics,
  };
}
