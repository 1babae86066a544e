import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the board draws; SVG so charts print sharp on A4.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The printable width of A4 with the page margins of styles.css (210 mm − 2 × 12 mm = 186 mm ≈ 700 px at 96 dpi). */
export const PRINT_WIDTH_PX = 700;

/** One ECharts chart that follows its container's width; `onClick` gets the clicked item's name. */
export function EChart({ option, height, onClick, label }: { option: ChartOption; height: number; onClick?: (name: string) => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => click.current?.(String(p.name)));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current!);
    // Print keeps the chart whole on A4 (issue 22 item 7): the browser lays the page out for paper only after
    // beforeprint, so the chart is redrawn at the paper's width first, and again when the print media query
    // changes (print preview, emulated print); afterwards it follows its container again.
    const forPrint = () => c.resize({ width: Math.min(PRINT_WIDTH_PX, ref.current?.clientWidth || PRINT_WIDTH_PX) });
    const toPaper = () => c.resize({ width: PRINT_WIDTH_PX });
    const back = () => c.resize({ width: 'auto' });
    const print = window.matchMedia('print');
    const onMedia = (e: MediaQueryListEvent) => (e.matches ? forPrint() : back());
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', back);
    print.addEventListener('change', onMedia);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', toPaper);
      window.removeEventListener('afterprint', back);
      print.removeEventListener('change', onMedia);
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);
  // data-value: a chart's Chinese words are its data (area names); every other word comes from the messages, and
  // the table under each chart repeats all of them (checked by the English-page test).
  return <div ref={ref} className="echart" data-value="chart" style={{ width: '100%', height }} role="img" aria-label={label} />;
}
