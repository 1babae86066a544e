import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the board draws; SVG so charts print sharp on A4.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

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
    return () => {
      observer.disconnect();
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, ...option }, true);
  }, [option, label]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} />;
}
