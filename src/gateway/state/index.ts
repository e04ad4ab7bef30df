/**
 * The enforcement state every gateway replica holds: its blocklist copy, windowed counters and
 * the bus that carries bans, embedded (in process) or scale-out (Redis). See
 * docs/gateway-scale-out.md.
 */
export { createGatewayState, type GatewayState, type GatewayStateOptions } from './gateway-state.js';
export { RedisEnforcementBus, type RedisEnforcementBusOptions } from './redis-bus.js';
export { RedisWindowCounters, type RedisWindowCountersOptions } from './redis-counters.js';
export {
  decodeChangeMessage,
  encodeChangeMessage,
  maxChangeMessageBytes,
  type DecodedChange,
} from './change-message.js';
