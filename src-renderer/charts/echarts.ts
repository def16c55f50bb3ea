// ECharts with only the parts the charts use (a smaller bundle): line, scatter, box-plot and custom series, legends,
// both renderers (canvas on screen, SVG for export).
import { use } from 'echarts/core';
import { BoxplotChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  BoxplotChart,
  LineChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  DataZoomComponent,
  MarkLineComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { init } from 'echarts/core';
export type { EChartsCoreOption, EChartsType } from 'echarts/core';
