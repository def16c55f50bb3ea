// The window's caterpillar plot: the shared option (src-shared/caterpillarOption.ts) with a grid that fits the panel
// and a tooltip naming the cluster, its mode and its interval.
import { caterpillarOption as sharedOption } from '../../src-shared/caterpillarOption.ts';
import type { CaterpillarPoint } from '../../src-shared/fitPresentation.ts';
import type { EChartsCoreOption } from './echarts.ts';

export function caterpillarOption(points: CaterpillarPoint[], effect: string, group: string): EChartsCoreOption {
  return {
    ...sharedOption(points, effect, group, points.length <= 60),
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
  };
}
