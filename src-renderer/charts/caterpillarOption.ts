// The caterpillar plot of one random effect: each cluster's conditional mode with its 95% interval
// (mode ± 1.96 · sqrt(conditional variance), ranef_condvar_diag; none where the fit has no conditional variances),
// clusters sorted by their mode.
import type { CustomSeriesRenderItem } from 'echarts';
import type { CaterpillarPoint } from '../../src-shared/fitPresentation.ts';
import type { EChartsCoreOption } from './echarts.ts';

const interval: CustomSeriesRenderItem = (_params, api) => {
  const from = api.coord([api.value(1), api.value(0)]);
  const to = api.coord([api.value(2), api.value(0)]);
  return {
    type: 'line',
    shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] },
    style: { stroke: '#9aa5b1', lineWidth: 1 },
  };
};

export function caterpillarOption(points: CaterpillarPoint[], effect: string, group: string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 12, bottom: 36 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataIndex: number }) => {
        const point = points[p.dataIndex];
        return point
          ? `${group} ${point.level}<br>${effect}: ${point.value.toFixed(3)}` +
              (point.interval ? `<br>95%: ${point.interval[0].toFixed(3)} to ${point.interval[1].toFixed(3)}` : '')
          : '';
      },
    },
    xAxis: { type: 'value', name: effect, nameLocation: 'middle', nameGap: 24, scale: true },
    yAxis: {
      type: 'category',
      data: points.map((p) => p.level),
      name: group,
      axisTick: { show: false },
      axisLabel: { show: points.length <= 60, fontSize: 10 },
    },
    series: [
      {
        type: 'custom',
        renderItem: interval,
        encode: { x: [1, 2], y: 0 },
        data: points.flatMap((p, i) => (p.interval ? [[i, ...p.interval]] : [])),
        silent: true,
      },
      {
        type: 'scatter',
        symbolSize: 4,
        itemStyle: { color: '#1d3557' },
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
