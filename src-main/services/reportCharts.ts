// The report's charts as inline SVG, drawn in Node by ECharts' server-side renderer (no DOM, no canvas): the GLL per
// EM iteration, and caterpillar plots of the random effects. ECharts escapes the text it writes into the SVG.
import type { CaterpillarPoint } from '../../src-shared/fitPresentation.ts';
import * as echarts from 'echarts';
import type { CustomSeriesRenderItem, EChartsOption } from 'echarts';

const width = 640;
const ink = '#1d3557';
const muted = '#8a94a3';

function renderSvg(option: EChartsOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    // Inline SVG in HTML needs no namespace declarations; dropping them leaves no external address in the report.
    return chart
      .renderToSVGString()
      .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
      .replace('<svg ', '<svg role="img" ');
  } finally {
    chart.dispose();
  }
}

/** MATH.md section 2: the GLL per iteration, the EM's (and OOB's) convergence record. */
export function gllChart(gll: readonly number[]): string {
  return renderSvg(
    {
      grid: { left: 80, right: 20, top: 20, bottom: 44 },
      xAxis: { type: 'value', name: 'Iteration', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 1 },
      yAxis: { type: 'value', name: 'GLL', scale: true },
      series: [
        {
          type: 'line',
          showSymbol: gll.length < 60,
          symbolSize: 4,
          lineStyle: { width: 1.5, color: ink },
          itemStyle: { color: ink },
          data: gll.map((v, i) => [i + 1, v]),
        },
      ],
    },
    280,
  );
}

const intervalLine: CustomSeriesRenderItem = (_params, api) => {
  const from = api.coord([api.value(1), api.value(0)]);
  const to = api.coord([api.value(2), api.value(0)]);
  return {
    type: 'line',
    shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] },
    style: { stroke: muted, lineWidth: 1 },
  };
};

export function caterpillarChart(points: readonly CaterpillarPoint[], effect: string, group: string): string {
  const labels = points.length <= 50;
  const intervals = points.flatMap((p, i) => (p.interval ? [[i, ...p.interval]] : []));
  return renderSvg(
    {
      grid: { left: labels ? 90 : 40, right: 20, top: 16, bottom: 44 },
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
          itemStyle: { color: ink },
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
    },
    Math.min(640, Math.max(240, 60 + (labels ? 14 : 3) * points.length)),
  );
}
