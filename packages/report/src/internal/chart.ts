/**
 * Bar charts drawn as SVG strings by the report itself: no DOM, no scripts, no styles, no network,
 * and the same chart always gives the same string.
 */
import { chartLabel, escapeHtml } from "./html.js"
import { fontSize, textWidth, truncate } from "./measure.js"
import { niceTicks, type Scale } from "./ticks.js"

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

/**
 * Renders a bar chart to an SVG element that can be inlined in HTML. Every bar has its value
 * written beside it (a non-finite value has neither); a long category name is cut with an
 * ellipsis and kept whole in a `<title>`, which browsers show on hover.
 */
export const bar = (chart: BarChart): string => {
  const horizontal = chart.orientation === "horizontal"
  const bands = Math.max(1, chart.categories.length)
  const legend = chart.series.length > 1 ? legendLayout(chart.series) : { height: 0, items: [] }
  const height = horizontal ? 48 + legend.height + bands * (chart.series.length * 16 + 12) : 300 + legend.height
  const bars: Array<Bar> = []
  chart.series.forEach((s, j) => {
    chart.categories.forEach((_, i) => {
      const value = s.values[i]
      if (value !== undefined && Number.isFinite(value))
        bars.push({ category: i, series: j, value, label: chartLabel(chart.format(value)) })
    })
  })
  const layout = horizontal
    ? horizontalLayout(chart, bars, legend.height, height)
    : verticalLayout(chart, bars, legend.height, height)
  const id = escapeHtml(chart.key)
  return [
    `<svg role="img" aria-label="${escapeHtml(chartLabel(chart.title))}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}" font-size="${fontSize}">`,
    ...legend.items.map((item) => legendItem(item)),
    layout.grid,
    layout.ticks,
    layout.categories,
    ...chart.series.map(
      (_, j) =>
        `<g id="${id}-series-${j}">${bars
          .filter((b) => b.series === j)
          .map((b) => layout.bar(b))
          .join("")}</g>`,
    ),
    `<g fill="${colors.value}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${bars.map((b) => layout.value(b)).join("")}</g>`,
    layout.axis,
    "</svg>",
  ].join("\n")
}

const palette = ["#2f6db5", "#d9822b", "#3c9a5f", "#b64a4a", "#7a5cb0"]
const width = 640
// Narrow Latin fonts the width estimates are made for; CJK falls back to the system's font.
const fontFamily = "Arial, Helvetica, sans-serif"
const colors = { label: "#54555a", value: "#333", legend: "#333", grid: "#dbdee4", axis: "#54555a" }
/** Bars are at most this thick, so a chart of two bars does not look like two walls. */
const barMax = 28
/** The share of a category's band left empty around its bars. */
const categoryGap = 0.2
/** The space between the bars of one category, as a share of a bar's thickness. */
const barGap = 0.3
/** Distance from a bar's end to its value, and from an axis to its labels. */
const pad = 6
/** The least distance between the baselines of two neighbouring labels. */
const lineHeight = 14
const horizontalLabelMax = 180
const rotatedLabelMax = 120
const legendLabelMax = 160

interface Bar {
  readonly category: number
  readonly series: number
  readonly value: number
  /** The formatted value, one line. */
  readonly label: string
}

interface Layout {
  readonly grid: string
  readonly ticks: string
  readonly categories: string
  readonly axis: string
  readonly bar: (b: Bar) => string
  readonly value: (b: Bar) => string
}

