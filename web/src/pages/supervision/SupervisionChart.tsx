// One chart on the supervision page: ECharts drawn on a canvas (nothing evaluated, so the strict Content-Security-
// Policy holds), loaded when first shown, fitted to its box as the window changes and to the paper when printed.
// A click on a bar or a slice says which, for the page to open the filings behind it.
import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-options.ts';

/** The width a chart is drawn at on paper: A4 upright within 12 mm margins and a section's padding, at 96 px per inch. */
export const PRINT_CHART_WIDTH = 640;

export interface ChartPick {
  seriesIndex: number;
  dataIndex: number;
}

export function SupervisionChart({ option, height = 300, title, onPick, testId }: { option: ChartOption; height?: number; title: string; onPick?: (pick: ChartPick) => void; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  const pick = useRef(onPick);
  latest.current = option;
  pick.current = onPick;

  useEffect(() => {
    let gone = false;
    let observer: ResizeObserver | undefined;
    const printing = window.matchMedia('print');
    // On paper the chart keeps the page's width; on screen it takes its box's.
    const fit = () => chart.current?.resize(printing.matches ? { width: PRINT_CHART_WIDTH } : undefined);
    const beforePrint = () => chart.current?.resize({ width: PRINT_CHART_WIDTH });
    const afterPrint = () => chart.current?.resize();
    void import('./echarts-parts.ts').then(({ init }) => {
      const element = box.current;
      if (gone || !element) return;
      // Twice the screen's density at least, so a printed chart is as sharp as its text.
      const drawn = init(element, undefined, { renderer: 'canvas', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1) });
      drawn.setOption(latest.current);
      drawn.on('click', (event) => pick.current?.({ seriesIndex: event.seriesIndex ?? 0, dataIndex: event.dataIndex }));
      chart.current = drawn;
      element.dataset.ready = 'true';
      observer = new ResizeObserver(fit);
      observer.observe(element);
    });
    printing.addEventListener('change', fit);
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    return () => {
      gone = true;
      observer?.disconnect();
      printing.removeEventListener('change', fit);
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="sv-chart" role="img" aria-label={title} data-testid={testId} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} />;
}
