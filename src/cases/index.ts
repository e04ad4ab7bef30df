/**
 * Cases and enforcement: detections become cases, analysts decide, actions ban accounts and
 * networks (block entries published to every gateway, webhooks to the provider), everything
 * audited and reversible. A shell folder: it uses the store, the enforcement core and the
 * pipeline's report; the API, CLI and server call it.
 */
export { caseStates, caseTransitions, canTransition, casePriorities, dispositions, caseUpdateSchema, caseViewSchema } from './case.schema.js';
export type { CaseState, CasePriority, Disposition, CaseUpdate, CaseView, CaseActor } from './case.schema.js';
export { draftCases, type CaseDraft, type CaseSnapshot } from './snapshot.js';
export type { CasesContext } from './context.js';
export {
  caseView,
  syncCasesFromReport,
  getCaseDetail,
  listCaseViews,
  updateCase,
  fileAppeal,
  measurePrecision,
  type SyncOutcome,
  type PrecisionRow,
} from './cases.service.js';
export {
  actionKinds,
  targetTypes,
  effectOf,
  actionTargetSchema,
  previewAction,
  type ActionKind,
  type TargetType,
  type ActionTarget,
  type ActionPlan,
  type PlannedEntry,
  type Collateral,
} from './blast-radius.js';
export {
  actionStates,
  proposeActionSchema,
  actionView,
  getActionOrThrow,
  listActionViews,
  proposeAction,
  approveAction,
  rejectAction,
  executeAction,
  reverseAction,
  runDueActions,
  type ActionState,
  type ActionView,
  type ProposeAction,
} from './actions.service.js';
export { isTrackedStateActor, applyStateActorPolicy, policyActor, stateActorPolicyId } from './policy.js';
export {
  webhookEventTypes,
  addWebhookSubscription,
  listPublicSubscriptions,
  enqueueWebhookEvent,
  attemptDelivery,
  deliverDueWebhooks,
  listDeadLetters,
  replayDeadLetter,
  setInboundSource,
  verifyInbound,
  inboundEventSchema,
  type WebhookEventType,
  type PublicSubscription,
  type AttemptOutcome,
  type InboundEvent,
} from './webhooks.service.js';
export { signPayload, verifySignature, computeSignature, parseSignatureHeader, backoffMs, signatureHeader } from './signature.js';
export { createCasesEngine, type CasesEngine, type TickReport } from './engine.js';
