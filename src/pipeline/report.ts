import type { AnalysisResult } from './evaluate.js';
import type { Evidence } from './evidence.js';
import type { NetworkResult } from './networks.js';

/** Counts and provenance the driver adds to a report. */
export interface ReportMeta {
  generatedAt: string;
  events: { read: number; accepted: number; rejected: number };
}

/** The `warden analyze` document (../shared/spec/batch-contract.md); fields are only ever added. */
export interface AnalyzeReport {
  generated_at: string;
  events: { read: number; accepted: number; rejected: number };
  accounts: {
    account: string;
    verdict: 'malicious' | 'suspicious';
    score: number;
    network: string | null;
    actor: { name: string; stix_id: string; confidence: number; level: string } | null;
    ttps: string[];
    evidence: Evidence[];
  }[];
  networks: (Omit<NetworkResult, 'attributionEvidence' | 'members'> & {
    members: NetworkResult['members'];
    attribution_evidence: NetworkResult['attributionEvidence'];
  })[];
  stats: AnalysisResult['stats'];
  stages: AnalysisResult['ports'];
}

/** Shapes an analysis result as the contract's report. */
export function toReport(result: AnalysisResult, meta: ReportMeta): AnalyzeReport {
  return {
    generated_at: meta.generatedAt,
    events: meta.events,
    accounts: result.accounts,
    networks: result.networks.map(({ attributionEvidence, ...n }) => ({
      ...n,
      attribution_evidence: attributionEvidence,
    })),
    stats: result.stats,
    stages: result.ports,
  };
}
