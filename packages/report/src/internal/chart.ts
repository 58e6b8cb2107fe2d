/**
 * Bar charts rendered to SVG strings by ECharts on the server: no DOM, no scripts, no network.
 */
import * as echarts from "echarts"
import { chartLabel, escapeHtml } from "./html.js"

/** One series of bars. */
export interface Series {
  readonly name: string
  readonly values: ReadonlyArray<number>
}

/** A bar chart: one bar per category and series. */
export interface BarChart {
  /** The chart's key (the figure's `data-chart`); also prefixes the SVG's ids. */
  readonly key: string
  /** The accessible name of the image. */
  readonly title: string
  readonly categories: ReadonlyArray<string>
  readonly series: ReadonlyArray<Series>
  /** Horizontal bars suit long category names and rankings; vertical bars suit bins and grades. */
  readonly orientation: "horizontal" | "vertical"
  /** How a value is written on its bar. */
  readonly format: (value: number) => string
  readonly max?: number
}

const palette = ["#2f6db5", "#d9822b", "#3c9a5f", "#b64a4a", "#7a5cb0"]
const width = 640
// Fonts close to the widths ECharts estimates with; CJK falls back to the system's font.
const fontFamily = "Arial, Helvetica, sans-serif"

/** Renders a bar chart to an SVG element that can be inlined in HTML. */
export const bar = (chart: BarChart): string => {
  const horizontal = chart.orientation === "horizontal"
  const legend = chart.series.length > 1
  const n = chart.categories.length
  const height = horizontal
    ? 48 + (legend ? 28 : 0) + Math.max(1, n) * (chart.series.length * 16 + 12)
    : 300 + (legend ? 28 : 0)
  const categoryAxis = {
    type: "category" as const,
    data: chart.categories.map(chartLabel),
    axisTick: { show: false },
    axisLabel: horizontal
      ? { interval: 0, width: 180, overflow: "truncate" as const }
      : {
          interval: 0,
          hideOverlap: true,
          width: Math.max(40, Math.floor(560 / Math.max(1, n))),
          overflow: "truncate" as const,
          rotate: n > 8 ? 30 : 0,
        },
    ...(horizontal ? { inverse: true } : {}),
  }
  const valueAxis = { type: "value" as const, ...(chart.max === undefined ? {} : { max: chart.max }), minInterval: 1 }
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width, height })
  try {
    instance.setOption({
      animation: false,
      aria: { enabled: false },
      color: palette,
      textStyle: { fontSize: 12, fontFamily },
      // ECharts lays labels out by estimated text widths (there is no canvas to measure with);
      // the outer bounds leave room for a font that runs wider than the estimate.
      grid: {
        left: 12,
        right: horizontal ? 56 : 16,
        top: (legend ? 32 : 0) + (horizontal ? 12 : 28),
        bottom: 12,
        outerBounds: { left: 32, right: 8, top: 0, bottom: 4 },
      },
      ...(legend ? { legend: { top: 4, data: chart.series.map((s) => chartLabel(s.name)) } } : {}),
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: chart.series.map((s) => ({
        type: "bar" as const,
        name: chartLabel(s.name),
        data: [...s.values],
        barMaxWidth: 28,
        label: {
          show: true,
          position: horizontal ? ("right" as const) : ("top" as const),
          formatter: (p: { readonly value?: unknown }) => chart.format(Number(p.value)),
        },
      })),
    })
    return normalise(instance.renderToSVGString(), chart)
  } finally {
    instance.dispose()
  }
}

// ZRender numbers CSS classes and ids with process-wide counters, so the same chart would come out
// different the second time. The classes only style hover states (nothing to hover without
// scripts) and the ids are renumbered per chart, which makes the output deterministic and unique
// within the document. The namespace declarations are implied by inline SVG in HTML.
const normalise = (svg: string, chart: BarChart): string =>
  svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ class="zr\d+-cls-\d+"/g, "")
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ xmlns(?::xlink)?="[^"]*"/g, "")
    .replace(
      / (id|clip-path|fill|stroke)="(url\(#)?zr\d+-/g,
      (_, attr: string, url: string | undefined) => ` ${attr}="${url ?? ""}${chart.key}-`,
    )
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(chart.title)}" `)
    .replace(/\n+/g, "\n")
    .trim()
