/**
 * What commands print: tables for people (Chinese and Latin text lined up), JSON for machines,
 * issues with file, line and column, and a progress bar on a terminal.
 */
import type { Issue, Labels } from "@tongxin/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"

// A CJK character takes two columns in a terminal.
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u

export const width = (s: string): number => {
  let w = 0
  for (const ch of s) w += wide.test(ch) ? 2 : 1
  return w
}

const padEnd = (s: string, w: number) => s + " ".repeat(Math.max(0, w - width(s)))
const padStart = (s: string, w: number) => " ".repeat(Math.max(0, w - width(s))) + s

/** Rows under a header; columns whose cells are all numbers are right-aligned. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string => {
  const cells = rows.map((r) => r.map(String))
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === "number"))
  const widths = header.map((h, c) => Math.max(width(h), ...cells.map((r) => width(r[c] ?? ""))))
  const line = (r: ReadonlyArray<string>) =>
    r
      .map((cell, c) => (numeric[c] ? padStart(cell, widths[c] ?? 0) : padEnd(cell, widths[c] ?? 0)))
      .join("  ")
      .trimEnd()
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n")
}

/** `12.5%`, or `—` when there is nothing to divide by. */
export const percent = (n: number, d: number): string => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`)

/** Both labels, Chinese first: `优秀 Excellent`. */
export const both = (labels: Labels.Labels): string => `${labels["zh-CN"]} ${labels.en}`

/** Rounds to two decimals, so JSON and tables show what a person would write. */
export const round2 = (x: number): number => Math.round(x * 100) / 100

/** Rounds a ratio to four decimals. */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

/** Pretty JSON on stdout, one document per command. */
export const printJson = (value: unknown): Effect.Effect<void> => Console.log(JSON.stringify(value, null, 2))

/** An issue as JSON: every key present, `null` when unknown, in a fixed order. */
export const issueJson = (i: Issue.Issue) => ({
  file: i.file ?? null,
  line: i.line ?? null,
  column: i.column ?? null,
  path: i.path,
  code: i.code,
  message: i.message,
  messageZh: i.messageZh,
})

/** `file:line:column  path: message` and the Chinese message aligned under it. */
export const issueLines = (i: Issue.Issue): ReadonlyArray<string> => {
  const where = i.file === undefined ? "" : `${i.file}${i.line === undefined ? "" : `:${i.line}:${i.column ?? 1}`}  `
  const head = `${where}${i.path}: `
  // The Chinese message sits under the English one, unless a long file name would push it far right.
  const indent = width(head) <= 48 ? width(head) : 4
  return [`  ${head}${i.message}`, `  ${" ".repeat(indent)}${i.messageZh}`]
}

/** Whether the progress bar may draw: stderr is a terminal, and neither `--json` nor CI asked for quiet. */
export const interactive = (json: boolean): boolean =>
  !json && process.stderr.isTTY === true && process.env["CI"] === undefined

/**
 * A progress bar over the steps of a long command, drawn on stderr only on a terminal. Steps are
 * the phases the work goes through (read, check, write…); each `step` moves the bar forward.
 */
export interface Progress {
  readonly step: (label: string) => Effect.Effect<void>
  readonly done: Effect.Effect<void>
}

export const progress = (title: string, total: number, enabled: boolean): Progress => {
  let n = 0
  const draw = (label: string) => {
    const cols = 24
    const filled = Math.round((cols * Math.min(n, total)) / Math.max(1, total))
    process.stderr.write(
      `\r\x1b[2K${title} [${"█".repeat(filled)}${"░".repeat(cols - filled)}] ${Math.min(n, total)}/${total} ${label}`,
    )
  }
  return {
    step: (label) =>
      Effect.sync(() => {
        if (!enabled) return
        n++
        draw(label)
      }),
    done: Effect.sync(() => {
      if (enabled) process.stderr.write("\r\x1b[2K")
    }),
  }
}

// Escape sequences a formatter may put in text (help, errors); a pipe or a file should not receive them.
// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*m/g

/** Whether text for `stream` should be plain: it is not a terminal, or `NO_COLOR` is set. */
export const plain = (stream: NodeJS.WriteStream): boolean =>
  stream.isTTY !== true || process.env["NO_COLOR"] !== undefined

/** The default console, with colour codes removed from output that does not go to a terminal. */
export const plainConsole = (base: Console.Console): Console.Console => {
  const strip = (args: ReadonlyArray<unknown>) => args.map((a) => (typeof a === "string" ? a.replace(ansi, "") : a))
  const out = (args: ReadonlyArray<unknown>) => (plain(process.stdout) ? strip(args) : args)
  const err = (args: ReadonlyArray<unknown>) => (plain(process.stderr) ? strip(args) : args)
  return {
    assert: (condition, ...args) => base.assert(condition, ...args),
    clear: () => base.clear(),
    count: (label) => base.count(label),
    countReset: (label) => base.countReset(label),
    debug: (...args) => base.debug(...out(args)),
    dir: (item, options) => base.dir(item, options),
    dirxml: (...args) => base.dirxml(...args),
    error: (...args) => base.error(...err(args)),
    group: (...args) => base.group(...args),
    groupCollapsed: (...args) => base.groupCollapsed(...args),
    groupEnd: () => base.groupEnd(),
    info: (...args) => base.info(...out(args)),
    log: (...args) => base.log(...out(args)),
    table: (tabularData, properties) => base.table(tabularData, properties),
    time: (label) => base.time(label),
    timeEnd: (label) => base.timeEnd(label),
    timeLog: (label, ...args) => base.timeLog(label, ...args),
    trace: (...args) => base.trace(...err(args)),
    warn: (...args) => base.warn(...err(args)),
  }
}
