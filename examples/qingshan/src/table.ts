// Console tables that line up Chinese and Latin text: a CJK character takes two columns.
const width = (s: string): number => {
  let w = 0
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1
  return w
}

const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - width(s)))
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - width(s))) + s

/** Renders rows under a header; columns whose cells are all numbers are right-aligned. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = rows.map((r) => r.map(String))
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === "number"))
  const widths = header.map((h, c) => Math.max(width(h), ...cells.map((r) => width(r[c] ?? ""))))
  const line = (r: ReadonlyArray<string>) =>
    r
      .map((cell, c) => (numeric[c] ? padStart(cell, widths[c]!) : padEnd(cell, widths[c]!)))
      .join("  ")
      .trimEnd()
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n")
}
