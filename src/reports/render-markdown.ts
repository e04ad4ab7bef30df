import type { ReportActor, TransparencyReport } from './transparency.js';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The country's English name, or the code if Intl does not know it. */
export function countryName(code: string | null): string {
  if (!code) return 'undisclosed';
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Names come from intel and partners, so they are data, not markup: most Markdown renderers pass
 * raw HTML through, so `<`, `>` and `&` are escaped, and pipes and newlines cannot break a table.
 */
function text(s: string | number): string {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

const cell = text;

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function actorSection(a: ReportActor): string {
  const lines = [
    `### ${text(a.name)}`,
    '',
    `- **Also known as:** ${a.aliases.length > 0 ? text(a.aliases.join(', ')) : '—'}`,
    `- **Origin:** ${countryName(a.country)}${a.sponsor ? ` (${text(a.sponsor)})` : ''}${a.mitreId ? ` · MITRE ATT&CK ${a.mitreId}` : ''}`,
    `- **Attribution confidence:** ${a.confidence}`,
    `- **Networks:** ${a.networks}; **accounts:** ${a.accounts}, of which **${a.accountsActioned} actioned**`,
    `- **Languages of requests:** ${Object.entries(a.languages).sort((x, y) => y[1] - x[1]).map(([l, n]) => `${l} (${n})`).join(', ') || '—'}`,
    `- **What they sought:** ${a.topics.map((t) => `${text(t.topic)} (${t.count})`).join(', ') || '—'}`,
    `- **How we found them:** ${Object.entries(a.detectedBy).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} (${n})`).join(', ') || '—'}`,
    '',
  ];
  if (a.ttps.length > 0)
    lines.push(
      table(
        ['LLM-themed TTP', 'ATT&CK tactic', 'ATT&CK techniques', 'requests'],
        a.ttps.map((t) => [t.label, t.tactic ?? '—', t.techniques.join(', ') || '—', t.requests]),
      ),
      '',
    );
  return lines.join('\n');
}

/** The transparency report as Markdown, for a blog post or a repository. */
export function renderTransparencyMarkdown(r: TransparencyReport): string {
  const t = r.totals;
  const parts = [
    `# ${text(r.title)}`,
    '',
    `Period: ${r.period.from} to ${r.period.to}. Generated ${r.generatedAt}.`,
    '',
    '## Summary',
    '',
    `We disrupted **${t.actors}** tracked threat actor${t.actors === 1 ? '' : 's'} operating **${t.networks}** network${t.networks === 1 ? '' : 's'} of accounts. ` +
      `**${t.accountsActioned}** account${t.accountsActioned === 1 ? ' was' : 's were'} actioned in the period; ` +
      `${t.accountsFlagged} account${t.accountsFlagged === 1 ? ' was' : 's were'} flagged for review.`,
    '',
    table(
      ['action', 'accounts'],
      Object.entries(t.actionsByKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => [k, n]),
    ),
    '',
    '## Actors',
    '',
    ...(r.actors.length > 0 ? r.actors.map(actorSection) : ['No activity attributed to a tracked actor in this period.', '']),
    '## Techniques across all actors',
    '',
    r.ttps.length > 0
      ? table(
          ['LLM-themed TTP', 'ATT&CK tactic', 'ATT&CK techniques', 'requests'],
          r.ttps.map((x) => [x.label, x.tactic ?? '—', x.techniques.join(', ') || '—', x.requests]),
        )
      : 'None recorded.',
    '',
    r.atlas.length > 0 ? `MITRE ATLAS: ${r.atlas.join(', ')} (use of a generative AI service by an adversary).` : '',
    '',
    '## How we detected them',
    '',
    Object.keys(r.detectionMethods).length > 0
      ? table(
          ['evidence', 'accounts'],
          Object.entries(r.detectionMethods)
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => [k, n]),
        )
      : 'No actioned account in this period.',
    '',
    `Unattributed: ${r.unattributed.networks} network(s), ${r.unattributed.accounts} account(s) acted on without attribution to a tracked actor.`,
    '',
  ];
  return parts.join('\n');
}
