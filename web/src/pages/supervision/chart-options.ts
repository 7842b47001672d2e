// The supervision charts' options, built from the figures: Chinese names on every axis, series and tooltip, no
// animation (a printed or captured chart shows its final state), one palette for every chart.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export const PALETTE = ['#c8102e', '#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

const TEXT = { fontFamily: '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif', fontSize: 12 };

export interface BarSeries {
  name: string;
  values: number[];
  /** A second axis on the right (money beside counts). */
  rightAxis?: boolean;
  line?: boolean;
}

/**
 * Bars by category (counties, stages, industries, buckets). Long category lists turn the chart on its side so every
 * name stays readable at 1366 px; `unit` names what the value axis counts.
 */
export function barOption(categories: string[], series: BarSeries[], opts: { unit: string; rightUnit?: string; horizontal?: boolean } = { unit: '' }): ChartOption {
  const horizontal = opts.horizontal ?? false;
  const categoryAxis = {
    type: 'category' as const,
    data: categories,
    inverse: horizontal,
    axisLabel: { ...TEXT, interval: 0, rotate: !horizontal && categories.length > 8 ? 30 : 0, width: horizontal ? 168 : 90, overflow: 'truncate' as const },
  };
  const valueAxes = [
    { type: 'value' as const, name: opts.unit, minInterval: 1, nameTextStyle: TEXT, axisLabel: TEXT },
    ...(opts.rightUnit ? [{ type: 'value' as const, name: opts.rightUnit, nameTextStyle: TEXT, axisLabel: TEXT, splitLine: { show: false } }] : []),
  ];
  return {
    animation: false,
    color: PALETTE,
    textStyle: TEXT,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: TEXT },
    legend: series.length > 1 ? { type: 'scroll', top: 0, textStyle: TEXT } : { show: false },
    grid: { left: 8, right: 16, top: series.length > 1 ? 56 : opts.unit ? 32 : 12, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxes[0]! : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series: series.map((s) =>
      s.line
        ? ({ type: 'line', name: s.name, data: s.values, yAxisIndex: s.rightAxis ? 1 : 0, symbolSize: 8 } satisfies LineSeriesOption)
        : ({ type: 'bar', name: s.name, data: s.values, yAxisIndex: horizontal ? 0 : s.rightAxis ? 1 : 0, barMaxWidth: 36, label: { show: categories.length * series.length <= 24, position: horizontal ? 'right' : 'top', ...TEXT } } satisfies BarSeriesOption),
    ),
  };
}

/** Shares of a whole (certificate kinds, grades): a ring with each part's name, count and share. */
export function pieOption(parts: { name: string; value: number }[], unit: string): ChartOption {
  return {
    animation: false,
    color: PALETTE,
    textStyle: TEXT,
    tooltip: { trigger: 'item', formatter: `{b}：{c} ${unit}（{d}%）`, textStyle: TEXT },
    legend: { bottom: 0, textStyle: TEXT },
    series: [
      {
        type: 'pie',
        radius: ['38%', '64%'],
        center: ['50%', '45%'],
        // A part of none is no slice (a ring of nothing but zeroes would show equal slices).
        data: parts.filter((p) => p.value > 0),
        label: { formatter: `{b}\n{c} ${unit}`, ...TEXT },
      },
    ],
  };
}
