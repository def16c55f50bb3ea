// "Show as code" text, case by case. That the R runs and gives lme4's numbers, and that the command runs and gives
// the same fit, is tested with R and the CLI in src-main/cli/showAsCode.test.ts.
import { describe, expect, it } from 'vitest';
import { cliCommand, lme4Call, shellQuote } from './code.ts';
import { ModelSpecSchema } from './spec.ts';

const spec = (fields: Record<string, unknown>) =>
  ModelSpecSchema.parse({
    formula: 'Reaction ~ Days + (Days | Subject)',
    learner: 'lme',
    estimator: 'reml',
    ...fields,
  });

describe('shellQuote', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellQuote('data/sleep_study-2.csv')).toBe('data/sleep_study-2.csv');
    expect(shellQuote('5,2')).toBe('5,2');
    expect(shellQuote('y ~ x + (1 | g)')).toBe("'y ~ x + (1 | g)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$HOME `x` "y"')).toBe('\'$HOME `x` "y"\'');
    expect(shellQuote('')).toBe("''");
  });
});

describe('lme4Call', () => {
  it('fits the LME by REML or ML as the estimator says', () => {
    const code = lme4Call(spec({}), 'sleepstudy.csv');
    expect(code).toContain('library(lme4)');
    expect(code).toContain('dat <- read.csv("sleepstudy.csv", na.strings = c("", "NA"))');
    expect(code).toContain('fit <- lmer(Reaction ~ Days + (Days | Subject), data = dat, REML = TRUE)');
    expect(code).toContain('summary(fit)');
    expect(lme4Call(spec({ estimator: 'ml' }), 'a.csv')).toContain('REML = FALSE');
    expect(lme4Call(spec({ learner: 'svr', estimator: 'oob' }), 'a.csv')).toMatch(/^# The classic LME[^\n]*svr/);
  });

  it('writes a diagonal covariance as ||', () => {
    expect(lme4Call(spec({ covariance: 'diagonal' }), 'a.csv')).toContain('(Days || Subject)');
  });

  it('reads each file type with the R function for it', () => {
    expect(lme4Call(spec({}), 'x.sav')).toContain('haven::zap_labels(haven::read_sav("x.sav"))');
    expect(lme4Call(spec({}), 'x.DTA')).toContain('haven::read_dta("x.DTA")');
    expect(lme4Call(spec({}), 'x.xlsx', { sheet: 'wave 2' })).toContain(
      'readxl::read_excel("x.xlsx", sheet = "wave 2")',
    );
    expect(lme4Call(spec({}), 'x.tsv')).toContain('read.delim("x.tsv"');
    expect(lme4Call(spec({}), 'x.dat')).toContain('read.table("x.dat", header = TRUE)');
  });

  it('escapes the file name as an R string', () => {
    expect(lme4Call(spec({}), 'C:\\data\\"a".csv')).toContain('read.csv("C:\\\\data\\\\\\"a\\".csv"');
  });

  it('makes derived columns before the fit, names that are not syntactic with [[ ]]', () => {
    const code = lme4Call(spec({ formula: 'Reaction ~ `days c` + (1 | Subject)' }), 'a.csv', {
      derived: [
        { kind: 'centerGrand', name: 'days c', source: 'Days' },
        { kind: 'product', name: 'dd', sources: ['Days', 'days c'] },
      ],
    });
    const lines = code.split('\n');
    const made = lines.indexOf('dat[["days c"]] <- dat$Days - mean(dat$Days, na.rm = TRUE)');
    expect(made).toBeGreaterThan(0);
    expect(lines[made + 1]).toBe('dat$dd <- dat$Days * dat[["days c"]]');
    expect(lines.findIndex((l) => l.startsWith('fit <- lmer(Reaction ~ `days c`'))).toBeGreaterThan(made);
    expect(code).not.toContain('cluster_mean');
  });

  it('falls back to lm() for a formula without random part', () => {
    expect(lme4Call(spec({ formula: 'Reaction ~ Days', learner: 'linear' }), 'a.csv')).toContain(
      'fit <- lm(Reaction ~ Days, data = dat)',
    );
  });
});

describe('cliCommand', () => {
  it('gives the fit command with the learner options as flags', () => {
    const command = cliCommand(
      spec({ learner: 'mlp', tol: 1e-6, learnerOptions: { hidden: [8, 4], learningRate: 0.001, maxDepth: null } }),
      'my data.csv',
    );
    expect(command).toBe(
      "mixedml fit --data 'my data.csv' \\\n" +
        "  --formula 'Reaction ~ Days + (Days | Subject)' \\\n" +
        '  --learner mlp --estimator reml \\\n' +
        '  --tol 0.000001 --max-iter 500 --seed 1 --hidden 8,4 --lr 0.001',
    );
  });

  it("leaves --tol out where the spec keeps the learner's default tolerance", () => {
    expect(cliCommand(spec({ learner: 'mlp' }), 'a.csv')).not.toContain('--tol');
  });

  it('leaves the EM options out of an LME fit', () => {
    expect(cliCommand(spec({}), 'a.csv')).not.toMatch(/--tol|--seed|--max-iter/);
  });

  it('says what the command line cannot express', () => {
    const command = cliCommand(
      spec({ formula: 'Reaction ~ Days_c + (1 | Subject)', learner: 'forest', learnerOptions: { bootstrap: false } }),
      'a.csv',
      { derived: [{ kind: 'centerGrand', name: 'Days_c', source: 'Days' }] },
    );
    expect(command).toMatch(/^# .*bootstrap = false/m);
    expect(command).toMatch(/^# .*derived columns Days_c as a\.csv/m);
    expect(command.split('\n').at(-1)).not.toMatch(/^#/);
  });

  it('gives the cv command with the folds, grouping and compared models', () => {
    const command = cliCommand(spec({}), 'a.csv', { cv: { folds: 5, grouped: true, seed: 7, compare: ['lme'] } });
    expect(command).toMatch(/^mixedml cv --data a\.csv/);
    expect(command).toContain('--seed 7');
    expect(command).toContain('--folds 5 --grouped --compare lme');
  });
});
