import type {
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  Pattern,
  PathStep,
  Qualifier,
} from './ast.js';
import { PatternSyntaxError, tokenize, type Token } from './lexer.js';

/** Outcome of parsing: a pattern, or where and why it does not parse. */
export type ParseResult = { ok: true; pattern: Pattern } | { ok: false; error: { message: string; position: number } };

const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'EXISTS', 'IN', 'WITHIN', 'SECONDS',
  'REPEATS', 'TIMES', 'START', 'STOP',
]);

/**
 * A recursive-descent parser for the STIX 2.1 patterning grammar (§9, following the OASIS
 * STIXPattern.g4 grammar). Precedence, highest first (§9.5.3): `()`, `AND`, `OR`, `FOLLOWEDBY`;
 * inside brackets `AND` binds tighter than `OR` (§9.6).
 */
class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  private fail(expected: string, at: Token = this.peek()): never {
    const found = at.t === 'eof' ? 'end of pattern' : `"${this.src.slice(at.pos, at.pos + 20).split(/\s/)[0]}"`;
    throw new PatternSyntaxError(`expected ${expected} but found ${found}`, at.pos);
  }
  private isWord(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'word' && t.v === v;
  }
  private isPunct(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.t === 'punct' && t.v === v;
  }
  private expectWord(v: string): void {
    if (!this.isWord(v)) this.fail(v);
    this.next();
  }
  private expectPunct(v: string): void {
    if (!this.isPunct(v)) this.fail(`"${v}"`);
    this.next();
  }

  parsePattern(): ObservationExpression {
    const root = this.observationExpressions();
    if (this.peek().t !== 'eof') this.fail('an observation operator (AND, OR, FOLLOWEDBY), a qualifier or end of pattern');
    return root;
  }

  private observationExpressions(): ObservationExpression {
    return this.leftAssoc('FOLLOWEDBY', 'followedby', () => this.observationOr());
  }
  private observationOr(): ObservationExpression {
    return this.leftAssoc('OR', 'obs-or', () => this.observationAnd());
  }
  private observationAnd(): ObservationExpression {
    return this.leftAssoc('AND', 'obs-and', () => this.qualifiedObservation());
  }
  private leftAssoc(
    word: string,
    kind: 'followedby' | 'obs-or' | 'obs-and',
    operand: () => ObservationExpression,
  ): ObservationExpression {
    const items = [operand()];
    while (this.isWord(word)) {
      this.next();
      items.push(operand());
    }
    return items.length === 1 ? (items[0] as ObservationExpression) : { kind, items };
  }

  private qualifiedObservation(): ObservationExpression {
    let expr: ObservationExpression;
    if (this.isPunct('[')) {
      this.next();
      const inner = this.comparisonOr();
      this.expectPunct(']');
      expr = { kind: 'observation', expr: inner };
    } else if (this.isPunct('(')) {
      this.next();
      expr = this.observationExpressions();
      this.expectPunct(')');
    } else {
      this.fail('"[" or "(" to start an observation expression');
    }
    const seen = new Set<string>();
    for (;;) {
      const q = this.qualifier();
      if (!q) break;
      // §9.5.1: an observation expression MUST NOT have more than one qualifier of a type.
      if (seen.has(q.kind)) throw new PatternSyntaxError(`more than one ${q.kind.toUpperCase()} qualifier on one expression`, this.peek().pos);
      seen.add(q.kind);
      expr = { kind: 'qualified', expr, qualifier: q };
    }
    return expr;
  }

  private qualifier(): Qualifier | null {
    if (this.isWord('WITHIN')) {
      this.next();
      const n = this.next();
      if (n.t !== 'literal' || (n.v.kind !== 'int' && n.v.kind !== 'float') || n.v.value <= 0) this.fail('a positive number of seconds', n);
      this.expectWord('SECONDS');
      return { kind: 'within', seconds: n.v.value };
    }
    if (this.isWord('REPEATS')) {
      this.next();
      const n = this.next();
      if (n.t !== 'literal' || n.v.kind !== 'int' || n.v.value <= 0) this.fail('a positive integer', n);
      this.expectWord('TIMES');
      return { kind: 'repeats', times: n.v.value };
    }
    if (this.isWord('START')) {
      this.next();
      const a = this.next();
      if (a.t !== 'literal' || a.v.kind !== 'timestamp') this.fail("a timestamp constant t'…'", a);
      this.expectWord('STOP');
      const b = this.next();
      if (b.t !== 'literal' || b.v.kind !== 'timestamp') this.fail("a timestamp constant t'…'", b);
      return { kind: 'startstop', startMs: a.v.ms, stopMs: b.v.ms, start: a.v.value, stop: b.v.value };
    }
    return null;
  }

  private comparisonOr(): ComparisonExpression {
    const items = [this.comparisonAnd()];
    while (this.isWord('OR')) {
      this.next();
      items.push(this.comparisonAnd());
    }
    return items.length === 1 ? (items[0] as ComparisonExpression) : { kind: 'or', items };
  }
  private comparisonAnd(): ComparisonExpression {
    const items = [this.propTest()];
    while (this.isWord('AND')) {
      this.next();
      items.push(this.propTest());
    }
    return items.length === 1 ? (items[0] as ComparisonExpression) : { kind: 'and', items };
  }

  private propTest(): ComparisonExpression {
    if (this.isPunct('(')) {
      this.next();
      const e = this.comparisonOr();
      this.expectPunct(')');
      return e;
    }
    if (this.isWord('EXISTS')) {
      this.next();
      return { kind: 'exists', path: this.objectPath(), negated: false };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isWord('NOT')) {
      this.next();
      negated = true;
    }
    const t = this.next();
    if (t.t === 'op') return { kind: 'compare', path, op: t.v, negated, value: this.literal() };
    if (t.t === 'word') {
      switch (t.v) {
        case 'IN':
          return { kind: 'in', path, negated, values: this.setLiteral() };
        case 'LIKE':
        case 'MATCHES':
        case 'ISSUBSET':
        case 'ISSUPERSET': {
          const s = this.next();
          if (s.t !== 'quoted') this.fail(`a string constant after ${t.v}`, s);
          return { kind: 'compare', path, op: t.v as ComparisonOperator, negated, value: { kind: 'string', value: s.v } };
        }
      }
    }
    return this.fail('a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)', t);
  }

  private literal(): Literal {
    const t = this.next();
    if (t.t === 'quoted') return { kind: 'string', value: t.v };
    if (t.t === 'literal') return t.v;
    return this.fail('a constant', t);
  }

  private setLiteral(): Literal[] {
    this.expectPunct('(');
    const values = [this.literal()];
    while (this.isPunct(',')) {
      this.next();
      values.push(this.literal());
    }
    this.expectPunct(')');
    // §9.6.1 IN: the set values MUST be constants of homogeneous data type.
    const kinds = new Set(values.map((v) => (v.kind === 'float' ? 'int' : v.kind)));
    if (kinds.size > 1) throw new PatternSyntaxError('IN set mixes constants of different types', this.peek().pos);
    return values;
  }

  private objectPath(): ObjectPath {
    const typeTok = this.next();
    if (typeTok.t !== 'word' || KEYWORDS.has(typeTok.v)) this.fail('an object type such as ipv4-addr', typeTok);
    if (!/^[a-z][a-z0-9-]*$/.test(typeTok.v)) throw new PatternSyntaxError(`invalid object type "${typeTok.v}"`, typeTok.pos);
    this.expectPunct(':');
    const steps: PathStep[] = [this.propertyName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        steps.push(this.propertyName());
      } else if (this.isPunct('[') && this.isIndexAhead()) {
        this.next();
        const t = this.next();
        if (t.t === 'punct' && t.v === '*') steps.push({ kind: 'index', index: '*' });
        else if (t.t === 'literal' && t.v.kind === 'int') steps.push({ kind: 'index', index: t.v.value });
        else this.fail('a list index or *', t);
        this.expectPunct(']');
      } else break;
    }
    const text = steps
      .map((s, n) => (s.kind === 'index' ? `[${s.index}]` : `${n === 0 ? '' : '.'}${/^[A-Za-z0-9_]+$/.test(s.name) ? s.name : `'${s.name}'`}`))
      .join('');
    return { objectType: typeTok.v, steps, text };
  }

  private isIndexAhead(): boolean {
    const a = this.peek(1);
    const b = this.peek(2);
    return ((a.t === 'punct' && a.v === '*') || (a.t === 'literal' && a.v.kind === 'int')) && b.t === 'punct' && b.v === ']';
  }

  private propertyName(): PathStep {
    const t = this.next();
    if (t.t === 'word' && !t.v.includes('-')) return { kind: 'prop', name: t.v };
    if (t.t === 'quoted') return { kind: 'prop', name: t.v };
    return this.fail("a property name (quote names holding '-' or '.')", t);
  }
}

/**
 * Parses a STIX 2.1 pattern. A pattern that does not parse is a value, not a throw: the caller
 * turns it into INDICATOR_PATTERN_INVALID naming the indicator, the position and the expectation.
 * @example parsePattern("[ipv4-addr:value ISSUBSET '198.51.100.0/24']")
 */
export function parsePattern(source: string): ParseResult {
  try {
    const tokens = tokenize(source);
    const root = new Parser(tokens, source).parsePattern();
    return { ok: true, pattern: { source, root } };
  } catch (err) {
    if (err instanceof PatternSyntaxError) return { ok: false, error: { message: err.message, position: err.position } };
    throw err;
  }
}
