import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { type BarChart, bar } from "../src/internal/chart.js"
import { chartLabel, escapeHtml, formatNumber } from "../src/internal/html.js"
import { textWidth, truncate } from "../src/internal/measure.js"
import { niceTicks } from "../src/internal/ticks.js"

// Reading the charts back: the markup is ours, so a few regular expressions suffice.
const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")

/** What keeps a string from being well-formed XML: tags, attributes, entities and characters. */
const xmlProblems = (xml: string): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const stack: Array<string> = []
  let roots = 0
  const token = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[^\s=/>]+="[^"]*")*)\s*(\/?)>|[^<]+/y
  const badEntity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/
  const badChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
  const checkText = (text: string, where: string) => {
    if (badEntity.test(text)) problems.push(`bare & in ${where}`)
    if (badChar.test(text)) problems.push(`a character XML does not allow in ${where}`)
  }
  let i = 0
  while (i < xml.length) {
    token.lastIndex = i
    const m = token.exec(xml)
    if (m === null) {
      problems.push(`stray < at ${i}: ${xml.slice(i, i + 40)}`)
      break
    }
    i = token.lastIndex
    const [whole, close, name, attributes = "", selfClosing] = m
    if (name === undefined) {
      if (stack.length === 0 && whole.trim() !== "") problems.push(`text outside the root: ${whole.slice(0, 40)}`)
      checkText(whole, "text")
      continue
    }
    if (close === "/") {
      if (attributes !== "" || selfClosing === "/") problems.push(`malformed end tag ${whole}`)
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`)
      continue
    }
    if (stack.length === 0) roots++
    const names = new Set<string>()
    for (const a of attributes.matchAll(/([^\s=]+)="([^"]*)"/g)) {
      if (!/^[A-Za-z_:][\w.:-]*$/.test(a[1]!)) problems.push(`bad attribute name ${a[1]}`)
      if (names.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} on <${name}>`)
      names.add(a[1]!)
      if (a[2]!.includes("<")) problems.push(`< in attribute ${a[1]}`)
      checkText(a[2]!, `attribute ${a[1]}`)
    }
    if (selfClosing !== "/") stack.push(name)
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(" > ")}`)
  if (roots !== 1) problems.push(`${roots} root elements`)
  return problems
}

const svgElements = new Set(["svg", "g", "path", "text", "rect", "title"])

interface Drawn {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

/** The bars of one series, in category order. */
const barsOf = (svg: string, key: string, series: number): ReadonlyArray<Drawn> => {
  const group = new RegExp(`<g id="${key}-series-${series}">(.*?)</g>`).exec(svg)
  if (group === null) throw new Error(`no series ${series}`)
  return [...group[1]!.matchAll(/<path d="M(\S+) (\S+)H(\S+)V(\S+)H\S+Z" fill="#[0-9a-f]{6}"\/>/g)].map((m) => {
    const [x1, y1, x2, y2] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) }
  })
}

/** The plot area, from the ends of the gridlines. */
const plotOf = (svg: string) => {
  const d = /<path d="([^"]*)" fill="none" stroke="#dbdee4"\/>/.exec(svg)![1]!
  const xs = [...d.matchAll(/[MH](\S+?)(?=[ MVH]|$)/g)].map((m) => Number(m[1]))
  const ys = [...d.matchAll(/(?:M\S+ |V)(\S+?)(?=[MVH]|$)/g)].map((m) => Number(m[1]))
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) }
}

const sizeOf = (svg: string) => {
  const m = /^<svg role="img" aria-label="[^"]*" width="(\d+)" height="(\d+)" viewBox="0 0 \1 \2"/.exec(svg)
  if (m === null) throw new Error(`not our svg: ${svg.slice(0, 120)}`)
  return { width: Number(m[1]), height: Number(m[2]) }
}

/** The svg without the caller's words, which may spell anything. */
const withoutWords = (svg: string) =>
  svg
    .replace(/aria-label="[^"]*"/, "")
    .replace(/(<text[^>]*>)[^<]*<\/text>/g, "$1</text>")
    .replace(/<title>[^<]*<\/title>/g, "")

const pct = (v: number) => `${v.toFixed(1)}%`
const formats: ReadonlyArray<(v: number) => string> = [formatNumber, pct, (v) => String(v), (v) => `${v} 人`]

const chart = (overrides: Partial<BarChart> = {}): BarChart => ({
  key: "c",
  title: "Chart",
  orientation: "horizontal",
  categories: ["a", "b", "c"],
  series: [{ name: "s", values: [1, 2, 3] }],
  format: formatNumber,
  ...overrides,
})

describe("bar", () => {
  it("is an accessible SVG that scales, with the heights the report lays out", () => {
    const streets = Array.from({ length: 10 }, (_, i) => `街道${i}`)
    const one = bar(
      chart({ title: 'a<b & "c"', categories: streets, series: [{ name: "x", values: streets.map(() => 1) }] }),
    )
    expect(one).toMatch(
      /^<svg role="img" aria-label="a&lt;b &amp; &quot;c&quot;" width="640" height="328" viewBox="0 0 640 328" /,
    )
    const two = bar(
      chart({
        categories: streets,
        series: [
          { name: "x", values: streets.map(() => 1) },
          { name: "y", values: streets.map(() => 2) },
        ],
      }),
    )
    expect(sizeOf(two)).toEqual({ width: 640, height: 48 + 28 + 10 * 44 })
    expect(sizeOf(bar(chart({ orientation: "vertical" })))).toEqual({ width: 640, height: 300 })
    for (const svg of [one, two]) {
      expect(svg).not.toMatch(/<script|<style|<image|<foreignObject|href=|url\(|\son[a-z]+=/i)
      expect(svg.endsWith("</svg>")).toBe(true)
    }
  })

  it("draws one bar per value, with the value written beside it", () => {
    const svg = bar(chart({ categories: ["甲", "乙"], series: [{ name: "s", values: [40, 80] }], format: pct }))
    const [a, b] = barsOf(svg, "c", 0)
    expect(b!.w).toBeCloseTo(2 * a!.w, 1)
    expect(svg).toContain(">40.0%</text>")
    expect(svg).toContain(">80.0%</text>")
    // Right of a horizontal bar's end.
    const label = /<text x="(\S+)" y="(\S+)" dy="0.35em">80.0%<\/text>/.exec(svg)!
    expect(Number(label[1])).toBeGreaterThan(b!.x + b!.w)
    expect(Number(label[2])).toBeCloseTo(b!.y + b!.h / 2, 1)
    // Above a vertical bar's top.
    const v = bar(chart({ orientation: "vertical", series: [{ name: "s", values: [1, 5, 3] }] }))
    const top = barsOf(v, "c", 0)[1]!
    const five = /<text x="(\S+)" y="(\S+)" dy="0.35em" text-anchor="middle">5<\/text>/.exec(v)!
    expect(Number(five[2])).toBeLessThan(top.y)
    expect(Number(five[1])).toBeCloseTo(top.x + top.w / 2, 1)
  })

  it("leaves out the bars of values that are missing or not finite", () => {
    const svg = bar(chart({ series: [{ name: "s", values: [Number.NaN, Number.POSITIVE_INFINITY, 2] }] }))
    expect(barsOf(svg, "c", 0)).toHaveLength(1)
    expect(withoutWords(svg)).not.toMatch(/NaN|Infinity|undefined/)
    expect(barsOf(bar(chart({ series: [{ name: "s", values: [1] }] })), "c", 0)).toHaveLength(1)
  })

  it("ends the axis at max and clips a bar beyond it to the plot", () => {
    const svg = bar(
      chart({ categories: ["a", "b"], series: [{ name: "s", values: [150, 100] }], format: pct, max: 100 }),
    )
    const [over, full] = barsOf(svg, "c", 0)
    expect(over!.w).toBe(full!.w)
    expect(svg).toContain(">150.0%</text>")
    expect(svg).toMatch(/>100<\/text>/)
    expect(svg).not.toMatch(/>120<\/text>/)
  })

  it("keeps the bars inside the image, however long the values are written", () => {
    const long = (v: number) => `${v} ${"个非常长的单位".repeat(30)}`
    for (const orientation of ["horizontal", "vertical"] as const) {
      const svg = bar(chart({ orientation, series: [{ name: "s", values: [-3, 2, 3] }], format: long }))
      const plot = plotOf(svg)
      expect(plot.right - plot.left).toBeGreaterThan(100)
      for (const d of barsOf(svg, "c", 0)) {
        expect(d.x).toBeGreaterThanOrEqual(0)
        expect(d.x + d.w).toBeLessThanOrEqual(640)
      }
    }
  })

  it("cuts long names with an ellipsis and keeps them whole in a title", () => {
    const long = "Party work reaches every member of every committee in the district"
    const svg = bar(chart({ categories: [long, "short"], series: [{ name: "s", values: [1, 2] }] }))
    const m = /<g><title>([^<]*)<\/title><text [^>]*>([^<]*)<\/text><\/g>/.exec(svg)!
    expect(decode(m[1]!)).toBe(long)
    expect(m[2]!.endsWith("…")).toBe(true)
    expect(long.startsWith(m[2]!.slice(0, -1))).toBe(true)
    expect(textWidth(decode(m[2]!))).toBeLessThanOrEqual(180)
    expect(svg).toContain(">short</text>")
    expect(svg.match(/<title>/g)).toHaveLength(1)
  })

  it("has a legend only for more than one series", () => {
    const one = bar(chart())
    const two = bar(
      chart({
        series: [
          { name: "Members", values: [1, 2, 3] },
          { name: "Party members", values: [1, 1, 1] },
        ],
      }),
    )
    expect(one).not.toContain("<rect")
    expect(two.match(/<rect /g)).toHaveLength(2)
    expect(two).toContain(">Members</text>")
    expect(two).toContain(">Party members</text>")
    expect(barsOf(two, "c", 0)[0]!.h).toBeCloseTo(barsOf(two, "c", 1)[0]!.h, 1)
    expect(two).toContain('fill="#2f6db5"')
    expect(two).toContain('fill="#d9822b"')
  })

  it("turns the names of more than eight vertical categories", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `${i * 5}–${i * 5 + 5}`)
    const of = (n: number) =>
      bar(
        chart({
          orientation: "vertical",
          categories: names(n),
          series: [{ name: "s", values: names(n).map(() => 1) }],
        }),
      )
    expect(of(8)).not.toContain("rotate(")
    expect(of(12)).toContain('transform="rotate(-30 ')
    // Too crowded for 30°: steeper rather than overlapping.
    expect(of(30)).toMatch(/rotate\(-(45|60|90) /)
  })

  it("draws an empty or all-zero chart without NaN", () => {
    for (const c of [
      chart({ categories: [], series: [{ name: "s", values: [] }] }),
      chart({ categories: [], series: [], orientation: "vertical" }),
      chart({ series: [{ name: "s", values: [0, 0, 0] }] }),
      chart({ series: [{ name: "s", values: [0, 0, 0] }], orientation: "vertical", max: 100 }),
    ]) {
      const svg = bar(c)
      expect(xmlProblems(svg)).toEqual([])
      expect(svg).not.toMatch(/NaN|Infinity|undefined/)
      expect(svg).toMatch(/>0<\/text>/)
    }
  })

  it("gives ids prefixed with the key", () => {
    const svg = bar(chart({ key: "committee-sizes" }))
    expect([...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])).toEqual(["committee-sizes-series-0"])
  })
})

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 × 10^k to about five intervals", () => {
    expect(niceTicks([26, 9, 21])).toEqual({ min: 0, max: 30, step: 5, ticks: [0, 5, 10, 15, 20, 25, 30] })
    expect(niceTicks([68, 3]).ticks).toEqual([0, 10, 20, 30, 40, 50, 60, 70])
    expect(niceTicks([105, 16]).ticks).toEqual([0, 20, 40, 60, 80, 100, 120])
    expect(niceTicks([66.7, 25], { max: 100 }).ticks).toEqual([0, 20, 40, 60, 80, 100])
    expect(niceTicks([0.023, 0.01]).ticks).toEqual([0, 0.005, 0.01, 0.015, 0.02, 0.025])
    expect(niceTicks([-12.5, 30])).toMatchObject({ min: -20, max: 30, step: 10 })
  })

  it("keeps integer data on integer ticks", () => {
    expect(niceTicks([1, 0, 1]).ticks).toEqual([0, 1])
    expect(niceTicks([3]).ticks).toEqual([0, 1, 2, 3])
  })

  it("gives 0–1 for no data or all zeros", () => {
    expect(niceTicks([]).ticks).toEqual([0, 1])
    expect(niceTicks([0, 0]).ticks).toEqual([0, 1])
    expect(niceTicks([Number.NaN]).ticks).toEqual([0, 1])
  })

  it("ends at a fixed max that is not a multiple of the step", () => {
    expect(niceTicks([50], { max: 90 }).ticks).toEqual([0, 20, 40, 60, 80, 90])
    expect(niceTicks([50], { max: 101 }).ticks).toEqual([0, 20, 40, 60, 80, 101])
  })
})

describe("text widths", () => {
  it("counts CJK and full-width forms as 1 em and Latin as about 0.55 em", () => {
    expect(textWidth("同心")).toBe(24)
    expect(textWidth("ＡＢ，")).toBe(36)
    expect(textWidth("한국")).toBe(24)
    expect(textWidth("abcdeghknopqsuv")).toBeCloseTo(15 * 0.55 * 12, 5)
    expect(textWidth("")).toBe(0)
  })

  it("truncates at whole characters, CJK or not, with an ellipsis", () => {
    expect(truncate("中华人民共和国", 50)).toBe("中华人…")
    expect(truncate("中华人民共和国", 84)).toBe("中华人民共和国")
    expect(truncate("😀😀😀😀😀😀", 40)).toBe("😀😀…")
    expect(truncate("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", 30)).toMatch(/^(e\u0301)+…$/)
    const cut = truncate("Honggangcheng Street", 100)
    expect(cut).toBe("Honggangcheng…")
    expect(textWidth(cut)).toBeLessThanOrEqual(100)
    expect(textWidth("Honggangcheng S…")).toBeGreaterThan(100)
  })
})

// Strings that are hard to lay out or to escape.
const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc
    .array(
      fc.constantFrom(
        "街",
        "道",
        "联络委",
        "（",
        "）",
        "Ａ",
        "a",
        "W",
        "i",
        " ",
        "<",
        "&",
        '"',
        "'",
        "…",
        "😀",
        "e\u0301",
        "\n",
        "\u0000",
        "\uFFFF",
      ),
      { maxLength: 40 },
    )
    .map((xs) => xs.join("")),
)

const finite = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: -100, max: 100 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: 0, max: 100, noNaN: true }).map((v) => Math.round(v * 10) / 10),
)

const anyNumber = fc.oneof(
  finite,
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, Number.EPSILON),
)

const charts = (values: fc.Arbitrary<number>): fc.Arbitrary<BarChart> =>
  fc.tuple(fc.nat({ max: 24 }), fc.nat({ max: 4 })).chain(([n, s]) =>
    fc
      .record({
        key: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        title: word,
        categories: fc.array(word, { minLength: n, maxLength: n }),
        series: fc.array(fc.record({ name: word, values: fc.array(values, { minLength: n, maxLength: n }) }), {
          minLength: s,
          maxLength: s,
        }),
        orientation: fc.constantFrom("horizontal" as const, "vertical" as const),
        format: fc.constantFrom(...formats),
        max: fc.option(fc.constantFrom(100, 1, 50.5), { nil: undefined }),
      })
      .map(({ max, ...c }): BarChart => (max === undefined ? c : { ...c, max })),
  )

const bars = (c: BarChart): ReadonlyArray<{ readonly value: number; readonly drawn: Drawn }> => {
  const svg = bar(c)
  return c.series.flatMap((s, j) => {
    const drawn = barsOf(svg, c.key, j)
    const values = s.values.filter((v) => Number.isFinite(v))
    expect(drawn).toHaveLength(values.length)
    return values.map((value, i) => ({ value, drawn: drawn[i]! }))
  })
}

describe("bar, for any chart", () => {
  it("is well-formed XML of SVG elements only", () => {
    fc.assert(
      fc.property(charts(anyNumber), (c) => {
        const svg = bar(c)
        expect(xmlProblems(svg)).toEqual([])
        for (const m of svg.matchAll(/<\/?([A-Za-z][\w:-]*)/g)) expect(svgElements).toContain(m[1])
        expect(svg).not.toMatch(/\son[a-z]+=/i)
      }),
      { numRuns: 200 },
    )
  })

  it("writes no NaN, Infinity or undefined, and the same chart the same way", () => {
    fc.assert(
      fc.property(charts(anyNumber), (c) => {
        const svg = bar(c)
        expect(withoutWords(svg)).not.toMatch(/NaN|Infinity|undefined/)
        const copy: BarChart = {
          ...c,
          categories: [...c.categories],
          series: c.series.map((s) => ({ ...s, values: [...s.values] })),
        }
        expect(bar(copy)).toBe(svg)
      }),
      { numRuns: 200 },
    )
  })

  it("shows every category name, whole or cut with its whole text in a title", () => {
    fc.assert(
      fc.property(charts(finite), (c) => {
        const svg = bar(c)
        for (const name of c.categories) {
          const full = escapeHtml(chartLabel(name))
          expect(svg.includes(`>${full}</text>`) || svg.includes(`<title>${full}</title>`), name).toBe(true)
        }
        for (const m of svg.matchAll(/<g><title>([^<]*)<\/title><text [^>]*>([^<]*)<\/text><\/g>/g)) {
          expect(m[2]!.endsWith("…")).toBe(true)
          expect(decode(m[1]!).startsWith(decode(m[2]!.slice(0, -1)))).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })

  it("writes every value as formatted", () => {
    fc.assert(
      fc.property(charts(anyNumber), (c) => {
        const svg = bar(c)
        for (const s of c.series)
          for (const v of s.values.filter((x) => Number.isFinite(x)))
            expect(svg).toContain(`>${escapeHtml(chartLabel(c.format(v)))}</text>`)
      }),
      { numRuns: 200 },
    )
  })

  it("draws bars proportional to their values, inside the plot", () => {
    fc.assert(
      fc.property(charts(finite), (c) => {
        const svg = bar(c)
        const size = sizeOf(svg)
        const plot = plotOf(svg)
        const drawn = bars(c)
        const horizontal = c.orientation === "horizontal"
        const length = (d: Drawn) => (horizontal ? d.w : d.h)
        for (const { drawn: d } of drawn) {
          expect(d.x).toBeGreaterThanOrEqual(0)
          expect(d.y).toBeGreaterThanOrEqual(0)
          expect(d.x + d.w).toBeLessThanOrEqual(size.width)
          expect(d.y + d.h).toBeLessThanOrEqual(size.height)
          // Gridlines sit on the half pixel nearest their tick.
          if (horizontal) {
            expect(d.x).toBeGreaterThanOrEqual(plot.left - 1)
            expect(d.x + d.w).toBeLessThanOrEqual(plot.right + 1)
          } else {
            expect(d.y).toBeGreaterThanOrEqual(plot.top - 1)
            expect(d.y + d.h).toBeLessThanOrEqual(plot.bottom + 1)
          }
        }
        const inRange = drawn.filter((b) => c.max === undefined || b.value <= c.max)
        const ref = inRange.reduce<(typeof inRange)[number] | undefined>(
          (best, b) => (best === undefined || Math.abs(b.value) > Math.abs(best.value) ? b : best),
          undefined,
        )
        if (ref === undefined || ref.value === 0) return
        // Each end is rounded to 0.01 px: a length is k·|value| give or take 0.01.
        for (const b of inRange)
          expect(
            Math.abs(length(b.drawn) * Math.abs(ref.value) - length(ref.drawn) * Math.abs(b.value)),
          ).toBeLessThanOrEqual(0.011 * (Math.abs(ref.value) + Math.abs(b.value)))
        // Values past a fixed max reach the end of the axis.
        for (const { drawn: d } of drawn.filter((x) => c.max !== undefined && x.value > c.max))
          if (horizontal) expect(Math.abs(d.x + d.w - plot.right)).toBeLessThanOrEqual(1)
          else expect(Math.abs(d.y - plot.top)).toBeLessThanOrEqual(1)
      }),
      { numRuns: 200 },
    )
  })

  it("writes horizontal values inside the image, by the estimated widths", () => {
    // As the report writes them: short enough that names and values leave the bars a quarter of
    // the image (past that the bars keep their quarter and long values may run out of it).
    fc.assert(
      fc.property(charts(finite), fc.constantFrom(formatNumber, pct), (drawn, format) => {
        const c: BarChart = { ...drawn, orientation: "horizontal", format }
        const svg = bar(c)
        const values = /<g fill="#333" stroke="#fff"[^>]*>(.*?)<\/g>/.exec(svg)![1]!
        for (const m of values.matchAll(/<text x="(\S+)" y="\S+" dy="0.35em"( text-anchor="end")?>([^<]*)<\/text>/g)) {
          const x = Number(m[1])
          const w = textWidth(decode(m[3]!))
          if (m[2] === undefined) expect(x + w).toBeLessThanOrEqual(640)
          else expect(x - w).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 200 },
    )
  })

  it("gives ids that start with the key and are unique in a document of charts", () => {
    fc.assert(
      fc.property(
        charts(finite),
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { minLength: 2, maxLength: 4 }),
        (c, keys) => {
          const ids = keys.flatMap((key) =>
            [...bar({ ...c, key }).matchAll(/ id="([^"]+)"/g)].map((m) => {
              expect(m[1]!.startsWith(`${key}-`)).toBe(true)
              return m[1]
            }),
          )
          expect(new Set(ids).size).toBe(ids.length)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe("niceTicks, for any values", () => {
  it("rises from zero or below to a max that covers every value (or is the fixed max)", () => {
    fc.assert(
      fc.property(fc.array(anyNumber, { maxLength: 30 }), fc.option(finite, { nil: undefined }), (values, max) => {
        const scale = niceTicks(values, { max })
        const data = values.filter((v) => Number.isFinite(v))
        const { ticks } = scale
        expect(ticks.every((t) => Number.isFinite(t))).toBe(true)
        expect(ticks.length).toBeGreaterThanOrEqual(2)
        expect(ticks.length).toBeLessThanOrEqual(14)
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!)
        expect(ticks[0]).toBe(scale.min)
        expect(ticks[ticks.length - 1]).toBe(scale.max)
        expect(scale.min).toBeLessThanOrEqual(Math.min(0, ...data))
        const low = Math.min(0, ...data)
        if (max !== undefined && max > low) expect(scale.max).toBe(max + 0)
        else expect(scale.max).toBeGreaterThanOrEqual(Math.max(0, ...data))
      }),
      { numRuns: 500 },
    )
  })

  it("steps by 1, 2 or 5 × 10^k, in integers for integer data", () => {
    // Subnormal data (below 1e-300) gets an axis from zero to itself, not a round step.
    const normal = finite.filter((v) => v === 0 || Math.abs(v) >= 1e-300)
    fc.assert(
      fc.property(fc.array(normal, { minLength: 1, maxLength: 30 }), (values) => {
        const scale = niceTicks(values)
        const mantissa = Number((scale.step / 10 ** Math.floor(Math.log10(scale.step))).toPrecision(6))
        expect([1, 2, 5, 10]).toContain(mantissa)
        if (values.every((v) => Number.isInteger(v))) expect(scale.ticks.every((t) => Number.isInteger(t))).toBe(true)
        // About five intervals.
        expect((scale.max - scale.min) / scale.step).toBeLessThanOrEqual(12)
      }),
      { numRuns: 500 },
    )
  })
})