const horizontalLayout = (chart: BarChart, bars: ReadonlyArray<Bar>, top: number, height: number): Layout => {
  const labels = chart.categories.map((c) => label(c, horizontalLabelMax))
  const labelColumn = Math.max(0, ...labels.map((l) => l.width))
  const negative = bars.filter((b) => b.value < 0)
  const positive = bars.filter((b) => b.value >= 0)
  // Values below zero are written left of their bars: room for them between names and the plot.
  const negativeRoom = negative.length === 0 ? 0 : Math.max(...negative.map((b) => textWidth(b.label))) + pad
  const frame = (scale: Scale) => {
    const tickLabels = scale.ticks.map(tickLabel)
    // However long the names and values, the bars keep at least a quarter of the image.
    const left = Math.min(
      width / 2,
      Math.max(12 + labelColumn + 8 + negativeRoom, textWidth(tickLabels[0] ?? "") / 2 + 4),
    )
    const right = Math.max(
      left + width / 4,
      width -
        Math.max(
          16,
          textWidth(tickLabels[tickLabels.length - 1] ?? "") / 2 + 4,
          ...positive.map((b) => textWidth(b.label) + pad + 8),
        ),
    )
    const spacing = ((right - left) * scale.step) / (scale.max - scale.min)
    return {
      scale,
      tickLabels,
      left,
      right,
      crowded: !(spacing >= Math.max(...tickLabels.map((t) => textWidth(t))) + 12),
    }
  }
  // Long tick labels side by side: fewer ticks rather than labels running into each other.
  const values = bars.map((b) => b.value)
  let f = frame(niceTicks(values, { max: chart.max }))
  for (let count = 4; f.crowded && count > 0; count--) f = frame(niceTicks(values, { max: chart.max, count }))
  const { scale, tickLabels, left, right } = f
  const plotTop = top + 16
  const plotBottom = height - 32
  const band = (plotBottom - plotTop) / Math.max(1, chart.categories.length)
  const x = (v: number) => left + position(scale, v) * (right - left)
  const zero = x(0)
  const thickness = barThickness(band, chart.series.length)
  const y = (b: Bar) => plotTop + band * (b.category + 0.5) + offset(thickness, b.series, chart.series.length)
  return {
    grid: gridPath(scale.ticks.map((t) => `M${crisp(x(t))} ${n(plotTop)}V${n(plotBottom)}`)),
    ticks: `<g fill="${colors.label}" text-anchor="middle">${scale.ticks
      .map((t, i) => text(x(t), plotBottom + 14, tickLabels[i] ?? ""))
      .join("")}</g>`,
    categories: `<g fill="${colors.label}" text-anchor="end">${labels
      .map((l, i) => titled(l, text(12 + labelColumn, plotTop + band * (i + 0.5), l.shown)))
      .join("")}</g>`,
    axis: `<path d="M${crisp(zero)} ${n(plotTop)}V${n(plotBottom)}" fill="none" stroke="${colors.axis}"/>`,
    bar: (b) => {
      const end = x(b.value)
      return barPath(Math.min(zero, end), y(b), Math.abs(end - zero), thickness, b.series)
    },
    value: (b) => {
      const end = x(b.value)
      const mid = y(b) + thickness / 2
      return b.value < 0 ? text(end - pad, mid, b.label, ' text-anchor="end"') : text(end + pad, mid, b.label)
    },
  }
}

const verticalLayout = (chart: BarChart, bars: ReadonlyArray<Bar>, top: number, height: number): Layout => {
  const count = chart.categories.length
  const scale = niceTicks(
    bars.map((b) => b.value),
    { max: chart.max },
  )
  const tickLabels = scale.ticks.map(tickLabel)
  const left = 12 + Math.max(0, ...tickLabels.map((t) => textWidth(t))) + 8
  const right = width - 16
  const band = (right - left) / Math.max(1, count)
  const center = (i: number) => left + band * (i + 0.5)
  // More than eight categories: names are turned 30° (more when that is still too crowded) so
  // neighbours do not run into each other, and each is cut to stay inside the image on the left.
  const angle = count <= 8 ? 0 : ([30, 45, 60].find((a) => band * sin(a) >= lineHeight) ?? 90)
  const labels = chart.categories.map((c, i) =>
    label(c, angle === 0 ? Math.max(24, band - 4) : Math.min(rotatedLabelMax, (center(i) - 4) / cos(angle))),
  )
  const longest = Math.max(0, ...labels.map((l) => l.width))
  const bottom = angle === 0 ? 28 : 10 + longest * sin(angle) + (fontSize / 2) * cos(angle) + 8
  const plotTop = top + 28
  const plotBottom = height - bottom
  // Values below zero are written under their bars: room for them above the category names.
  const floor = plotBottom - (bars.some((b) => b.value < 0) ? 16 : 0)
  const y = (v: number) => floor - position(scale, v) * (floor - plotTop)
  const zero = y(0)
  const thickness = barThickness(band, chart.series.length)
  const x = (b: Bar) => center(b.category) + offset(thickness, b.series, chart.series.length)
  return {
    grid: gridPath(scale.ticks.map((t) => `M${n(left)} ${crisp(y(t))}H${n(right)}`)),
    ticks: `<g fill="${colors.label}" text-anchor="end">${scale.ticks
      .map((t, i) => text(left - 8, y(t), tickLabels[i] ?? ""))
      .join("")}</g>`,
    categories:
      angle === 0
        ? `<g fill="${colors.label}" text-anchor="middle">${labels
            .map((l, i) => titled(l, text(center(i), plotBottom + 14, l.shown)))
            .join("")}</g>`
        : `<g fill="${colors.label}" text-anchor="end">${labels
            .map((l, i) => {
              const at = ` transform="rotate(-${angle} ${n(center(i))} ${n(plotBottom + 10)})"`
              return titled(l, text(center(i), plotBottom + 10, l.shown, at))
            })
            .join("")}</g>`,
    axis: `<path d="M${n(left)} ${crisp(zero)}H${n(right)}" fill="none" stroke="${colors.axis}"/>`,
    bar: (b) => {
      const end = y(b.value)
      return barPath(x(b), Math.min(zero, end), thickness, Math.abs(end - zero), b.series)
    },
    value: (b) => {
      const end = y(b.value)
      return text(x(b) + thickness / 2, b.value < 0 ? end + pad + 2 : end - pad - 2, b.label, ' text-anchor="middle"')
    },
  }
}

