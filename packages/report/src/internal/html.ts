/**
 * HTML building blocks: escaping and tables. Every string that reaches the document from a caller
 * goes through `escapeHtml`, in the charts after `chartLabel`.
 */

// C0 controls other than tab, newline and carriage return, and DEL: not allowed in HTML text.
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** Text safe for an element's content and for a double- or single-quoted attribute value. */
export const escapeHtml = (text: string): string =>
  text
    .replace(controls, "\uFFFD")
    .replace(/[&<>"']/g, (c) =>
      c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
    )

/**
 * A label for a chart: one line, and only characters XML allows (an SVG may be saved on its own),
 * so no control characters, noncharacters U+FFFE and U+FFFF, or lone surrogates. Escape it next.
 */
export const chartLabel = (text: string): string =>
  text
    .replace(/[\t\n\r]+/g, " ")
    .replace(controls, "\uFFFD")
    .replace(/[\p{Cs}\uFFFE\uFFFF]/gu, "\uFFFD")

/** A cell: text (escaped here) or already-built HTML, optionally numeric (right-aligned). */
export type Cell =
  | string
  | number
  | { readonly html: string; readonly num?: boolean }
  | { readonly text: string; readonly num?: boolean }

const cell = (tag: "td" | "th", c: Cell, rowHeader = false): string => {
  const scope = tag === "th" ? (rowHeader ? ' scope="row"' : ' scope="col"') : ""
  if (typeof c === "number") return `<${tag}${scope} class="num">${formatNumber(c)}</${tag}>`
  if (typeof c === "string") return `<${tag}${scope}>${escapeHtml(c)}</${tag}>`
  const cls = c.num === true ? ' class="num"' : ""
  return `<${tag}${scope}${cls}>${"html" in c ? c.html : escapeHtml(c.text)}</${tag}>`
}

/** A table with a header row, body rows (the first cell of each a row header) and optional footer rows. */
export const table = (options: {
  readonly attributes?: string
  readonly head: ReadonlyArray<Cell>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  readonly foot?: ReadonlyArray<ReadonlyArray<Cell>>
}): string => {
  const row = (cells: ReadonlyArray<Cell>) =>
    `<tr>${cells.map((c, i) => cell(i === 0 ? "th" : "td", c, true)).join("")}</tr>`
  const head = `<thead><tr>${options.head.map((c) => cell("th", c)).join("")}</tr></thead>`
  const body = `<tbody>${options.rows.map(row).join("\n")}</tbody>`
  const foot =
    options.foot === undefined || options.foot.length === 0 ? "" : `<tfoot>${options.foot.map(row).join("")}</tfoot>`
  return `<div class="table-wrap"><table${options.attributes ?? ""}>${head}\n${body}${foot}</table></div>`
}

/** Numbers as the report shows them: at most two decimals, no "-0". */
export const formatNumber = (n: number): string => {
  if (!Number.isFinite(n)) return "—"
  const r = Math.round(n * 100) / 100
  return String(r === 0 ? 0 : r)
}

/** A ratio (0–1) as a percentage with one decimal: "83.3%". */
export const percent = (ratio: number): string => (Number.isFinite(ratio) ? `${percentValue(ratio).toFixed(1)}%` : "—")

/** A ratio (0–1) as the percentage charted: rounded to one decimal. */
export const percentValue = (ratio: number): number => {
  const r = Math.round(ratio * 1000) / 10
  return r === 0 ? 0 : r
}
