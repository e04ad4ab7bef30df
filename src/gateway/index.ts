/**
 * Warden's inline gateway: an OpenAI-compatible proxy on its own listener that identifies each
 * request's account, asks the policy (src/gateway/policy) for a decision, carries it out, and
 * emits every request as an event. Enforcement state shared across replicas lives in
 * src/gateway/state. Operator guide: docs/gateway.md.
 */
export {
  createGateway,
  type Gateway,
  type GatewayDeps,
  type AccountValuesSource,
  type DecideExtra,
  type RequestOutcome,
} from './gateway.js';
export {
  gatewayFileSchema,
  routeKinds,
  defaultRoutes,
  type GatewayFileConfig,
  type GatewayFileConfigInput,
  type GatewayRoute,
  type RouteKind,
} from './gateway-config.schema.js';
export { staticKeyDirectory, type KeyDirectory, type KeyIdentity } from './key-directory.js';
export { storeKeyDirectory } from './store-key-directory.js';
export { createGatewayRuntime, type GatewayRuntime, type GatewayRuntimeOptions } from './gateway-runtime.js';
export { loadGatewayFile, parseGatewayFile } from './gateway-file.js';
export { AccountValuesCache, probesOfEntities } from './account-values.js';
export { storeEventSink, remoteEventSink } from './event-sinks.js';
export {
  SpillingEventQueue,
  type EventSink,
  type EventQueueOptions,
  type EventQueueStats,
} from './event-queue.js';
export { buildRequestEvent, gatewayExtensionKey, type RequestRecord } from './gateway-event.js';
export { upstreamHeaders, downstreamHeaders, bearerToken } from './headers.js';
export { intelMatchFrom } from './pipeline-ports.js';
export { evasionScreenFrom } from './policy/index.js';
export { createAdminServer, type AdminServer } from './admin-server.js';
export {
  startGatewayCluster,
  announceListening,
  gatewayWorkerIndex,
  type GatewayCluster,
} from './cluster.js';
