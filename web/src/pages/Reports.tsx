import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, apiFile, qs } from '../api.js';
import { ErrorNote } from '../components/ui.js';
import { useRouter } from '../router.js';
import type { CaseView } from '../types.js';

/** TLP 2.0 levels with FIRST's label text and colours (on black), as the reports print them. */
const tlpLevels = [
  { level: 'clear', label: 'TLP:CLEAR', colour: '#FFFFFF', meaning: 'Disclosure is not limited.' },
  { level: 'green', label: 'TLP:GREEN', colour: '#33FF00', meaning: 'Limited disclosure, restricted to the community.' },
  { level: 'amber', label: 'TLP:AMBER', colour: '#FFC000', meaning: "Limited disclosure, restricted to the recipients' organisations and their clients." },
  { level: 'amber+strict', label: 'TLP:AMBER+STRICT', colour: '#FFC000', meaning: "Limited disclosure, restricted to the recipients' organisation only." },
  { level: 'red', label: 'TLP:RED', colour: '#FF2B2B', meaning: 'For the eyes and ears of individual recipients only.' },
] as const;

const downloads = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'stix', label: 'STIX bundle' },
] as const;

const DAY = 86_400_000;

function dateInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Saves a fetched report under the server's filename. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A report's HTML shown in the page. The iframe is sandboxed with no permission at all (no
 * script, no same-origin, no forms, no navigation) and the server sends the HTML under a CSP
 * that forbids every load: a report's text comes from evidence and notes.
 */
function Preview({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      style={{ width: '100%', height: '70vh', border: '1px solid #cbd5e1', borderRadius: 6, background: '#fff', marginTop: 10 }}
    />
  );
}

function TlpChip({ level }: { level: string }) {
  const t = tlpLevels.find((x) => x.level === level) ?? tlpLevels[2];
  return (
    <span style={{ background: '#000', color: t.colour, fontWeight: 700, padding: '2px 8px', borderRadius: 3, fontSize: 13 }} data-testid="tlp-chip">
      {t.label}
    </span>
  );
}

