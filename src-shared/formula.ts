// lme4-style model formulas: `y ~ a*b + c + (1 + a | g)`, `(a || g)`, `(0 + a | g)`; parse to a Formula, print back.
// Terms are ordered and named as R's terms() does, so results carry lme4's coefficient names (DESIGN.md, "names").

/** The variables of one term: `[a]` for a main effect, `[a, b]` for the interaction a:b, in R's order. */
export type Term = string[];

/** The random part `(intercept + slopes | group)`; `||` makes the covariance diagonal. */
export interface RandomTerm {
  intercept: boolean;
  slopes: Term[];
  group: string;
  diagonal: boolean;
}

export interface Formula {
  response: string;
  fixedIntercept: boolean;
  fixed: Term[];
  /** Only one grouping factor is supported; null for a formula without random part (a plain learner). */
  random: RandomTerm | null;
}

/** A formula the app cannot read; `position` is the 0-based character where the problem is. */
export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

const reservedWords = new Set([
  'if',
  'else',
  'repeat',
  'while',
  'function',
  'for',
  'next',
  'break',
  'in',
  'TRUE',
  'FALSE',
  'NULL',
  'Inf',
  'NaN',
  'NA',
  'NA_integer_',
  'NA_real_',
  'NA_character_',
  'NA_complex_',
]);

const syntacticName = /^(?:[\p{L}]|\.(?![0-9]))[\p{L}\p{N}._]*$/u;

/** A column name as R writes it in a formula and in coefficient names: backquoted unless syntactic. */
export function quoteName(name: string): string {
  return syntacticName.test(name) && !reservedWords.has(name) && name !== '.' ? name : '`' + name + '`';
}

/** The term as R labels it: `a`, `a:b`, `` `my var`:b ``. */
export function termLabel(term: Term): string {
  return term.map(quoteName).join(':');
}

/** The random term of a mixed-model formula; the error says how to add one. */
export function requireRandomTerm(f: Formula): RandomTerm {
  if (!f.random) {
    throw new FormulaError(
      'The formula has no random part: add the clusters as (1 | cluster), or (1 + x | cluster) for a random slope of x.',
      printFormula(f).length,
    );
  }
  return f.random;
}

/** Every column the formula uses, once each: response, fixed predictors, random slopes, grouping factor. */
export function formulaVariables(f: Formula): string[] {
  const names = [f.response, ...f.fixed.flat()];
  if (f.random) names.push(...f.random.slopes.flat(), f.random.group);
  return [...new Set(names)];
}

/** Canonical lme4 text: `y ~ a + b + a:b + (1 + a | g)` is printed `y ~ a + b + a:b + (a | g)`. */
export function printFormula(f: Formula): string {
  const parts: string[] = [];
  if (!f.fixedIntercept) parts.push('0');
  else if (f.fixed.length === 0) parts.push('1');
  parts.push(...f.fixed.map(termLabel));
  if (f.random) {
    const r = f.random;
    const slopes = r.slopes.map(termLabel);
    const lhs = r.intercept ? (slopes.length ? slopes : ['1']) : ['0', ...slopes];
    parts.push(`(${lhs.join(' + ')} ${r.diagonal ? '||' : '|'} ${quoteName(r.group)})`);
  }
  return `${quoteName(f.response)} ~ ${parts.join(' + ')}`;
}

// ---- tokens ----

type TokenKind = 'name' | 'number' | '~' | '+' | '-' | '*' | ':' | '|' | '||' | '(' | ')' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const unsupportedOperators: Record<string, string> = {
  '^': 'the ^ operator is not supported: write the interactions out, for example a*b or a + b + a:b',
  '/': 'nesting with / is not supported yet: write the terms out, for example a + a:b',
  '.': 'the dot (all other columns) is not supported: list the predictors by name',
  $: 'the $ operator is not supported: use the column name alone',
};

