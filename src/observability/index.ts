export { createLogger, type Logger } from './logger.js';
export { createMetrics, type Metrics } from './metrics.js';
export {
  createGatewayMetrics,
  createGatewayRegistry,
  type GatewayMetrics,
  type GatewayQueueReadings,
} from './gateway-metrics.js';
