// The caterpillar plot of one random effect as an ECharts option, the same in the window and in the report's SVG:
// each cluster's conditional mode with its 95% interval (fitPresentation.ts), clusters sorted by their mode, and a
// dashed line at 0. Isomorphic: only ECharts' types are imported; each side adds its grid (and the window a tooltip).
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';
import type { CaterpillarPoint } from './fitPresentation.ts';

/** The colour of marks (and, in the report, of the GLL line). */
export const chartInk = '#1d3557';
const intervalStroke = '#8a94a3';

const intervalLine: CustomSeriesRenderItem = (_params, api) => {
  const from = api.coord([api.value(1), api.value(0)]);
  const to = api.coord([api.value(2), api.value(0)]);
  return {
    type: 'line',
    shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] },
    style: { stroke: intervalStroke, lineWidth: 1 },
  };
};

/** `labels`: whether the cluster names are written on the axis (too many overlap). */
export function caterpillarOption(
  points: readonly CaterpillarPoint[],
  effect: string,
  group: string,
  labels: boolean,
): EChartsOption {
  const intervals = points.flatMap((p, i) => (p.interval ? [[i, ...p.interval]] : []));
  return {
    animation: false,
    xAxis: { type: 'value', name: effect, nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: {
      type: 'category',
      data: points.map((p) => p.level),
      name: group,
      axisTick: { show: false },
      axisLabel: { show: labels, fontSize: 10 },
    },
    series: [
      ...(intervals.length > 0
        ? [
            {
              type: 'custom' as const,
              renderItem: intervalLine,
              encode: { x: [1, 2], y: 0 },
              data: intervals,
              silent: true,
            },
          ]
        : []),
      {
        type: 'scatter',
        symbolSize: 4,
        itemStyle: { color: chartInk },
        data: points.map((p, i) => [p.value, i]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#b42318', type: 'dashed' },
          data: [{ xAxis: 0 }],
          label: { show: false },
        },
      },
    ],
  };
}
