import { z } from 'zod';

/** A case's life: new → triage → investigating → decided → actioned → closed, and reopened. */
export const caseStates = ['new', 'triage', 'investigating', 'decided', 'actioned', 'closed', 'reopened'] as const;
export type CaseState = (typeof caseStates)[number];

/**
 * Where each state may go. `actioned` is normally reached by executing an action (the system
 * moves the case there from any open state); an analyst may also set it from `decided` when the
 * action happened outside Warden. Closed cases only reopen (an appeal, new evidence).
 */
export const caseTransitions: Readonly<Record<CaseState, readonly CaseState[]>> = {
  new: ['triage', 'investigating', 'decided', 'closed'],
  triage: ['investigating', 'decided', 'closed'],
  investigating: ['triage', 'decided', 'closed'],
  decided: ['investigating', 'actioned', 'closed'],
  actioned: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['triage', 'investigating', 'decided', 'closed'],
};

/** True when a case in `from` may move to `to`. */
export function canTransition(from: CaseState, to: CaseState): boolean {
  return caseTransitions[from].includes(to);
}

export const casePriorities = ['low', 'medium', 'high', 'critical'] as const;
export type CasePriority = (typeof casePriorities)[number];

/** What an analyst concluded; true and false positives feed measured precision per rule. */
export const dispositions = ['true-positive', 'false-positive', 'benign-but-suspicious', 'duplicate'] as const;
export type Disposition = (typeof dispositions)[number];

const tag = z.string().trim().min(1).max(64);

/** The body of `PATCH /api/v1/cases/:id`; `version` may come in `If-Match` instead. */
export const caseUpdateSchema = z
  .object({
    version: z.number().int().min(1).optional(),
    state: z.enum(caseStates).optional(),
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    priority: z.enum(casePriorities).optional(),
    tags: z.array(tag).max(50).optional(),
    dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
    disposition: z.enum(dispositions).nullable().optional(),
    note: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict();
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

/** An actor hypothesis as a case keeps it. */
export const caseActorSchema = z.object({ name: z.string(), stix_id: z.string().optional(), confidence: z.number(), level: z.string() });
export type CaseActor = z.infer<typeof caseActorSchema>;

/** The case as the API returns it. */
export const caseViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  priority: z.enum(casePriorities),
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  dueAt: z.string().nullable(),
  disposition: z.enum(dispositions).nullable(),
  networkId: z.string().nullable(),
  accounts: z.array(z.string()),
  actor: caseActorSchema.nullable(),
  score: z.number(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof caseViewSchema>;