const sin = (degrees: number): number => Math.sin((degrees * Math.PI) / 180)
const cos = (degrees: number): number => Math.cos((degrees * Math.PI) / 180)

/** Where a value falls on the axis, from 0 (its lower end) to 1 (its upper end), clipped. */
const position = (scale: Scale, v: number): number => {
  // Halved first, so the span of two huge ends of opposite signs stays finite.
  const p = (v / 2 - scale.min / 2) / (scale.max / 2 - scale.min / 2)
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0
}

/** The thickness of each bar in a band holding `count` of them side by side. */
const barThickness = (band: number, count: number): number =>
  count === 0 ? 0 : Math.min(barMax, (band * (1 - categoryGap)) / (count + (count - 1) * barGap))

/** From the middle of a band to the start of the `index`th of `count` bars. */
const offset = (thickness: number, index: number, count: number): number =>
  -(count * thickness + (count - 1) * barGap * thickness) / 2 + index * thickness * (1 + barGap)

const barPath = (x: number, y: number, w: number, h: number, series: number): string =>
  `<path d="M${n(x)} ${n(y)}H${n(x + w)}V${n(y + h)}H${n(x)}Z" fill="${color(series)}"/>`

const color = (series: number): string => palette[series % palette.length]!

const gridPath = (segments: ReadonlyArray<string>): string =>
  `<path d="${segments.join("")}" fill="none" stroke="${colors.grid}"/>`

interface Label {
  readonly full: string
  readonly shown: string
  readonly width: number
}

const label = (raw: string, maxWidth: number): Label => {
  const full = chartLabel(raw)
  const shown = truncate(full, maxWidth)
  return { full, shown, width: textWidth(shown) }
}

/** A label's text, with its full wording as a tooltip when it was cut. */
const titled = (l: Label, element: string): string =>
  l.shown === l.full ? element : `<g><title>${escapeHtml(l.full)}</title>${element}</g>`

/** One line of text centred vertically on y. */
const text = (x: number, y: number, content: string, attributes = ""): string =>
  `<text x="${n(x)}" y="${n(y)}" dy="0.35em"${attributes}>${escapeHtml(content)}</text>`

// Ticks are already rounded (see niceTicks); String keeps 0.1 as "0.1" and 1e21 as "1e+21".
const tickLabel = (v: number): string => String(v)

interface LegendItem {
  readonly x: number
  readonly y: number
  readonly label: Label
  readonly series: number
}

/** Legend entries centred in rows across the top; a row is 20px, and the legend 28px for one row. */
const legendLayout = (
  series: ReadonlyArray<Series>,
): { readonly height: number; readonly items: ReadonlyArray<LegendItem> } => {
  const swatch = 14
  const gap = 16
  const entries = series.map((s) => label(s.name, legendLabelMax))
  const rows: Array<Array<{ readonly label: Label; readonly series: number; readonly width: number }>> = [[]]
  let rowWidth = 0
  entries.forEach((l, j) => {
    const w = swatch + 4 + l.width
    const row = rows[rows.length - 1]!
    if (row.length > 0 && rowWidth + gap + w > width - 24) {
      rows.push([{ label: l, series: j, width: w }])
      rowWidth = w
    } else {
      rowWidth += (row.length > 0 ? gap : 0) + w
      row.push({ label: l, series: j, width: w })
    }
  })
  const items: Array<LegendItem> = []
  rows.forEach((row, r) => {
    const total = row.reduce((sum, e) => sum + e.width, 0) + gap * Math.max(0, row.length - 1)
    let x = (width - total) / 2
    for (const e of row) {
      items.push({ x, y: 14 + r * 20, label: e.label, series: e.series })
      x += e.width + gap
    }
  })
  return { height: 28 + (rows.length - 1) * 20, items }
}

const legendItem = (item: LegendItem): string =>
  `<g fill="${colors.legend}"><rect x="${n(item.x)}" y="${n(item.y - 5)}" width="14" height="10" rx="2" fill="${color(item.series)}"/>${titled(item.label, text(item.x + 18, item.y, item.label.shown))}</g>`

/** A coordinate: two decimals at most, never NaN, Infinity or -0. */
const n = (x: number): string => {
  const r = Math.round(x * 100) / 100
  return Number.isFinite(r) ? String(r + 0) : "0"
}

/** A coordinate for a 1px line, on the half pixel so it is drawn sharp. */
const crisp = (x: number): string => n(Math.round(x) + 0.5)
