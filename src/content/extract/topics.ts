/**
 * Targets and topics named in a request: organisations, sectors, technologies, people's roles and
 * countries, mapped to canonical English names so that requests in Chinese, Russian, Farsi or
 * Korean about the same target land on the same topic (attribution compares them with actor
 * profiles). Dictionary-based: precise, explainable, and easy to extend.
 */

export type TopicKind = 'organisation' | 'sector' | 'technology' | 'role' | 'country';

export interface TopicMention {
  kind: TopicKind;
  /** Canonical English name, lower case: 'satellite communications', 'defence', 'ukraine'. */
  topic: string;
  raw: string;
  offset: number;
}

type Dictionary = Record<string, readonly string[]>;

const TECHNOLOGY: Dictionary = {
  'satellite communications': ['satellite communication', 'satellite link', 'satcom', 'vsat', 'satellite terminal', 'satellite modem', '卫星通信', '卫星', 'спутников', 'спутник', 'ماهواره', '위성'],
  'radar imaging': ['radar imaging', 'synthetic aperture radar', 'sar imag', 'radar', '雷达', '合成孔径', 'радиолокац', 'радар', 'رادار', '레이더', '합성개구'],
  'industrial control systems': ['scada', 'ics ', 'plc', 'industrial control', 'siemens s7', 'modbus', 'hmi', '工控', 'асу тп', 'کنترل صنعتی'],
  'vpn appliances': ['vpn', 'globalprotect', 'fortinet', 'fortigate', 'ivanti', 'pulse secure', 'connect secure', 'citrix', 'netscaler'],
  'email servers': ['exchange server', 'microsoft exchange', 'outlook web access', 'owa', 'mail server', 'zimbra', 'roundcube'],
  'active directory': ['active directory', 'domain controller', 'kerberos', 'ntds', 'ldap', '域控', 'контроллер домена'],
  'cloud infrastructure': ['aws', 'azure', 'google cloud', 'kubernetes', 'docker', 's3 bucket'],
  'cryptocurrency': ['crypto wallet', 'cryptocurrency', 'bitcoin', 'ethereum', 'blockchain', 'wallet key', '加密货币', 'криптовалют', 'رمزارز', '가상화폐', '암호화폐'],
  'mobile devices': ['android', 'iphone', 'ios app', 'apk', 'mobile phone'],
  'drones': ['drone', 'uav', 'unmanned aerial', '无人机', 'беспилотн', 'پهپاد', '드론'],
  'nuclear technology': ['nuclear', 'uranium', 'centrifuge', '核', 'ядерн', 'هسته', '핵'],
  'semiconductors': ['semiconductor', 'chip design', 'lithography', '半导体', 'полупроводник', 'نیمه‌رسانا', '반도체'],
  'telecommunications equipment': ['5g', 'base station', 'cisco ios', 'router firmware', 'telecom equipment'],
};

const SECTOR: Dictionary = {
  defence: ['defence', 'defense', 'military', 'armed forces', 'ministry of defence', 'ministry of defense', '国防', '军事', 'оборон', 'военн', 'دفاع', 'نظامی', '국방', '군사'],
  government: ['government', 'ministry', 'ministerio', 'embassy', 'parliament', 'election commission', '政府', 'министерств', 'правительств', 'وزارت', 'دولت', '정부', '부처'],
  energy: ['energy', 'oil company', 'power grid', 'power plant', 'pipeline operator', '能源', '电力', 'энергетик', 'انرژی', '에너지'],
  'water utilities': ['water utility', 'water utilities', 'water treatment', 'water supply'],
  telecommunications: ['telecommunication', 'telecom', 'mobile operator', '电信', 'телеком', 'مخابرات', '통신사'],
  'think tanks': ['think tank', 'think-tank', 'policy institute', '智库', 'аналитический центр', 'اندیشکده', '싱크탱크'],
  'foreign policy': ['foreign ministry', 'foreign policy', 'ministry of foreign affairs', 'diplomat', 'unification', '外交', 'дипломат', 'دیپلمات', '외교', '통일부'],
  aerospace: ['aerospace', 'space agency', 'space research', '航天', '航空航天', 'аэрокосм', 'هوافضا', '항공우주'],
  'maritime shipping': ['shipping', 'maritime', 'shipbuild', 'port operator', 'vessel', '航运', 'морск', 'کشتیرانی', '해운', '조선'],
  logistics: ['logistics', 'supply chain', '物流', 'логистик', 'لجستیک', '물류'],
  finance: ['bank', 'financial', 'payment processor', 'cryptocurrency exchange', 'crypto exchange', '银行', 'банк', 'بانک', '은행', '거래소'],
  healthcare: ['hospital', 'healthcare', 'pharmaceutical', 'vaccine research', '医院', 'больниц', 'بیمارستان', '병원'],
  'higher education': ['university', 'universities', 'academic', '大学', 'университет', 'دانشگاه', '대학'],
  journalism: ['journalist', 'newsroom', 'media outlet', 'dissident', 'activist', '记者', 'журналист', 'روزنامه‌نگار', '기자'],
};

const ROLE: Dictionary = {
  'system administrators': ['system administrator', 'sysadmin', 'it admin', 'domain admin', '系统管理员', 'системных администратор', 'системный администратор', 'مدیر سیستم', '시스템 관리자'],
  executives: ['ceo', 'cfo', 'chief executive', 'chief financial', 'executive', 'finance team', '财务总监', 'финансов', 'مدیرعامل'],
  engineers: ['engineer', '工程师', 'инженер', 'مهندس', '엔지니어'],
  'human resources': ['hr staff', 'human resources', 'recruiter', '人力资源', 'отдела кадров', 'منابع انسانی', '인사팀'],
  researchers: ['researcher', 'scientist', 'policy expert', 'experts', '研究人员', 'исследовател', 'پژوهشگر', '연구원', '전문가'],
  'helpdesk staff': ['helpdesk', 'help desk', 'it support'],
  'procurement officers': ['procurement'],
};

