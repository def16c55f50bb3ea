// "Show as code": the R (lme4) call of a model's LME part and the `mixedml` command line that reproduces a run, as
// text for a journal's methods section. Flag names follow src-main/cli/fit.ts and cv.ts; code.test.ts checks that
// the command parses back to the same spec, and that the R code runs and gives lme4's numbers.
import { formulaVariables, parseFormula, printFormula, quoteName, type Formula } from './formula.ts';
import type { CvOptions, DerivedColumn, ModelSpec } from './spec.ts';

export interface DataSource {
  /** Derived columns of the data set, in the order they were made (later ones may use earlier ones). */
  derived?: readonly DerivedColumn[];
  /** Excel: the sheet read. */
  sheet?: string | number;
}

/** The formula as lme4 reads it: the spec's covariance choice written as `||` (lme4's diagonal random term). */
export function lme4Formula(spec: ModelSpec): Formula {
  const formula = parseFormula(spec.formula);
  if (spec.covariance === 'diagonal' && formula.random) formula.random = { ...formula.random, diagonal: true };
  return formula;
}

/** R code that reads the data, makes the derived columns and fits the model's LME with lme4. */
export function lme4Call(spec: ModelSpec, dataName: string, source: DataSource = {}): string {
  const formula = lme4Formula(spec);
  const derived = source.derived ?? [];
  const lines: string[] = [];
  if (spec.learner !== 'lme') {
    lines.push(`# The classic LME of this model: the ${spec.learner} learner itself has no lme4 equivalent.`);
  }
  lines.push(formula.random ? 'library(lme4)' : '# No random part: a linear model.');
  lines.push(...readData(dataName, source.sheet));
  if (derived.some((d) => d.kind === 'clusterMean' || d.kind === 'centerGroup')) {
    lines.push(
      '# Cluster means over the rows where the value is present; rows without a cluster get none.',
      'cluster_mean <- function(x, g) {',
      '  m <- ave(x, g, FUN = function(v) mean(v, na.rm = TRUE))',
      '  m[is.na(g)] <- NA',
      '  m',
      '}',
    );
  }
  lines.push(...derived.map(deriveInR));
  // REML for the OOB estimator too: its LME steps are REML fits (MATH.md section 3).
  const reml = spec.estimator === 'ml' ? 'FALSE' : 'TRUE';
  lines.push(
    formula.random
      ? `fit <- lmer(${printFormula(formula)}, data = dat, REML = ${reml})`
      : `fit <- lm(${printFormula(formula)}, data = dat)`,
    'summary(fit)',
  );
  return lines.join('\n');
}

function readData(dataName: string, sheet: string | number | undefined): string[] {
  const path = rString(dataName);
  const extension = /\.([^./\\]+)$/.exec(dataName)?.[1]?.toLowerCase() ?? '';
  switch (extension) {
    case 'sav':
    case 'zsav':
      // Value labels dropped: the app models the codes, as haven's zap_labels leaves them.
      return [`dat <- as.data.frame(haven::zap_labels(haven::read_sav(${path})))`];
    case 'dta':
      return [`dat <- as.data.frame(haven::zap_labels(haven::read_dta(${path})))`];
    case 'xlsx':
    case 'xlsm': {
      const sheetArg = sheet === undefined ? '' : `, sheet = ${typeof sheet === 'number' ? sheet : rString(sheet)}`;
      return [`dat <- as.data.frame(readxl::read_excel(${path}${sheetArg}))`];
    }
    case 'tsv':
    case 'tab':
      return [`dat <- read.delim(${path}, na.strings = c("", "NA"))`];
    case 'dat':
    case 'txt':
      return [`dat <- read.table(${path}, header = TRUE)`];
    default:
      // Empty cells are missing values in the app, as they are in SPSS.
      return [`dat <- read.csv(${path}, na.strings = c("", "NA"))`];
  }
}

/** The R of one derived column, with the missing-value rules of src-main/data/deriveColumns.ts. */
function deriveInR(recipe: DerivedColumn): string {
  switch (recipe.kind) {
    case 'clusterMean':
      return `${column(recipe.name)} <- cluster_mean(${column(recipe.source)}, ${column(recipe.group)})`;
    case 'centerGrand':
      return `${column(recipe.name)} <- ${column(recipe.source)} - mean(${column(recipe.source)}, na.rm = TRUE)`;
    case 'centerGroup':
      return (
        `${column(recipe.name)} <- ${column(recipe.source)} - ` +
        `cluster_mean(${column(recipe.source)}, ${column(recipe.group)})`
      );
    case 'standardize':
      return `${column(recipe.name)} <- as.numeric(scale(${column(recipe.source)}))`;
    case 'product':
      return `${column(recipe.name)} <- ${recipe.sources.map(column).join(' * ')}`;
    case 'log':
      return `${column(recipe.name)} <- log(${column(recipe.source)})`;
    case 'dummies': {
      // Treatment coding as relevel(factor(x), ref) gives it: one 0/1 column per other level, named source + level.
      const source = column(recipe.source);
      return (
        `for (level in setdiff(levels(factor(${source})), ${rString(recipe.reference)})) ` +
        `dat[[paste0(${rString(recipe.source)}, level)]] <- as.numeric(${source} == level)`
      );
    }
  }
}

