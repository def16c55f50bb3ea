// Within-residuals (observed minus the within prediction) per cluster as box plots, clusters sorted by their median
// residual: a cluster whose box sits away from zero is one the random effects do not capture. Quartiles are R's
// default (type 7); whiskers reach the most extreme residual within 1.5 IQR of the box, as in boxplot(); beyond are
// outliers. Past `maxShown` clusters an even spread over the sorted clusters is shown, extremes included.
import type { EChartsCoreOption } from './echarts.ts';
import { evenly } from './predictedObservedOption.ts';

export interface ClusterBox {
  cluster: string;
  n: number;
  /** Lower whisker, first quartile, median, third quartile, upper whisker. */
  box: [number, number, number, number, number];
  outliers: number[];
}

export const maxShownClusters = 60;

/** Type-7 quantile of sorted values: linear between order statistics at (n - 1) p. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export function clusterBox(cluster: string, values: readonly number[]): ClusterBox {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const median = quantile(sorted, 0.5);
  const q3 = quantile(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = sorted.filter((v) => v >= q1 - reach && v <= q3 + reach);
  return {
    cluster,
    n: sorted.length,
    box: [inside[0] ?? q1, q1, median, q3, inside.at(-1) ?? q3],
    outliers: sorted.filter((v) => v < q1 - reach || v > q3 + reach),
  };
}

/** Residuals of rows with an observed outcome, grouped by cluster, sorted by median. */
export function residualBoxes(
  rows: readonly { cluster: string; within: number }[],
  observed: readonly (number | null)[],
): ClusterBox[] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const y = observed[i];
    if (typeof y !== 'number' || !Number.isFinite(y)) return;
    const list = groups.get(row.cluster) ?? [];
    list.push(y - row.within);
    groups.set(row.cluster, list);
  });
  return [...groups]
    .map(([cluster, values]) => clusterBox(cluster, values))
    .sort((a, b) => a.box[2] - b.box[2] || a.cluster.localeCompare(b.cluster));
}

export function shownBoxes(boxes: readonly ClusterBox[], max = maxShownClusters): ClusterBox[] {
  return evenly(boxes, max);
}

export function residualsOption(boxes: readonly ClusterBox[], group: string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 16, bottom: 64 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesType: string; dataIndex: number; value: number[] }) => {
        if (p.seriesType === 'scatter') return `outlier: ${Number(p.value[1]).toFixed(3)}`;
        const b = boxes[p.dataIndex];
        return b
          ? `${group} ${b.cluster} (${b.n} rows)<br>median ${b.box[2].toFixed(3)}<br>` +
              `quartiles ${b.box[1].toFixed(3)} to ${b.box[3].toFixed(3)}`
          : '';
      },
    },
    xAxis: {
      type: 'category',
      data: boxes.map((b) => b.cluster),
      name: group,
      nameLocation: 'middle',
      nameGap: 48,
      axisLabel: { rotate: 60, fontSize: 9, interval: 0 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', name: 'within-residual', scale: true },
    series: [
      {
        type: 'boxplot',
        itemStyle: { color: '#e3ebf5', borderColor: '#1d3557' },
        boxWidth: ['30%', '80%'],
        data: boxes.map((b) => b.box),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#b42318', type: 'dashed' },
          data: [{ yAxis: 0 }],
          label: { show: false },
        },
      },
      {
        type: 'scatter',
        symbolSize: 3,
        itemStyle: { color: '#616e7c' },
        data: boxes.flatMap((b, i) => b.outliers.map((v) => [i, v])),
      },
    ],
  };
}
