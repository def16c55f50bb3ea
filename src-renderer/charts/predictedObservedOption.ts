// Predicted versus observed on the training rows: the within prediction (f(x) + z u, with the cluster's random
// effects) and the out prediction (f(x) alone) as two series against the outcome, with the identity line. Large data
// sets are thinned evenly so the chart stays quick; the thinning is told in the note.
import type { EChartsCoreOption } from './echarts.ts';

export interface PredictedObserved {
  /** [predicted, observed] pairs. */
  within: [number, number][];
  out: [number, number][];
  /** Rows with an observed outcome, before thinning. */
  total: number;
}

export const maxScatterPoints = 20_000;

export function predictedObservedPoints(
  rows: readonly { within: number; out: number }[],
  observed: readonly (number | null)[],
  maxPoints = maxScatterPoints,
): PredictedObserved {
  const kept: number[] = [];
  rows.forEach((_, i) => {
    const y = observed[i];
    if (typeof y === 'number' && Number.isFinite(y)) kept.push(i);
  });
  const shown = evenly(kept, maxPoints);
  return {
    within: shown.map((i) => [rows[i]!.within, observed[i] as number]),
    out: shown.map((i) => [rows[i]!.out, observed[i] as number]),
    total: kept.length,
  };
}

/** At most `max` items spread evenly over the list, the first and the last included. */
export function evenly<T>(list: readonly T[], max: number): T[] {
  if (list.length <= max) return [...list];
  if (max <= 1) return list.slice(0, max);
  return Array.from({ length: max }, (_, k) => list[Math.round((k * (list.length - 1)) / (max - 1))]!);
}

/**
 * The common range of both axes, so the identity line runs corner to corner at 45 degrees: the data's, widened to
 * round numbers (multiples of half the range's power of ten).
 */
export function axisRange(points: PredictedObserved): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const series of [points.within, points.out]) {
    for (const [x, y] of series) {
      low = Math.min(low, x, y);
      high = Math.max(high, x, y);
    }
  }
  if (!Number.isFinite(low)) return [0, 1];
  if (high === low) return [low - 1, high + 1];
  const unit = 10 ** Math.floor(Math.log10(high - low)) / 2;
  return [Math.floor(low / unit) * unit, Math.ceil(high / unit) * unit];
}

export function predictedObservedOption(points: PredictedObserved, response: string): EChartsCoreOption {
  const [low, high] = axisRange(points);
  const large = points.within.length > 2000;
  const axis = (name: string) => ({
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: 28,
    min: low,
    max: high,
    axisLine: { onZero: false },
  });
  const scatter = (name: string, data: [number, number][], color: string) => ({
    name,
    type: 'scatter',
    symbolSize: 3,
    large,
    itemStyle: { color, opacity: 0.55 },
    data,
  });
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 32, bottom: 44 },
    legend: { top: 0, data: ['within', 'out'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number] }) =>
        `${p.seriesName}: ${p.value[0].toFixed(3)}<br>observed ${response}: ${p.value[1].toFixed(3)}`,
    },
    xAxis: axis('predicted'),
    yAxis: axis(`observed ${response}`),
    series: [
      scatter('out', points.out, '#e07a5f'),
      scatter('within', points.within, '#1d3557'),
      {
        name: 'identity',
        type: 'line',
        silent: true,
        symbol: 'none',
        lineStyle: { color: '#616e7c', type: 'dashed', width: 1 },
        data: [
          [low, low],
          [high, high],
        ],
      },
    ],
  };
}
