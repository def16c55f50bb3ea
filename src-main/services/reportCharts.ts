// The report's charts as inline SVG, drawn in Node by ECharts' server-side renderer (no DOM, no canvas): the GLL per
// EM iteration, and caterpillar plots of the random effects. ECharts escapes the text it writes into the SVG.
import type { CaterpillarPoint } from '../../src-shared/fitPresentation.ts';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { caterpillarOption, chartInk as ink } from '../../src-shared/caterpillarOption.ts';

const width = 640;

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

export function caterpillarChart(points: readonly CaterpillarPoint[], effect: string, group: string): string {
  const labels = points.length <= 50;
  return renderSvg(
    {
      ...caterpillarOption(points, effect, group, labels),
      grid: { left: labels ? 90 : 40, right: 20, top: 16, bottom: 44 },
    },
    Math.min(640, Math.max(240, 60 + (labels ? 14 : 3) * points.length)),
  );
}
