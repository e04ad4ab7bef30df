import { parseCsv } from './csv.js';

/** A public data set used only for evaluation, never for training. */
export interface ExternalSet {
  name: string;
  /** 'hard-negative': safe prompts that look unsafe; 'benign'; 'positive': malicious cyber requests. */
  role: 'hard-negative' | 'benign' | 'positive';
  texts: string[];
}

/** XSTest v2 safe prompts (../shared/data/xstest/xstest_prompts.csv). */
export function xstestSafe(csv: string): ExternalSet {
  return { name: 'xstest-safe', role: 'hard-negative', texts: parseCsv(csv).filter((r) => r.label === 'safe').map((r) => r.prompt ?? '') };
}

/** JailbreakBench benign behaviours (../shared/data/jailbreakbench/benign-behaviors.csv). */
export function jailbreakBenchBenign(csv: string): ExternalSet {
  return { name: 'jailbreakbench-benign', role: 'hard-negative', texts: parseCsv(csv).map((r) => r.goal ?? '') };
}

/** HarmBench cybercrime_intrusion behaviours: malicious cyber requests written by others. */
export function harmBenchCyber(csv: string): ExternalSet {
  return { name: 'harmbench-cybercrime', role: 'positive', texts: parseCsv(csv).filter((r) => r.semanticcategory === 'cybercrime_intrusion').map((r) => r.behavior ?? '') };
}

/** JailbreakBench harmful behaviours of the Malware/Hacking category. */
export function jailbreakBenchMalware(csv: string): ExternalSet {
  return { name: 'jailbreakbench-malware', role: 'positive', texts: parseCsv(csv).filter((r) => r.category === 'Malware/Hacking').map((r) => r.goal ?? '') };
}

/** HumanEval prompts (JSONL text, already decompressed): benign programming requests. */
export function humanEval(jsonl: string): ExternalSet {
  const texts = jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { prompt: string }).prompt);
  return { name: 'humaneval', role: 'benign', texts };
}
