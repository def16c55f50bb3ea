// One ECharts instance per chart component: created on mount, resized with its element, updated at most every
// `throttleMs` (a live chart's data change at every progress event), disposed with the component. Exports render the
// same option as PNG (canvas) or, through an off-screen SVG instance, as SVG.
import { onMounted, onScopeDispose, watch, type Ref } from 'vue';
import { dataUrlToBlob, downloadBlob, fileStem } from '../export/download.ts';
import { init, type EChartsCoreOption, type EChartsType } from './echarts.ts';

export function useChart(element: Ref<HTMLElement | undefined>, option: () => EChartsCoreOption, throttleMs = 250) {
  let chart: EChartsType | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let frame = 0;

  const apply = () => {
    timer = undefined;
    last = performance.now();
    chart?.setOption(option(), { notMerge: true, lazyUpdate: true });
  };

  const schedule = () => {
    if (timer) return;
    timer = setTimeout(apply, Math.max(0, throttleMs - (performance.now() - last)));
  };

  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => chart?.resize());
  });

  onMounted(() => {
    if (!element.value) return;
    chart = init(element.value, undefined, { renderer: 'canvas' });
    observer.observe(element.value);
    apply();
  });
  watch(option, schedule);
  onScopeDispose(() => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    observer.disconnect();
    chart?.dispose();
  });

  function exportPng(title: string) {
    const url = chart?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (url) downloadBlob(`${fileStem(title)}.png`, dataUrlToBlob(url));
  }

  function exportSvg(title: string) {
    const width = element.value?.clientWidth || 640;
    const height = element.value?.clientHeight || 400;
    const host = document.createElement('div');
    const svg = init(host, undefined, { renderer: 'svg', width, height });
    svg.setOption({ ...option(), animation: false });
    const url = svg.getDataURL({ type: 'svg' });
    svg.dispose();
    downloadBlob(`${fileStem(title)}.svg`, dataUrlToBlob(url));
  }

  return { exportPng, exportSvg };
}
