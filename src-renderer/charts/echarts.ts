// ECharts with only the parts the charts use (a smaller bundle): line, scatter and custom series, both renderers
// (canvas on screen, SVG for export).
import { use } from 'echarts/core';
import { CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  LineChart,
  ScatterChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  TitleComponent,
  DataZoomComponent,
  MarkLineComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { init } from 'echarts/core';
export type { EChartsCoreOption, EChartsType } from 'echarts/core';
