export type * from './ast.js';
export { comparisonsOf, observationsOf } from './ast.js';
export { parsePattern, type ParseResult } from './parser.js';
export {
  evaluatePattern,
  evaluateObservation,
  evaluateOnObject,
  type Observation,
  type ObservedObject,
} from './evaluate.js';
export { analysePattern, analyseIndicatorPattern, isObservedPath, type PatternSupport, type UnsupportedReason } from './support.js';
export { canonicalValue } from './canonical.js';
