// The model builder's edits as pure functions on a Formula (src-shared/formula.ts): the checkboxes change the Formula,
// printFormula shows it, parseFormula reads typed text back. Main effects are kept before interactions, in the order
// the user added them, which is the order R's terms() gives and so the order of lme4's coefficient names.
import type { Formula, RandomTerm, Term } from '../../src-shared/formula.ts';

export const emptyFormula: Formula = { response: '', fixedIntercept: true, fixed: [], random: null };

const sameTerm = (a: Term, b: Term) => a.length === b.length && a.every((v) => b.includes(v));
const mentions = (name: string) => (t: Term) => t.includes(name);

export function hasTerm(terms: Term[], term: Term): boolean {
  return terms.some((t) => sameTerm(t, term));
}

/** Main effects: the predictors ticked in the list. */
export function mainEffects(f: Formula): string[] {
  return f.fixed.filter((t) => t.length === 1).map((t) => t[0]!);
}

export function interactions(f: Formula): Term[] {
  return f.fixed.filter((t) => t.length > 1);
}

/** A variable can have one role: choosing it as the outcome takes it out of the predictors, slopes and cluster. */
export function withOutcome(f: Formula, name: string): Formula {
  const cleared = removeVariable(f, name);
  return { ...cleared, response: name, random: cleared.random?.group === name ? null : cleared.random };
}

export function withPredictor(f: Formula, name: string, on: boolean): Formula {
  if (!on) return removeVariable(f, name);
  if (hasTerm(f.fixed, [name])) return f;
  const base = f.response === name ? { ...f, response: '' } : f;
  const withoutGroup = base.random?.group === name ? { ...base, random: null } : base;
  const mains = withoutGroup.fixed.filter((t) => t.length === 1);
  return { ...withoutGroup, fixed: [...mains, [name], ...interactions(withoutGroup)] };
}

/** Unticking a predictor also removes its interactions and its random slope. */
function removeVariable(f: Formula, name: string): Formula {
  const random = f.random && { ...f.random, slopes: f.random.slopes.filter((t) => !mentions(name)(t)) };
  return { ...f, fixed: f.fixed.filter((t) => !mentions(name)(t)), random };
}

export function withCluster(f: Formula, group: string | null): Formula {
  if (!group) return { ...f, random: null };
  const cleared = removeVariable(f, group);
  const random: RandomTerm = cleared.random
    ? { ...cleared.random, group }
    : { intercept: true, slopes: [], group, diagonal: false };
  return { ...cleared, response: cleared.response === group ? '' : cleared.response, random };
}

export function withRandomIntercept(f: Formula, on: boolean): Formula {
  return f.random ? { ...f, random: { ...f.random, intercept: on } } : f;
}

export function withDiagonal(f: Formula, diagonal: boolean): Formula {
  return f.random ? { ...f, random: { ...f.random, diagonal } } : f;
}

/** A random slope needs its fixed effect: ticking the slope of an unticked predictor ticks the predictor too. */
export function withSlope(f: Formula, term: Term, on: boolean): Formula {
  if (!f.random) return f;
  const slopes = f.random.slopes.filter((t) => !sameTerm(t, term));
  if (!on) return { ...f, random: { ...f.random, slopes } };
  const ticked = hasTerm(f.fixed, term) ? f : term.length === 1 ? withPredictor(f, term[0]!, true) : withTerm(f, term);
  return { ...ticked, random: { ...f.random, slopes: [...slopes, term] } };
}

export function withTerm(f: Formula, term: Term): Formula {
  if (term.length < 1 || hasTerm(f.fixed, term)) return f;
  return { ...f, fixed: [...f.fixed, term] };
}

export function withoutTerm(f: Formula, term: Term): Formula {
  const random = f.random && { ...f.random, slopes: f.random.slopes.filter((t) => !sameTerm(t, term)) };
  return { ...f, fixed: f.fixed.filter((t) => !sameTerm(t, term)), random };
}

export function hasSlope(f: Formula, term: Term): boolean {
  return !!f.random && hasTerm(f.random.slopes, term);
}