const numberPattern = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const namePattern = /[\p{L}.][\p{L}\p{N}._]*/uy;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new FormulaError('A name that starts with a backquote ` must end with one too.', start);
      if (end === i + 1) throw new FormulaError('Empty backquotes `` are not a column name.', start);
      tokens.push({ kind: 'name', text: text.slice(i + 1, end), pos: start });
      i = end + 1;
      continue;
    }
    numberPattern.lastIndex = i;
    const number = numberPattern.exec(text);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], pos: start });
      i += number[0].length;
      continue;
    }
    namePattern.lastIndex = i;
    const name = namePattern.exec(text);
    if (name && name[0] !== '.') {
      if (reservedWords.has(name[0])) {
        throw new FormulaError(
          `${name[0]} is a reserved word in R: if it is a column name, write it as \`${name[0]}\`.`,
          start,
        );
      }
      tokens.push({ kind: 'name', text: name[0], pos: start });
      i += name[0].length;
      continue;
    }
    if (c === '%') {
      const end = text.indexOf('%', i + 1);
      const op = end < 0 ? '%' : text.slice(i, end + 1);
      throw new FormulaError(`The ${op} operator is not supported: write the terms out, for example a + a:b.`, start);
    }
    if (c === '|' && text[i + 1] === '|') {
      tokens.push({ kind: '||', text: '||', pos: start });
      i += 2;
      continue;
    }
    if ('~+-*:|()'.includes(c)) {
      tokens.push({ kind: c as TokenKind, text: c, pos: start });
      i++;
      continue;
    }
    const before = tokens[tokens.length - 2]?.kind;
    if (c === '/' && (before === '|' || before === '||')) {
      throw new FormulaError(
        'Nested cluster variables (a/b) are not supported yet: only one grouping factor is supported.',
        start,
      );
    }
    const why = unsupportedOperators[c];
    if (why) throw new FormulaError(`Unexpected "${c}": ${why}.`, start);
    throw new FormulaError(
      `Unexpected character "${c}": if it is part of a column name, write the name in backquotes, like \`my column\`.`,
      start,
    );
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

function checkParentheses(tokens: Token[]): void {
  const open: number[] = [];
  for (const t of tokens) {
    if (t.kind === '(') open.push(t.pos);
    if (t.kind === ')' && open.pop() === undefined) {
      throw new FormulaError('There is a ) without a matching (.', t.pos);
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) throw new FormulaError('A ( is never closed: add the matching ).', unclosed);
}

// ---- syntax tree ----

type Node =
  | { kind: 'var'; name: string; pos: number }
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'bar'; lhs: Node; group: string; diagonal: boolean; pos: number }
  | { kind: 'negate'; operand: Node; pos: number }
  | { kind: '+' | '-' | '*' | ':'; left: Node; right: Node; pos: number };

class Parser {
  private k = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.k]!;
  }

  next(): Token {
    return this.tokens[this.k++]!;
  }

  /** sum := ['-' | '+'] product (('+' | '-') product)* */
  sum(inBar: boolean): Node {
    let node: Node;
    const sign = this.peek();
    if (sign.kind === '-' || sign.kind === '+') {
      this.next();
      const operand = this.product(inBar);
      node = sign.kind === '-' ? { kind: 'negate', operand, pos: sign.pos } : operand;
    } else {
      node = this.product(inBar);
    }
    for (let t = this.peek(); t.kind === '+' || t.kind === '-'; t = this.peek()) {
      this.next();
      node = { kind: t.kind, left: node, right: this.product(inBar), pos: t.pos };
    }
    return node;
  }

  /** product := interaction ('*' interaction)*; ':' binds tighter than '*', as in R. */
  product(inBar: boolean): Node {
    let node = this.interaction(inBar);
    for (let t = this.peek(); t.kind === '*'; t = this.peek()) {
      this.next();
      node = { kind: '*', left: node, right: this.interaction(inBar), pos: t.pos };
    }
    return node;
  }

  interaction(inBar: boolean): Node {
    let node = this.atom(inBar);
    for (let t = this.peek(); t.kind === ':'; t = this.peek()) {
      this.next();
      node = { kind: ':', left: node, right: this.atom(inBar), pos: t.pos };
    }
    return node;
  }

  atom(inBar: boolean): Node {
    const t = this.next();
    if (t.kind === 'name') {
      if (this.peek().kind === '(') {
        throw new FormulaError(
          `${t.text}(…): functions cannot be used in a formula; create a derived column (for example ${t.text}_x) in the data and use its name.`,
          t.pos,
        );
      }
      return { kind: 'var', name: t.text, pos: t.pos };
    }
    if (t.kind === 'number') return { kind: 'number', text: t.text, pos: t.pos };
    if (t.kind === '(') {
      if (inBar) throw new FormulaError('Parentheses cannot be used inside a random term (… | cluster).', t.pos);
      return this.bar(t.pos);
    }
    if (t.kind === 'end') {
      throw new FormulaError('The formula ends too early: a column name, 1 or 0 is missing at the end.', t.pos);
    }
    if (t.kind === '|' || t.kind === '||') {
      throw new FormulaError(`A ${t.text} belongs inside a random term in parentheses: (1 + x | cluster).`, t.pos);
    }
    throw new FormulaError(`Expected a column name, 1 or 0 but found "${t.text}".`, t.pos);
  }

  /** bar := '(' sum ('|' | '||') name ')', the '(' already read. */
  bar(open: number): Node {
    const lhs = this.sum(true);
    const t = this.next();
    if (t.kind === ')') {
      throw new FormulaError(
        'Parentheses are only used for the random part, which needs | and a cluster column: (1 + x | cluster).',
        open,
      );
    }
    if (t.kind !== '|' && t.kind !== '||') {
      throw new FormulaError(`Expected | and the cluster column in this random term, but found "${t.text}".`, t.pos);
    }
    const g = this.next();
    if (g.kind !== 'name') {
      throw new FormulaError(`After ${t.text} comes the name of the cluster column: (1 + x | cluster).`, g.pos);
    }
    const close = this.next();
    if (close.kind === ':' || close.kind === '+' || close.kind === '*') {
      throw new FormulaError(
        `Crossed or nested cluster variables (${g.text}${close.text}…) are not supported yet: only one grouping factor is supported.`,
        close.pos,
      );
    }
    if (close.kind === '(') {
      throw new FormulaError(
        `${g.text}(…): functions cannot be used in a formula; create a derived column in the data and use its name.`,
        g.pos,
      );
    }
    if (close.kind !== ')') {
      throw new FormulaError(`Expected ) after the cluster column ${g.text}.`, close.pos);
    }
    return { kind: 'bar', lhs, group: g.text, diagonal: t.kind === '||', pos: open };
  }
}