function column(name: string): string {
  return quoteName(name) === name ? `dat$${name}` : `dat[[${rString(name)}]]`;
}

/** JSON's string escapes (\" \\ \n \uXXXX) are R's too. */
function rString(text: string): string {
  return JSON.stringify(text);
}

/** CLI flags of learner options, the inverse of `learnerFlags` in src-main/cli/fit.ts. */
/** Learner options (src-shared/defaults.ts names) -> their `mixedml fit` flags; the CLI parses the same table. */
export const learnerOptionFlags: Record<string, string> = {
  hidden: 'hidden',
  learningRate: 'lr',
  batchSize: 'batch',
  patience: 'patience',
  minDelta: 'min-delta',
  maxEpochs: 'max-epochs',
  C: 'C',
  epsilon: 'epsilon',
  gamma: 'gamma',
  trees: 'trees',
  maxDepth: 'max-depth',
  maxFeatures: 'max-features',
};

export interface CliOptions extends DataSource {
  /** Cross-validation: `mixedml cv` instead of `mixedml fit`. */
  cv?: CvOptions;
}

/**
 * The `mixedml fit` (or `mixedml cv`) command that reproduces a run on the file `dataPath`, quoted for POSIX shells.
 * Lines starting with # say what the command line cannot express (derived columns, options without a flag).
 */
export function cliCommand(spec: ModelSpec, dataPath: string, options: CliOptions = {}): string {
  const notes: string[] = [];
  const args: string[][] = [[options.cv ? 'cv' : 'fit', '--data', dataPath]];
  if (options.sheet !== undefined) args[0]!.push('--sheet', String(options.sheet));
  args.push(['--formula', spec.formula]);
  const model = ['--learner', spec.learner, '--estimator', spec.estimator];
  if (spec.covariance === 'diagonal') model.push('--covariance', 'diagonal');
  args.push(model);
  if (spec.pretrained !== undefined) args.push(['--pretrained', spec.pretrained]);
  const tol = spec.tol === undefined ? [] : ['--tol', String(spec.tol)];
  const learner = spec.learner === 'lme' ? [] : [...tol, '--max-iter', String(spec.maxIter)];
  const seed = options.cv?.seed ?? spec.seed;
  if (spec.learner !== 'lme' || options.cv) learner.push('--seed', String(seed));
  const unflagged: string[] = [];
  for (const [name, value] of Object.entries(spec.learnerOptions)) {
    const flag = learnerOptionFlags[name];
    if (value === null) continue;
    if (flag === undefined || typeof value === 'boolean') unflagged.push(`${name} = ${JSON.stringify(value)}`);
    else learner.push(`--${flag}`, Array.isArray(value) ? value.join(',') : String(value));
  }
  if (learner.length > 0) args.push(learner);
  if (options.cv) {
    const cv = ['--folds', String(options.cv.folds)];
    if (options.cv.grouped) cv.push('--grouped');
    cv.push('--compare', options.cv.compare.join(','));
    args.push(cv);
    if (options.cv.seed !== spec.seed && spec.learner !== 'lme') {
      notes.push(
        `The command line uses one seed for the folds and the learner; this run drew the learner's start with ` +
          `seed ${spec.seed}, so its learner may differ slightly.`,
      );
    }
  }
  if (unflagged.length > 0) {
    notes.push(`Options the command line cannot set (it uses their defaults): ${unflagged.join(', ')}.`);
  }
  const made = derivedColumnsUsed(spec, options.derived ?? []);
  if (made.length > 0) {
    notes.push(
      `The command reads the columns of the file as they are: save the data with the derived columns ` +
        `${made.join(', ')} as ${dataPath} first.`,
    );
  }
  const command = args.map((group) => group.map(shellQuote).join(' ')).join(' \\\n  ');
  return [...notes.map((n) => `# ${n}`), `mixedml ${command}`].join('\n');
}

function derivedColumnsUsed(spec: ModelSpec, derived: readonly DerivedColumn[]): string[] {
  const used = formulaVariables(parseFormula(spec.formula));
  return used.filter((name) =>
    derived.some((d) =>
      d.kind === 'dummies' ? name.startsWith(d.source) && name.length > d.source.length : d.name === name,
    ),
  );
}

/** A word for a POSIX shell: left bare when it is safe, otherwise in single quotes (a quote inside as '\''). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