/** One report's actions: preview its HTML here, or download any format. */
function useReport(path: () => string | null) {
  const [html, setHtml] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: string, preview: boolean) => {
    const base = path();
    if (!base) return;
    setBusy(preview ? 'preview' : format);
    setError(null);
    try {
      const { blob, filename } = await apiFile(`${base}&format=${encodeURIComponent(format)}`);
      if (preview) setHtml(await blob.text());
      else save(blob, filename ?? `report.${format}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { html, busy, error, run, reset: () => setHtml(null) };
}

function CaseReportPanel() {
  const { loc } = useRouter();
  const cases = useQuery({ queryKey: ['cases', 'for-reports'], queryFn: () => api<{ cases: CaseView[] }>(`/api/v1/cases${qs({ limit: 200 })}`) });
  const [caseId, setCaseId] = useState(loc.query.get('case') ?? '');
  const [tlp, setTlp] = useState('amber');
  const chosen = caseId || cases.data?.cases[0]?.id || '';
  const report = useReport(() => (chosen ? `/api/v1/reports/cases/${encodeURIComponent(chosen)}${qs({ tlp })}` : null));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void report.run('html', true);
  };
  return (
    <div className="panel">
      <h2>Case report for a partner</h2>
      <p className="muted">
        One case under a TLP 2.0 marking: summary, timeline, the network&apos;s accounts (pseudonymised with the keyed hash), shared infrastructure, indicators, TTPs, attribution, actions and
        notes marked <code>[shareable]</code>. IPs, prefixes and domains are printed in clear; mailboxes, devices and payment instruments are not.
      </p>
      {cases.error ? <ErrorNote error={cases.error} /> : null}
      <form onSubmit={submit} aria-label="Case report">
        <div className="row wrap">
          <label>
            Case
            <select aria-label="Case" value={chosen} onChange={(e) => { setCaseId(e.target.value); report.reset(); }} disabled={!cases.data || cases.data.cases.length === 0}>
              {caseId && !cases.data?.cases.some((c) => c.id === caseId) ? <option value={caseId}>{caseId}</option> : null}
              {(cases.data?.cases ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title.length > 80 ? `${c.title.slice(0, 79)}…` : c.title} ({c.state})
                </option>
              ))}
            </select>
          </label>
          <label>
            TLP marking
            <select aria-label="TLP marking" value={tlp} onChange={(e) => { setTlp(e.target.value); report.reset(); }} aria-describedby="tlp-meaning">
              {tlpLevels.map((t) => (
                <option key={t.level} value={t.level}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn primary" disabled={!chosen || report.busy !== null}>
            {report.busy === 'preview' ? 'Generating…' : 'Preview'}
          </button>
        </div>
        <p id="tlp-meaning" className="muted">
          <TlpChip level={tlp} /> {tlpLevels.find((t) => t.level === tlp)?.meaning}
        </p>
        <div className="btn-row" role="group" aria-label="Download the case report">
          {downloads.map((d) => (
            <button key={d.format} type="button" className="btn small" disabled={!chosen || report.busy !== null} onClick={() => void report.run(d.format, false)}>
              {report.busy === d.format ? 'Preparing…' : `Download ${d.label}`}
            </button>
          ))}
        </div>
      </form>
      {report.error ? <ErrorNote error={report.error} /> : null}
      {cases.data && cases.data.cases.length === 0 ? <p className="muted">No case yet: cases open from detections.</p> : null}
      {report.html ? <Preview html={report.html} title="Case report preview" /> : null}
    </div>
  );
}

function TransparencyPanel({ now }: { now: number }) {
  const [from, setFrom] = useState(dateInput(now - 30 * DAY));
  const [to, setTo] = useState(dateInput(now + DAY));
  const report = useReport(() => `/api/v1/reports/transparency${qs({ from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z` })}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void report.run('html', true);
  };
  return (
    <div className="panel">
      <h2>Transparency report</h2>
      <p className="muted">
        The period&apos;s actors disrupted, accounts and networks actioned, what they sought, TTPs mapped to ATT&amp;CK and ATLAS, and how they were found, with no account identifier. At most
        366 days.
      </p>
      <form onSubmit={submit} aria-label="Transparency report">
        <div className="row wrap">
          <label>
            From
            <input type="date" value={from} onChange={(e) => { setFrom(e.target.value); report.reset(); }} required />
          </label>
          <label>
            To (exclusive)
            <input type="date" value={to} onChange={(e) => { setTo(e.target.value); report.reset(); }} required />
          </label>
          <button type="submit" className="btn primary" disabled={report.busy !== null}>
            {report.busy === 'preview' ? 'Generating…' : 'Preview'}
          </button>
        </div>
        <div className="btn-row" role="group" aria-label="Download the transparency report">
          {[...downloads, { format: 'json', label: 'JSON' } as const].map((d) => (
            <button key={d.format} type="button" className="btn small" disabled={report.busy !== null} onClick={() => void report.run(d.format, false)}>
              {report.busy === d.format ? 'Preparing…' : `Download ${d.label}`}
            </button>
          ))}
        </div>
      </form>
      {report.error ? <ErrorNote error={report.error} /> : null}
      {report.html ? <Preview html={report.html} title="Transparency report preview" /> : null}
    </div>
  );
}

/** Reports: the transparency report for a period and a case report for a partner, previewed here and downloaded in every format. */
export function ReportsPage() {
  const [now] = useState(() => Date.now());
  return (
    <section className="page" aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">Reports</h1>
        <span className="muted">what the provider publishes, and what it sends its partners</span>
      </div>
      <div className="stack">
        <CaseReportPanel />
        <TransparencyPanel now={now} />
        <p className="muted">
          The same reports from the command line: <code>warden report case CASE --tlp amber --out case.pdf</code> and <code>warden report transparency --days 30 --out report.pdf</code>. Generating a
          report is audited. See docs/reports.md.
        </p>
      </div>
    </section>
  );
}
