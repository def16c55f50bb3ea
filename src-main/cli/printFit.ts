// A fitted model as text, laid out like lme4's print(summary(fit)) so that users can set it beside R's output.
import type { FitResult } from '../../src-shared/spec.ts';

const estimatorTitle = { reml: 'REML', ml: 'maximum likelihood', oob: 'out-of-the-box (REML)' } as const;

export function formatFit(fit: FitResult, dataName: string): string {
  const lines: string[] = [];
  const model = fit.learner === 'lme' ? 'Linear mixed model' : `mixedML model (learner: ${fit.learner})`;
  lines.push(`${model} fit by ${estimatorTitle[fit.estimator]}`);
  lines.push(`Formula: ${fit.formula}`);
  lines.push(`   Data: ${dataName}`);
  lines.push('');
  const label = fit.estimator === 'ml' ? 'deviance' : 'REML criterion at convergence';
  lines.push(`${label}: ${fit.criterion.toFixed(1)}`);
  lines.push(
    table(
      [['AIC', 'BIC', 'logLik']],
      [[fit.aic.toFixed(1), fit.bic.toFixed(1), fit.logLik.toFixed(1)]],
      [false, false, false],
    ),
  );
  lines.push('');
  lines.push('Random effects:');
  lines.push(formatRandomEffects(fit));
  lines.push(`Number of obs: ${fit.nobs}, groups:  ${fit.group}, ${fit.ngroups}`);
  if (fit.icc !== null) lines.push(`ICC (intra-class correlation): ${fit.icc.toFixed(3)}`);
  const names = Object.keys(fit.fixef);
  if (names.length > 0) {
    lines.push('');
    lines.push('Fixed effects:');
    const withSe = names.every((n) => fit.fixef_se[n] !== undefined);
    lines.push(
      withSe
        ? table(
            [['', 'Estimate', 'Std. Error', 't value']],
            names.map((n) => {
              const b = fit.fixef[n]!;
              const se = fit.fixef_se[n]!;
              return [n, fmt(b, 5), fmt(se, 5), (b / se).toFixed(2)];
            }),
            [true, false, false, false],
          )
        : table(
            [['', 'Estimate']],
            names.map((n) => [n, fmt(fit.fixef[n]!, 5)]),
            [true, false],
          ),
    );
  }
  lines.push('');
  const m = fit.metrics;
  lines.push(
    `Training MSE: within ${fmt(m.mse_within, 5)}, out ${fmt(m.mse_out, 5)}; ` +
      `baselines ml ${fmt(m.mse_ml, 5)}, hot ${fmt(m.mse_hot, 5)}`,
  );
  const work = fit.learner === 'lme' ? 'evaluations' : 'learner fits';
  const backend = fit.backend ? `, TensorFlow.js backend ${fit.backend}` : '';
  lines.push(
    `Converged: ${fit.converged ? 'yes' : 'no'} (${fit.iterations} iterations, ${fit.evaluations} ${work}, ` +
      `${fit.seconds.toFixed(3)} s${backend})`,
  );
  if (fit.dropped.rows > 0) {
    const by = Object.entries(fit.dropped.by_column)
      .filter(([, k]) => k > 0)
      .map(([c, k]) => `${c}: ${k}`)
      .join(', ');
    lines.push(`${fit.dropped.rows} rows with missing values were left out (${by}).`);
  }
  for (const warning of fit.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

function formatRandomEffects(fit: FitResult): string {
  const q = fit.re_names.length;
  const sd = fit.re_cov.map((row, i) => Math.sqrt(Math.max(0, row[i]!)));
  const header = ['Groups', 'Name', 'Variance', 'Std.Dev.', ...(q > 1 ? ['Corr', ...Array(q - 2).fill('')] : [])];
  const rows = fit.re_names.map((name, i) => {
    const corr = Array.from({ length: i }, (_, k) => {
      const d = sd[i]! * sd[k]!;
      return d > 0 ? (fit.re_cov[i]![k]! / d).toFixed(2) : '  NaN';
    });
    return [
      i === 0 ? fit.group : '',
      name,
      fmt(fit.re_cov[i]![i]!, 4),
      fmt(sd[i]!, 4),
      ...corr,
      ...Array(Math.max(0, q - 1 - corr.length)).fill(''),
    ];
  });
  rows.push(['Residual', '', fmt(fit.sigma ** 2, 4), fmt(fit.sigma, 4), ...Array(Math.max(0, q - 1)).fill('')]);
  return table([header], rows, [true, true, false, false, ...Array(Math.max(0, q - 1)).fill(false)]);
}

/** Significant digits as R prints them (4 by default), without exponent for ordinary magnitudes. */
function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  if (magnitude >= 15 || magnitude < -5) return x.toExponential(digits - 1);
  return x.toFixed(Math.max(0, digits - 1 - magnitude));
}

function table(header: string[][], rows: string[][], leftAligned: boolean[]): string {
  const all = [...header, ...rows];
  const widths = all[0]!.map((_, k) => Math.max(...all.map((r) => (r[k] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, k) => (leftAligned[k] ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!)))
        .join(' ')
        .trimEnd(),
    )
    .map((line) => ` ${line}`)
    .join('\n');
}
