import { countryName } from './render-markdown.js';
import type { ReportActor, TransparencyReport } from './transparency.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A horizontal bar chart as inline SVG: no script, no external asset, so the HTML prints to PDF
 * exactly as it shows and can be mailed as one file.
 */
export function barChart(title: string, rows: readonly { label: string; value: number }[], width = 640): string {
  if (rows.length === 0) return '';
  const barH = 22;
  const labelW = 280;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const h = rows.length * (barH + 6) + 30;
  const bars = rows
    .map((r, i) => {
      const y = 24 + i * (barH + 6);
      const w = Math.max(1, Math.round(((width - labelW - 60) * r.value) / max));
      const label = r.label.length > 40 ? `${r.label.slice(0, 39)}…` : r.label;
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end"><title>${escapeHtml(r.label)}</title>${escapeHtml(label)}</text><rect x="${labelW}" y="${y}" width="${w}" height="${barH}" rx="3"></rect><text x="${labelW + w + 6}" y="${y + 15}">${r.value}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}"><text x="0" y="14" class="t">${escapeHtml(title)}</text>${bars}</svg></figure>`;
}

function list(obj: Record<string, number>): string {
  const e = Object.entries(obj).sort((a, b) => b[1] - a[1]);
  return e.length > 0 ? e.map(([k, n]) => `${escapeHtml(k)} (${n})`).join(', ') : '—';
}

function actorSection(a: ReportActor): string {
  const ttpRows = a.ttps
    .map((t) => `<tr><td>${escapeHtml(t.label)}</td><td>${escapeHtml(t.tactic ?? '—')}</td><td>${escapeHtml(t.techniques.join(', ') || '—')}</td><td class="n">${t.requests}</td></tr>`)
    .join('');
  return `<section class="actor"><h3>${escapeHtml(a.name)}</h3><dl>
<dt>Also known as</dt><dd>${escapeHtml(a.aliases.join(', ') || '—')}</dd>
<dt>Origin</dt><dd>${escapeHtml(countryName(a.country))}${a.sponsor ? ` (${escapeHtml(a.sponsor)})` : ''}${a.mitreId ? ` · MITRE ATT&amp;CK ${escapeHtml(a.mitreId)}` : ''}</dd>
<dt>Attribution confidence</dt><dd>${escapeHtml(a.confidence)}</dd>
<dt>Networks · accounts · actioned</dt><dd>${a.networks} · ${a.accounts} · ${a.accountsActioned}</dd>
<dt>Languages</dt><dd>${list(a.languages)}</dd>
<dt>What they sought</dt><dd>${a.topics.map((t) => `${escapeHtml(t.topic)} (${t.count})`).join(', ') || '—'}</dd>
<dt>How we found them</dt><dd>${list(a.detectedBy)}</dd></dl>
${ttpRows ? `<table><thead><tr><th>LLM-themed TTP</th><th>ATT&amp;CK tactic</th><th>techniques</th><th>requests</th></tr></thead><tbody>${ttpRows}</tbody></table>` : ''}
</section>`;
}

const style = `body{font:15px/1.5 system-ui,sans-serif;color:#1b1f24;max-width:860px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left}td.n{text-align:right}
dl{display:grid;grid-template-columns:14rem 1fr;gap:.2rem .8rem}dt{font-weight:600}dd{margin:0}
svg text{font:12px system-ui,sans-serif;fill:#1b1f24}svg text.t{font-weight:600}svg rect{fill:#0b5cad}
.actor{break-inside:avoid}figure{margin:1rem 0}@media print{body{margin:0}}`;

/** The transparency report as one self-contained HTML page (charts inline), also the PDF's source. */
export function renderTransparencyHtml(r: TransparencyReport): string {
  const t = r.totals;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(r.title)}</h1>
<p>Period: ${escapeHtml(r.period.from)} to ${escapeHtml(r.period.to)}. Generated ${escapeHtml(r.generatedAt)}.</p>
<h2>Summary</h2>
<p>We disrupted <strong>${t.actors}</strong> tracked threat actor(s) operating <strong>${t.networks}</strong> network(s). <strong>${t.accountsActioned}</strong> account(s) were actioned in the period; ${t.accountsFlagged} were flagged for review.</p>
${barChart('Accounts per actor', r.actors.map((a) => ({ label: a.name, value: a.accounts })))}
${barChart('Actions taken', Object.entries(t.actionsByKind).map(([label, value]) => ({ label, value })))}
<h2>Actors</h2>
${r.actors.length > 0 ? r.actors.map(actorSection).join('\n') : '<p>No activity attributed to a tracked actor in this period.</p>'}
<h2>Techniques across all actors</h2>
${barChart('Requests per LLM-themed TTP', r.ttps.map((x) => ({ label: x.label, value: x.requests })))}
${r.atlas.length > 0 ? `<p>MITRE ATLAS: ${escapeHtml(r.atlas.join(', '))} (use of a generative AI service by an adversary).</p>` : ''}
<h2>How we detected them</h2>
<p>${list(r.detectionMethods)}</p>
<p>Unattributed: ${r.unattributed.networks} network(s), ${r.unattributed.accounts} account(s).</p>
</body></html>
`;
}