// ---- terms, as R's terms.formula encodes them ----

/** Terms in order of creation (duplicates removed) and the intercept when the expression sets it. */
interface TermSet {
  terms: Term[];
  intercept?: boolean;
}

const termKey = (t: Term) => [...t].sort().join('\u0000');

function addTerms(a: Term[], b: Term[]): Term[] {
  const seen = new Set(a.map(termKey));
  const out = [...a];
  for (const t of b) {
    const key = termKey(t);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

function interact(left: TermSet, right: TermSet, node: Node): Term[] {
  if (left.intercept !== undefined || right.intercept !== undefined) {
    throw new FormulaError('1 and 0 (the intercept) cannot be part of an interaction with * or :.', node.pos);
  }
  const out: Term[] = [];
  for (const l of left.terms) for (const r of right.terms) out.push([...l, ...r.filter((v) => !l.includes(v))]);
  return addTerms([], out);
}

function evaluate(node: Node): TermSet {
  switch (node.kind) {
    case 'var':
      return { terms: [[node.name]] };
    case 'number':
      if (node.text !== '0' && node.text !== '1') {
        throw new FormulaError(`The number ${node.text} cannot be a term: only 1 and 0 (intercept or none).`, node.pos);
      }
      return { terms: [], intercept: node.text === '1' };
    case 'bar':
      throw new FormulaError(
        'A random term (… | cluster) must be added with +, not combined with -, * or :.',
        node.pos,
      );
    case 'negate':
      return subtract({ terms: [] }, evaluate(node.operand));
    case '+': {
      const l = evaluate(node.left);
      const r = evaluate(node.right);
      return { terms: addTerms(l.terms, r.terms), intercept: r.intercept ?? l.intercept };
    }
    case '-':
      return subtract(evaluate(node.left), evaluate(node.right));
    case ':': {
      const l = evaluate(node.left);
      const r = evaluate(node.right);
      return { terms: interact(l, r, node) };
    }
    case '*': {
      const l = evaluate(node.left);
      const r = evaluate(node.right);
      return { terms: addTerms(addTerms(l.terms, r.terms), interact(l, r, node)) };
    }
  }
}

/** `- 1` removes the intercept and `- 0` restores it, as in R. */
function subtract(l: TermSet, r: TermSet): TermSet {
  const removed = new Set(r.terms.map(termKey));
  const intercept = r.intercept === undefined ? l.intercept : !r.intercept;
  return { terms: l.terms.filter((t) => !removed.has(termKey(t))), intercept };
}

function variablesInTextOrder(node: Node, out: string[]): string[] {
  if (node.kind === 'var' && !out.includes(node.name)) out.push(node.name);
  if (node.kind === 'negate') variablesInTextOrder(node.operand, out);
  if ('left' in node) {
    variablesInTextOrder(node.left, out);
    variablesInTextOrder(node.right, out);
  }
  return out;
}

/**
 * R's terms(): terms sorted by interaction order, stable within an order. R names an interaction by the order in
 * which its variables first appear in the text; we take that order from the sorted terms instead, which is the
 * same whenever main effects come before their interactions and makes the printed formula give the same names.
 */
function canonicalTerms(node: Node, terms: Term[]): Term[] {
  const textOrder = variablesInTextOrder(node, []);
  const sorted = terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length || a.i - b.i);
  const rank = new Map<string, number>();
  for (const { t } of sorted) {
    const fresh = t.filter((v) => !rank.has(v)).sort((a, b) => textOrder.indexOf(a) - textOrder.indexOf(b));
    for (const v of fresh) rank.set(v, rank.size);
  }
  return sorted.map(({ t }) => [...t].sort((a, b) => rank.get(a)! - rank.get(b)!));
}

function summands(node: Node, sign: '+' | '-', out: { node: Node; sign: '+' | '-' }[]) {
  if (node.kind === '+' || node.kind === '-') {
    summands(node.left, sign, out);
    summands(node.right, node.kind === '-' ? (sign === '+' ? '-' : '+') : sign, out);
  } else {
    out.push({ node, sign });
  }
  return out;
}

function randomTerm(bar: Extract<Node, { kind: 'bar' }>): RandomTerm {
  const lhs = evaluate(bar.lhs);
  const r: RandomTerm = {
    intercept: lhs.intercept ?? true,
    slopes: canonicalTerms(bar.lhs, lhs.terms),
    group: bar.group,
    diagonal: bar.diagonal,
  };
  if (!r.intercept && r.slopes.length === 0) {
    throw new FormulaError('This random term has neither an intercept nor a slope: write (1 | cluster).', bar.pos);
  }
  if (r.slopes.some((t) => t.includes(r.group))) {
    throw new FormulaError(`The cluster column ${r.group} cannot also have a random slope.`, bar.pos);
  }
  return r;
}

/** Reads an lme4-style formula; throws FormulaError with a plain-language message and the character position. */
export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  checkParentheses(tokens);
  const tildes = tokens.filter((t) => t.kind === '~');
  if (tildes.length === 0) {
    throw new FormulaError(
      'A formula needs ~ between the outcome and the predictors, for example y ~ x + (1 | cluster).',
      text.length,
    );
  }
  if (tildes.length > 1) throw new FormulaError('A formula has only one ~.', tildes[1]!.pos);
  const tilde = tokens.indexOf(tildes[0]!);
  if (tilde === 0) throw new FormulaError('The outcome (the column left of ~) is missing.', tildes[0]!.pos);
  const response = tokens[0]!;
  if (response.kind !== 'name') {
    throw new FormulaError('The outcome left of ~ must be a column name.', response.pos);
  }
  if (tilde > 1) {
    const extra = tokens[1]!;
    const why =
      extra.kind === '('
        ? `${response.text}(…): functions cannot be used in a formula; create a derived column in the data and use its name.`
        : 'The outcome left of ~ must be a single column.';
    throw new FormulaError(why, extra.kind === '(' ? response.pos : extra.pos);
  }
  if (tokens[tilde + 1]!.kind === 'end') {
    throw new FormulaError('Nothing follows ~: give the predictors, or 1 for an intercept only.', text.length);
  }

  const parser = new Parser(tokens.slice(tilde + 1));
  const rhs = parser.sum(false);
  const rest = parser.peek();
  if (rest.kind === '|' || rest.kind === '||') {
    throw new FormulaError(`A ${rest.text} belongs inside a random term in parentheses: (1 + x | cluster).`, rest.pos);
  }
  if (rest.kind !== 'end') {
    const why =
      rest.kind === 'name' || rest.kind === 'number' || rest.kind === '('
        ? `a + (or another operator) is missing before "${rest.text}"`
        : `"${rest.text}" is not expected here`;
    throw new FormulaError(`The formula cannot be read at this point: ${why}.`, rest.pos);
  }

  const bars: Extract<Node, { kind: 'bar' }>[] = [];
  let fixedNode: Node | undefined;
  for (const { node, sign } of summands(rhs, '+', [])) {
    if (node.kind === 'bar') {
      if (sign === '-') throw new FormulaError('A random term cannot be subtracted.', node.pos);
      bars.push(node);
      continue;
    }
    if (fixedNode) fixedNode = { kind: sign, left: fixedNode, right: node, pos: node.pos };
    else fixedNode = sign === '-' ? { kind: 'negate', operand: node, pos: node.pos } : node;
  }
  if (bars.length > 1) {
    const second = bars[1]!;
    const why =
      second.group === bars[0]!.group
        ? `write one random term for ${second.group}, for example (1 + x | ${second.group})`
        : 'only one grouping factor is supported yet';
    throw new FormulaError(`Only one random term (… | cluster) is allowed: ${why}.`, second.pos);
  }
  const fixed = fixedNode ? evaluate(fixedNode) : { terms: [] };
  const f: Formula = {
    response: response.text,
    fixedIntercept: fixed.intercept ?? true,
    fixed: fixedNode ? canonicalTerms(fixedNode, fixed.terms) : [],
    random: bars[0] ? randomTerm(bars[0]) : null,
  };
  if (f.fixed.some((t) => t.includes(f.response)) || f.random?.slopes.some((t) => t.includes(f.response))) {
    throw new FormulaError(`The outcome ${f.response} cannot also be a predictor.`, tildes[0]!.pos);
  }
  if (f.random?.group === f.response) {
    throw new FormulaError(`The outcome ${f.response} cannot also be the cluster column.`, bars[0]!.pos);
  }
  return f;
}
