// The convergence chart: GLL (or a learner's loss) per iteration, from a finished fit's history or a running job's
// progress events.
import type { TracePoint } from '../stores/jobs.ts';
import type { EChartsCoreOption } from './echarts.ts';

export function convergenceOption(points: readonly TracePoint[], yName: string, xName: string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 72, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 24, minInterval: 1, min: 'dataMin' },
    yAxis: { type: 'value', name: yName, scale: true },
    series: [
      {
        type: 'line',
        showSymbol: points.length < 60,
        symbolSize: 4,
        lineStyle: { width: 1.5, color: '#1d3557' },
        itemStyle: { color: '#1d3557' },
        data: points.map((p) => [p.x, p.y]),
      },
    ],
  };
}
