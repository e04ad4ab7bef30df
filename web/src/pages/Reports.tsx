/** How the transparency report is produced; the CLI writes it from the same store the console reads. */
export function ReportsPage() {
  return (
    <section className="page" aria-labelledby="reports-title">
      <div className="page-head">
        <h1 id="reports-title">Reports</h1>
        <span className="muted">what the provider publishes about disrupted actors</span>
      </div>
      <div className="panel prose">
        <h2>Transparency report</h2>
        <p>
          The period's actors disrupted, accounts and networks actioned, what they sought, TTPs mapped to ATT&amp;CK and ATLAS, and how they were found — with
          account identifiers pseudonymised by a keyed hash. Generate it on the server with:
        </p>
        <pre>
          <code>{`warden report transparency --days 30 --format html --out report.html
warden report transparency --days 30 --format pdf  --out report.pdf
warden report transparency --days 30 --format stix --marking green`}</code>
        </pre>
        <p className="muted">Formats: Markdown, HTML (with charts), PDF (through the system's Chromium), JSON and a TLP-marked STIX 2.1 bundle. See docs/reports.md.</p>
      </div>
    </section>
  );
}
