/**
 * A keyword baseline: what a team would write in an afternoon without a model. Scores a text by
 * how many attack words it contains (English, Chinese, Russian, Farsi, Korean, Arabic, Spanish,
 * German). Reported beside the model so the model's value over it is visible.
 */
const KEYWORDS = [
  'malware', 'ransomware', 'exploit', 'phishing', 'keylogger', 'backdoor', 'trojan', 'rootkit', 'botnet', 'bypass', 'evade', 'undetectable',
  'lsass', 'mimikatz', 'shellcode', 'payload', 'c2', 'command and control', 'brute force', 'steal', 'hack', 'crack', 'obfuscate', 'infostealer',
  'stealer', 'reverse shell', 'privilege escalation', 'exfiltrate', 'ddos', 'wiper', 'web shell', 'spear-phishing', 'credential',
  '钓鱼', '木马', '勒索', '漏洞利用', '免杀', '绕过', '后门', '窃取', '入侵', '提权', '爆破',
  'фишинг', 'троян', 'эксплойт', 'обход', 'взлом', 'бэкдор', 'стилер', 'шифровальщик', 'украсть',
  'بدافزار', 'فیشینگ', 'باج‌افزار', 'اکسپلویت', 'نفوذ', 'دور بزن', 'تروجان',
  '피싱', '악성코드', '랜섬웨어', '우회', '익스플로잇', '백도어', '해킹', '탈취',
  'تصيد', 'خبيث', 'فدية', 'اختراق', 'استغل',
  'ransomware', 'troyano', 'contraseña', 'schadsoftware', 'trojaner',
];

const LOWER = [...new Set(KEYWORDS.map((k) => k.toLowerCase()))];

/** Score in [0, 1): 0 with no keyword, 1 − 0.5^(hits+1) otherwise, so one keyword already passes 0.5. */
export function keywordScore(text: string): number {
  const t = text.toLowerCase();
  let hits = 0;
  for (const k of LOWER) if (t.includes(k)) hits++;
  return hits === 0 ? 0 : 1 - 0.5 ** (hits + 1);
}
