/** Shapes of the API answers the console reads (the API's schemas are the authority). */

export interface Session {
  user: { id?: string; email: string; role: string; name?: string };
  csrfToken: string;
}

export interface Evidence {
  kind: string;
  detail: string;
  rule: string;
  weight: number;
  refs?: { events?: string[]; indicator?: string; accounts?: string[]; value?: string; via?: string };
}

export interface ReportAccount {
  account: string;
  verdict: 'malicious' | 'suspicious';
  score: number;
  network: string | null;
  actor: { name: string; stix_id: string; confidence: number; level: string } | null;
  ttps: string[];
  evidence: Evidence[];
}

export interface NetworkLink {
  a: string;
  b: string;
  via: string;
  value: string;
  weight: number;
  shared: number;
}

export interface ReportNetwork {
  id: string;
  accounts: string[];
  actor: { name: string; stix_id?: string; confidence: number; level: string } | null;
  links: NetworkLink[];
  summary: {
    size: number;
    first_seen: string;
    last_seen: string;
    shared_infrastructure: { via: string; value: string; members: number }[];
    ttps: Record<string, number>;
    languages: Record<string, number>;
    active_hours_utc: number[];
    likely_utc_offset: number | null;
    burst_signups: number;
  };
  members: { account: string; why: string }[];
  attribution_evidence: { kind?: string; detail?: string; weight?: number }[];
}

export interface AnalysisReport {
  generated_at: string;
  events: { read: number; accepted: number; rejected: number };
  accounts: ReportAccount[];
  networks: ReportNetwork[];
  stats: Record<string, unknown>;
}

export interface CaseView {
  id: string;
  key: string;
  title: string;
  state: string;
  priority: string;
  assignee: string | null;
  tags: string[];
  dueAt: string | null;
  disposition: string | null;
  networkId: string | null;
  accounts: string[];
  actor: { name: string; confidence?: number; level?: string } | null;
  score: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Actor {
  name: string;
  aliases: string[];
  country?: string | null;
  mitre_id?: string | null;
  stix_id?: string;
  description?: string;
}
