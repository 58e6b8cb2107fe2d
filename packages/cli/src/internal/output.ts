/**
 * What commands print: tables for people (Chinese and Latin text lined up), JSON for machines,
 * issues with file, line and column, and a progress bar on a terminal.
 */
import type { Issue, Labels } from "@tongxin/core"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { inspect } from "node:util"

/**
 * Text as a terminal may show it. Ids and names come from user data and may hold ESC, BEL and
 * other C0/C1 control characters (which can write to the clipboard, erase lines or move the
 * cursor), bidirectional marks and overrides (which reorder what is shown) and line separators:
 * each is written as a visible escape, `\u001b`. Colour codes (`ESC [ … m`) are removed, unless
 * `colours` (the help the CLI styled itself, on a terminal). `multiline`: newlines and tabs are
 * kept (messages); a table cell or a progress label is one line.
 */
export const visible = (
  text: string,
  options: { readonly multiline?: boolean; readonly colours?: boolean } = {},
): string =>
  text.replace(options.multiline === true ? unsafeInText : unsafeInLine, (m) =>
    m.length > 1 ? (options.colours === true ? m : "") : codePoint(m),
  )

// One pass, so that removing a colour code can never join the halves of another sequence: a colour
// code, or C0 (but newline and tab in text), DEL, C1, a bidirectional mark or override, a line or
// paragraph separator.
const unsafeInText =
  /\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const unsafeInLine = /\x1b\[[0-9;]*m|[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
// What `JSON.stringify` leaves raw: it escapes C0 only.
const unsafeInJson = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const codePoint = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`

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
  const cells = rows.map((r) => r.map((cell) => visible(String(cell))))
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

/**
 * A JSON document as printed: 2-space indented, with DEL, C1 controls, bidirectional marks and
 * overrides and line separators escaped as `\u009b` as well as the C0 controls `JSON.stringify`
 * escapes, so that `--json` on a terminal cannot drive it either. The value read back is the same.
 */
export const jsonText = (value: unknown): string => JSON.stringify(value, null, 2).replace(unsafeInJson, codePoint)

/** Pretty JSON on stdout, one document per command. */
export const printJson = (value: unknown): Effect.Effect<void> => Console.log(jsonText(value))

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
  const where =
    i.file === undefined ? "" : `${visible(i.file)}${i.line === undefined ? "" : `:${i.line}:${i.column ?? 1}`}  `
  const head = `${where}${visible(i.path)}: `
  // The Chinese message sits under the English one, unless a long file name would push it far right.
  const indent = width(head) <= 48 ? width(head) : 4
  return [`  ${head}${visible(i.message)}`, `  ${" ".repeat(indent)}${visible(i.messageZh)}`]
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
    barShown = true
    const cols = 24
    const filled = Math.round((cols * Math.min(n, total)) / Math.max(1, total))
    process.stderr.write(
      `\r\x1b[2K${title} [${"█".repeat(filled)}${"░".repeat(cols - filled)}] ${Math.min(n, total)}/${total} ${visible(label)}`,
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
      barShown = false
    }),
  }
}

// Whether a bar is on the last line of stderr: an interrupted command does not reach its `done`.
let barShown = false

/** Clears a bar an interrupted command left drawn. */
export const clearProgress: Effect.Effect<void> = Effect.sync(() => {
  if (!barShown) return
  process.stderr.write("\r\x1b[2K")
  barShown = false
})

/** Whether text for `stream` should be plain: it is not a terminal, or `NO_COLOR` is set. */
export const plain = (stream: NodeJS.WriteStream): boolean =>
  stream.isTTY !== true || process.env["NO_COLOR"] !== undefined

/**
 * Text the CLI styled itself (the help): `plainConsole` keeps its colour codes on a terminal. Only
 * text that holds no user data may be marked.
 */
export class Styled {
  constructor(readonly text: string) {}
}

/**
 * The console every command prints through: each line is passed through `visible`, so no control
 * character from user data reaches a terminal, a pipe or a file (in any command, message or error;
 * JSON is unchanged, as `jsonText` escaped it already). Colour codes are kept only in `Styled` text
 * going to a terminal.
 */
export const plainConsole = (base: Console.Console): Console.Console => {
  // All arguments become one string, as `console.log` would join them (but with no `%s` formats).
  const render =
    (stream: NodeJS.WriteStream) =>
    (args: ReadonlyArray<unknown>): ReadonlyArray<string> =>
      args.length === 0
        ? []
        : [
            args
              .map((a) =>
                a instanceof Styled
                  ? visible(a.text, { multiline: true, colours: !plain(stream) })
                  : visible(typeof a === "string" ? a : inspect(a), { multiline: true }),
              )
              .join(" "),
          ]
  const out = render(process.stdout)
  const err = render(process.stderr)
  const label = (l: string | undefined) => (l === undefined ? l : visible(l))
  return {
    assert: (condition, ...args) => base.assert(condition, ...err(args)),
    clear: () => base.clear(),
    count: (l) => base.count(label(l)),
    countReset: (l) => base.countReset(label(l)),
    debug: (...args) => base.debug(...out(args)),
    dir: (item, options) => base.dir(item, options),
    dirxml: (...args) => base.dirxml(...out(args)),
    error: (...args) => base.error(...err(args)),
    group: (...args) => base.group(...out(args)),
    groupCollapsed: (...args) => base.groupCollapsed(...out(args)),
    groupEnd: () => base.groupEnd(),
    info: (...args) => base.info(...out(args)),
    log: (...args) => base.log(...out(args)),
    table: (tabularData, properties) => base.table(tabularData, properties),
    time: (l) => base.time(label(l)),
    timeEnd: (l) => base.timeEnd(label(l)),
    timeLog: (l, ...args) => base.timeLog(label(l), ...out(args)),
    trace: (...args) => base.trace(...err(args)),
    warn: (...args) => base.warn(...err(args)),
  }
}
