import type { TlpLevel } from '../intel/index.js';
import type { CaseReport } from './case-report.js';
import { barChart, escapeHtml } from './render-html.js';
import { countryName } from './render-markdown.js';
import { TLP_COLOURS, tlpLabel } from './tlp.js';

/**
 * Text from evidence, notes and partners is data, never markup. Beyond what HTML needs, Markdown
 * gives meaning to `[`, `]`, `(`, `)`, `*`, `_`, `` ` ``, `!`, `#` and `\`, so each is
 * backslash-escaped (CommonMark §2.4) and a note cannot become a link, an image or a heading;
 * `://` and `www.` are broken with an escape so GitHub-flavoured autolinking does not turn a
 * URL into a live link either. Pipes and newlines cannot break a table or a list item.
 */
export function markdownText(s: string | number): string {
  return String(s)
    .replace(/[\\`*_[\]()!#{}]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/\r?\n|\r/g, ' ');
}

const md = markdownText;

function mdTable(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.map(md).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The label line Markdown has: plain text in capitals, first and last line of the document (FIRST TLP 2.0 §3). */
function mdMarking(r: CaseReport): string {
  return `**${r.tlp.label}** — ${r.tlp.meaning}`;
}

/** The case report as Markdown; the TLP label opens and closes the document. */
export function renderCaseMarkdown(r: CaseReport): string {
  const a = r.attribution.actor;
  const out: string[] = [
    mdMarking(r),
    '',
    `# ${md(r.title)}`,
    '',
    `Case ${md(r.case.id)}${r.case.network ? ` · network ${md(r.case.network)}` : ''} · state ${md(r.case.state)} · priority ${md(r.case.priority)}${r.case.disposition ? ` · ${md(r.case.disposition)}` : ''}. Generated ${md(r.generatedAt)} by ${md(r.publisher)}.`,
    '',
    r.identifiers === 'included'
      ? '**This report includes account identifiers and every value in clear.**'
      : `Account identifiers are pseudonymised with a keyed hash; values in clear: ${md(r.shared.join(', '))}.`,
    '',
    '## Summary',
    '',
    md(r.summary.text),
    '',
    '## Timeline',
    '',
    ...r.timeline.map((t) => `- ${md(t.at)} — ${md(t.event)}`),
    '',
    '## Attribution',
    '',
  ];
  if (a) {
    out.push(
      `- **Actor:** ${md(a.name)}${a.aliases.length > 0 ? ` (also known as ${md(a.aliases.join(', '))})` : ''}`,
      `- **Origin:** ${md(countryName(a.country))}${a.sponsor ? ` (${md(a.sponsor)})` : ''}${a.mitreId ? ` · MITRE ATT&CK ${md(a.mitreId)}` : ''}`,
      `- **Confidence:** ${md(a.level)} (${pct(a.confidence)})`,
      ...(r.attribution.alternatives.length > 0 ? [`- **Other hypotheses:** ${r.attribution.alternatives.map((x) => `${md(x.name)} (${pct(x.confidence)})`).join(', ')}`] : []),
      '',
    );
  } else out.push('Not attributed to a tracked actor.', '');
  if (r.attribution.evidence.length > 0) out.push(mdTable(['evidence', 'detail', 'weight'], r.attribution.evidence.map((e) => [e.kind, e.detail, e.weight.toFixed(2)])), '');
  out.push('## Techniques', '');
  out.push(
    r.ttps.length > 0
      ? mdTable(['LLM-themed TTP', 'ATT&CK tactic', 'ATT&CK techniques', 'requests'], r.ttps.map((t) => [t.label, t.tactic ?? '—', t.techniques.join(', ') || '—', t.requests]))
      : 'No technique tagged.',
    '',
    `MITRE ATLAS: ${r.atlas.join(', ')} (use of a generative AI service by an adversary).`,
    '',
    '## Accounts',
    '',
    r.accounts.length > 0
      ? mdTable(['account', 'verdict', 'score', 'evidence', 'why in the network'], r.accounts.map((x) => [x.ref, x.verdict, x.score.toFixed(2), evidenceList(x.evidence), x.why ?? '—']))
      : 'No account evidence was kept for this case.',
    '',
    '## Shared infrastructure',
    '',
  );
  out.push(
    r.infrastructure.length > 0
      ? mdTable(['kind', 'value', 'members', 'shown'], r.infrastructure.flatMap((k) => k.values.map((v) => [k.kind, v.value, v.members, v.pseudonymised ? 'keyed hash' : 'in clear'])))
      : 'No value shared by two or more accounts.',
    '',
    '## Indicators matched',
    '',
    r.indicators.length > 0
      ? mdTable(['indicator', 'value', 'accounts', 'detail'], r.indicators.map((i) => [i.id, i.value || '—', i.accounts, i.detail]))
      : 'No partner indicator matched.',
    '',
    '## Actions taken',
    '',
    r.actions.length > 0
      ? mdTable(['action', 'target', 'state', 'accounts', 'executed', 'reason'], r.actions.map((x) => [x.kind, x.target, x.state, x.accounts, x.executedAt ?? '—', x.reason]))
      : 'No action executed.',
    '',
    '## Analyst notes',
    '',
    ...(r.notes.length > 0 ? r.notes.map((n) => `- ${md(n.at)}: ${md(n.body)}`) : ['No note was marked shareable.']),
    '',
    mdMarking(r),
    '',
  );
  return out.join('\n');
}

function evidenceList(e: Record<string, number>): string {
  const list = Object.entries(e).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return list.length > 0 ? list.map(([k, n]) => `${k} ×${n}`).join(', ') : '—';
}

/**
 * The TLP label as FIRST TLP 2.0 §3 prints it in documents: capitals, 12-point or larger,
 * right-justified, in the level's colour on black. Also Chromium's per-page header and footer
 * (`renderPdf`), which take inline styles only.
 */
export function tlpBanner(level: TlpLevel): string {
  return `<div class="tlp" style="text-align:right;font:700 12pt/1.4 system-ui,sans-serif;margin:0;width:100%;padding:0 8mm"><span style="background:#000000;color:${TLP_COLOURS[level]};padding:1pt 6pt;-webkit-print-color-adjust:exact;print-color-adjust:exact">${escapeHtml(tlpLabel(level))}</span></div>`;
}

const style = `body{font:15px/1.5 system-ui,sans-serif;color:#1b1f24;max-width:900px;margin:1rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:13px}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}th,td.s,td.n{white-space:nowrap;overflow-wrap:normal}td.n{text-align:right}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.2rem .8rem}dt{font-weight:600}dd{margin:0}
.mono{font-family:ui-monospace,monospace;font-size:12px}.muted{color:#57606a}.tlp-meaning{font-size:13px;color:#57606a;text-align:right;margin:.2rem 0 1rem}
svg text{font:12px system-ui,sans-serif;fill:#1b1f24}svg text.t{font-weight:600}svg rect{fill:#0b5cad}
figure{margin:1rem 0}@media print{body{margin:0;max-width:none}}`;

/** A table; `numeric` columns align right, `short` ones (verdicts, kinds, states) never wrap. */
function htmlTable(head: string[], rows: (string | number)[][], numeric: number[] = [], short: number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="n"' : short.includes(i) ? ' class="s"' : '');
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The case report as one self-contained HTML page (inline SVG, no script), also the PDF's source. */
export function renderCaseHtml(r: CaseReport): string {
  const a = r.attribution.actor;
  const attribution = a
    ? `<dl><dt>Actor</dt><dd>${escapeHtml(a.name)}${a.aliases.length > 0 ? ` (also known as ${escapeHtml(a.aliases.join(', '))})` : ''}</dd>
<dt>Origin</dt><dd>${escapeHtml(countryName(a.country))}${a.sponsor ? ` (${escapeHtml(a.sponsor)})` : ''}${a.mitreId ? ` · MITRE ATT&amp;CK ${escapeHtml(a.mitreId)}` : ''}</dd>
<dt>Confidence</dt><dd>${escapeHtml(a.level)} (${pct(a.confidence)})</dd>
${r.attribution.alternatives.length > 0 ? `<dt>Other hypotheses</dt><dd>${r.attribution.alternatives.map((x) => `${escapeHtml(x.name)} (${pct(x.confidence)})`).join(', ')}</dd>` : ''}</dl>`
    : '<p>Not attributed to a tracked actor.</p>';
  const sections = [
    `<h1>${escapeHtml(r.title)}</h1>`,
    `<p class="muted">Case <span class="mono">${escapeHtml(r.case.id)}</span>${r.case.network ? ` · network <span class="mono">${escapeHtml(r.case.network)}</span>` : ''} · state ${escapeHtml(r.case.state)} · priority ${escapeHtml(r.case.priority)}${r.case.disposition ? ` · ${escapeHtml(r.case.disposition)}` : ''}. Generated ${escapeHtml(r.generatedAt)} by ${escapeHtml(r.publisher)}.</p>`,
    r.identifiers === 'included'
      ? '<p><strong>This report includes account identifiers and every value in clear.</strong></p>'
      : `<p class="muted">Account identifiers are pseudonymised with a keyed hash; values in clear: ${escapeHtml(r.shared.join(', '))}.</p>`,
    '<h2>Summary</h2>',
    `<p>${escapeHtml(r.summary.text)}</p>`,
    '<h2>Timeline</h2>',
    `<ul>${r.timeline.map((t) => `<li><span class="mono">${escapeHtml(t.at)}</span> — ${escapeHtml(t.event)}</li>`).join('')}</ul>`,
    '<h2>Attribution</h2>',
    attribution,
    r.attribution.evidence.length > 0 ? htmlTable(['evidence', 'detail', 'weight'], r.attribution.evidence.map((e) => [e.kind, e.detail, e.weight.toFixed(2)]), [2], [0]) : '',
    '<h2>Techniques</h2>',
    barChart('Requests per LLM-themed TTP', r.ttps.map((t) => ({ label: t.label, value: t.requests }))),
    r.ttps.length > 0
      ? htmlTable(['LLM-themed TTP', 'ATT&CK tactic', 'ATT&CK techniques', 'requests'], r.ttps.map((t) => [t.label, t.tactic ?? '—', t.techniques.join(', ') || '—', t.requests]), [3])
      : '<p>No technique tagged.</p>',
    `<p>MITRE ATLAS: ${escapeHtml(r.atlas.join(', '))} (use of a generative AI service by an adversary).</p>`,
    '<h2>Accounts</h2>',
    r.accounts.length > 0
      ? htmlTable(['account', 'verdict', 'score', 'evidence', 'why in the network'], r.accounts.map((x) => [x.ref, x.verdict, x.score.toFixed(2), evidenceList(x.evidence), x.why ?? '—']), [2], [1])
      : '<p>No account evidence was kept for this case.</p>',
    '<h2>Shared infrastructure</h2>',
    r.infrastructure.length > 0
      ? htmlTable(['kind', 'value', 'members', 'shown'], r.infrastructure.flatMap((k) => k.values.map((v) => [k.kind, v.value, v.members, v.pseudonymised ? 'keyed hash' : 'in clear'])), [2], [0, 3])
      : '<p>No value shared by two or more accounts.</p>',
    '<h2>Indicators matched</h2>',
    r.indicators.length > 0 ? htmlTable(['indicator', 'value', 'accounts', 'detail'], r.indicators.map((i) => [i.id, i.value || '—', i.accounts, i.detail]), [2], [1]) : '<p>No partner indicator matched.</p>',
    '<h2>Actions taken</h2>',
    r.actions.length > 0
      ? htmlTable(['action', 'target', 'state', 'accounts', 'executed', 'reason'], r.actions.map((x) => [x.kind, x.target, x.state, x.accounts, x.executedAt ?? '—', x.reason]), [3], [0, 2])
      : '<p>No action executed.</p>',
    '<h2>Analyst notes</h2>',
    r.notes.length > 0 ? `<ul>${r.notes.map((n) => `<li><span class="mono">${escapeHtml(n.at)}</span>: ${escapeHtml(n.body)}</li>`).join('')}</ul>` : '<p>No note was marked shareable.</p>',
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${r.tlp.label} ${r.title}`)}</title><style>${style}</style></head><body>
<header>${tlpBanner(r.tlp.level)}<p class="tlp-meaning">${escapeHtml(r.tlp.meaning)}</p></header>
${sections.filter(Boolean).join('\n')}
<footer>${tlpBanner(r.tlp.level)}</footer>
</body></html>
`;
}
