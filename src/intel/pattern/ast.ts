/**
 * The abstract syntax of the STIX 2.1 patterning language (STIX 2.1 §9). Produced by
 * `parsePattern`, consumed by the reference evaluator, the support analysis and the matcher
 * compiler.
 */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'timestamp'; value: string; ms: number }
  | { kind: 'hex'; value: string; bytes: Uint8Array }
  | { kind: 'binary'; value: string; bytes: Uint8Array };

/** One step of an object path (§9.7): a property (or dictionary key), or a list index / `*`. */
export type PathStep = { kind: 'prop'; name: string } | { kind: 'index'; index: number | '*' };

export interface ObjectPath {
  objectType: string;
  steps: PathStep[];
  /** The path as written after the colon, normalised, e.g. `hashes.'SHA-256'`. */
  text: string;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

/** §9.6: a single comparison; `negated` is the `NOT` modifier. */
export type Comparison =
  | { kind: 'compare'; path: ObjectPath; op: ComparisonOperator; negated: boolean; value: Literal }
  | { kind: 'in'; path: ObjectPath; negated: boolean; values: Literal[] }
  | { kind: 'exists'; path: ObjectPath; negated: boolean };

export type ComparisonExpression = Comparison | { kind: 'and'; items: ComparisonExpression[] } | { kind: 'or'; items: ComparisonExpression[] };

/** §9.5.1 qualifiers. */
export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number }
  | { kind: 'startstop'; startMs: number; stopMs: number; start: string; stop: string };

/** §9.5: observation expressions and the operators joining them. */
export type ObservationExpression =
  | { kind: 'observation'; expr: ComparisonExpression }
  | { kind: 'obs-and'; items: ObservationExpression[] }
  | { kind: 'obs-or'; items: ObservationExpression[] }
  | { kind: 'followedby'; items: ObservationExpression[] }
  | { kind: 'qualified'; expr: ObservationExpression; qualifier: Qualifier };

export interface Pattern {
  source: string;
  root: ObservationExpression;
}

/** Visits every comparison of a comparison expression. */
export function* comparisonsOf(expr: ComparisonExpression): Generator<Comparison> {
  if (expr.kind === 'and' || expr.kind === 'or') for (const i of expr.items) yield* comparisonsOf(i);
  else yield expr;
}

/** Visits every bracketed observation expression of a pattern. */
export function* observationsOf(expr: ObservationExpression): Generator<{ kind: 'observation'; expr: ComparisonExpression }> {
  switch (expr.kind) {
    case 'observation':
      yield expr;
      return;
    case 'qualified':
      yield* observationsOf(expr.expr);
      return;
    default:
      for (const i of expr.items) yield* observationsOf(i);
  }
}
