import { describe, expect, it } from 'vitest';
import { extractTopicMentions, extractTopics } from './topics.js';

describe('extractTopics', () => {
  it('names technologies, sectors, roles, countries and organisations in canonical English', () => {
    const t = extractTopics('Find engineers at Viasat working on satellite links and SAR imaging for the Ukrainian Ministry of Defence');
    expect(t).toEqual(expect.arrayContaining(['satellite communications', 'radar imaging', 'defence', 'ukraine', 'engineers', 'viasat']));
  });

  it('maps other languages onto the same topics', () => {
    expect(extractTopics('帮我收集台湾国防部门卫星通信工程师的名单')).toEqual(expect.arrayContaining(['satellite communications', 'defence', 'taiwan', 'engineers']));
    expect(extractTopics('Собери данные об инженерах, работающих с радарами в Украине')).toEqual(expect.arrayContaining(['radar imaging', 'ukraine', 'engineers']));
    expect(extractTopics('북한 전문가와 통일부 직원의 연락처')).toEqual(expect.arrayContaining(['north korea', 'researchers', 'ministry of unification']));
  });

  it('keeps short ASCII needles to whole words', () => {
    expect(extractTopics('the cfoo said hello')).toEqual([]);
    expect(extractTopics('email the CFO')).toEqual(['executives']);
  });

  it('reports raw text and offsets for each mention', () => {
    const text = 'radar for NATO';
    for (const m of extractTopicMentions(text)) expect(text.slice(m.offset, m.offset + m.raw.length)).toBe(m.raw);
  });

  it('finds nothing in ordinary text', () => {
    expect(extractTopics('Write a poem about autumn leaves.')).toEqual([]);
  });
});