const COUNTRY: Dictionary = {
  ukraine: ['ukrain', 'kyiv', '乌克兰', 'украин', 'اوکراین', '우크라이나'],
  israel: ['israel', 'hebrew', '以色列', 'израил', 'اسرائیل', '이스라엘'],
  'south korea': ['south korea', 'seoul', '韩国', 'южная корея', 'кореи', 'کره جنوبی', '한국', '대한민국'],
  'north korea': ['north korea', 'dprk', 'pyongyang', '朝鲜', 'кндр', 'северная корея', 'کره شمالی', '북한'],
  taiwan: ['taiwan', '台湾', 'тайван', 'تایوان', '대만'],
  'united states': ['united states', 'u.s.', 'usa', 'american', '美国', 'сша', 'آمریکا', '미국'],
  russia: ['russia', 'moscow', '俄罗斯', 'росси', 'روسیه', '러시아'],
  iran: ['iran', 'tehran', 'persian', '伊朗', 'иран', 'ایران', '이란'],
  china: ['china', 'beijing', '中国', 'китай', 'چین', '중국'],
  germany: ['germany', 'german', '德国', 'германи', 'آلمان', '독일'],
  poland: ['poland', 'polish', '波兰', 'польш', 'لهستان', '폴란드'],
  india: ['india', 'indian', '印度', 'инди', 'هند', '인도'],
  japan: ['japan', 'japanese', '日本', 'япони', 'ژاپن', '일본'],
  georgia: ['georgia', 'tbilisi', 'грузи'],
  'saudi arabia': ['saudi', '沙特', 'саудов', 'عربستان', '사우디'],
};

const ORGANISATIONS: Dictionary = {
  'lockheed martin': ['lockheed'], raytheon: ['raytheon'], thales: ['thales'], airbus: ['airbus'], viasat: ['viasat'], rafael: ['rafael advanced'],
  'hanwha aerospace': ['hanwha'], samsung: ['samsung'], ericsson: ['ericsson'], maersk: ['maersk'], nato: ['nato', '北约', 'нато', 'ناتو', '나토'],
  isro: ['isro', 'indian space research'], 'european parliament': ['european parliament'], 'iran international': ['iran international'],
  'ministry of unification': ['ministry of unification', '통일부'], microsoft: ['microsoft'], google: ['google'], 'crowdstrike': ['crowdstrike'],
};

interface Entry {
  kind: TopicKind;
  topic: string;
  needle: string;
  /** ASCII needles must sit on word boundaries ('cfo' is not in 'cfoo'); others are substrings. */
  bounded: boolean;
}

const ENTRIES: readonly Entry[] = (
  [
    ['technology', TECHNOLOGY],
    ['sector', SECTOR],
    ['role', ROLE],
    ['country', COUNTRY],
    ['organisation', ORGANISATIONS],
  ] as const
).flatMap(([kind, dict]) =>
  Object.entries(dict).flatMap(([topic, needles]) => needles.map((needle) => ({ kind, topic, needle: needle.toLowerCase(), bounded: /^[\x20-\x7e]+$/u.test(needle) }))),
);

const isAsciiWord = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/u.test(c);

/** Organisation names by shape: "Ministry of X", "X Corporation", "X GmbH", … */
const ORG_SHAPE = /\b(?:Ministry of (?:[A-Z][a-z]+)(?: (?:of |and )?[A-Z][a-z]+)*|[A-Z][A-Za-z&]+(?: [A-Z][A-Za-z&]+)* (?:Inc|Corp|Corporation|Ltd|GmbH|LLC|Group|Systems|Technologies|Aerospace|Defen[cs]e|Institute|Agency)\b)/gu;

/**
 * Every topic mention in `text`, in text order. ASCII needles must start a word (short ones must
 * also end it); Chinese, Korean, Farsi and Russian needles are stems matched anywhere.
 */
export function extractTopicMentions(text: string): TopicMention[] {
  const lower = text.toLowerCase();
  const out: TopicMention[] = [];
  for (const e of ENTRIES) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(e.needle, from);
      if (at === -1) break;
      from = at + e.needle.length;
      if (e.bounded) {
        if (isAsciiWord(lower[at - 1])) continue;
        // Long needles are stems ('ukrain' → 'ukrainian'); short ones must end the word (or take a plural s).
        const next = lower[at + e.needle.length];
        if (e.needle.length < 5 && isAsciiWord(next) && !(next === 's' && !isAsciiWord(lower[at + e.needle.length + 1]))) continue;
      }
      out.push({ kind: e.kind, topic: e.topic, raw: text.slice(at, at + e.needle.length), offset: at });
    }
  }
  ORG_SHAPE.lastIndex = 0;
  for (let m = ORG_SHAPE.exec(text); m !== null; m = ORG_SHAPE.exec(text)) out.push({ kind: 'organisation', topic: m[0].toLowerCase(), raw: m[0], offset: m.index });
  return out.sort((a, b) => a.offset - b.offset || a.topic.localeCompare(b.topic));
}

/**
 * The distinct topics of `text` as canonical lower-case names, e.g. ['defence', 'radar imaging',
 * 'ukraine']: what the pipeline and attribution consume.
 */
export function extractTopics(text: string): string[] {
  return [...new Set(extractTopicMentions(text).map((m) => m.topic))].sort();
}
