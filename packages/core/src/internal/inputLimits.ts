// Limits every reader of district input keeps, so no file — however large, broken or hostile —
// makes a reader throw, run for minutes or return more than a person can read:
//
// - a file that is not text (NUL bytes, or mostly control characters and undecodable bytes) gets
//   one issue, not thousands of syntax errors;
// - a text value (or key) longer than `maxTextLength` characters is refused before decoding, so no
//   message has to echo it;
// - at most `maxIssues` issues are returned, then one saying how many more there were;
// - a message or path longer than `maxMessageLength` is cut, with its length;
// - anything a reader throws comes back as an issue.
import type { Issue } from "../model/Issue.js"
import { cutText, echo, grouped } from "./echo.js"

/** The numbers above. The store refuses rows over 1 MiB of JSON, so no longer text could be kept. */
export const limits = {
  maxIssues: 1_000,
  maxTextLength: 1_000_000,
  maxMessageLength: 1_000,
  /** Values YAML aliases may copy into a document, all aliases together (each copies at least one). */
  maxAliasValues: 100_000,
} as const

type FileOf = { readonly file?: string }

const inFile = (file: string | undefined): FileOf => (file === undefined ? {} : { file })

/** Line and column (1-based, in UTF-16 code units as editors and YAML count them) of an offset. */
export const lineColumn = (text: string, offset: number): { readonly line: number; readonly column: number } => {
  let line = 1
  let start = 0
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++
    start = i + 1
  }
  return { line, column: offset - start + 1 }
}

// How much of a file is sampled for binary content, and how much of the sample may be unreadable.
const sample = 8_192
const unreadableShare = 0.1

/**
 * Where a file stops being text, or `undefined` when it is text: the first NUL, or the first
 * control character or undecodable byte (U+FFFD) when they make up a tenth of its start. Text
 * never holds NUL, so a file with one is binary (or UTF-16, which Excel writes as "Unicode text").
 */
export const binaryOffset = (text: string): number | undefined => {
  const nul = text.indexOf("\0")
  if (nul >= 0) return nul
  const end = Math.min(text.length, sample)
  let unreadable = 0
  let first = -1
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) {
      unreadable++
      if (first < 0) first = i
    }
  }
  return end > 0 && unreadable >= end * unreadableShare ? first : undefined
}

/** The one issue for a file that is not text, or `undefined` when it is text. */
export const notText = (text: string, file?: string): Issue | undefined => {
  const at = binaryOffset(text)
  if (at === undefined) return undefined
  return {
    path: "(document)",
    code: "not-text",
    message:
      'not a text file: it holds NUL bytes or other binary data (save it as UTF-8 text: JSON, YAML or CSV; a spreadsheet saved as .xlsx or as UTF-16 "Unicode text" is not)',
    messageZh:
      "不是文本文件：其中含有 NUL 字节或其他二进制数据（请另存为 UTF-8 编码的文本：JSON、YAML 或 CSV；.xlsx 表格或 UTF-16“Unicode 文本”都不是）",
    ...inFile(file),
    ...lineColumn(text, at),
  }
}

/**
 * The strings (values and keys) of a decoded document longer than `maxTextLength`, as issues at
 * their paths — at most `maxIssues + 1` of them, which is all a reader returns. Walks with its own
 * stack and keeps paths as links to their parent, so nesting depth costs neither call stack nor
 * copying.
 */
export const oversizedText = (
  value: unknown,
  formatPath: (segments: ReadonlyArray<string | number>) => string,
): Array<Issue> => {
  const out: Array<Issue> = []
  const max = limits.maxTextLength
  const report = (at: Link, text: string, what: "value" | "key") =>
    out.push({
      path: formatPath(segments(at)),
      code: "too-long",
      message: `this ${what} is ${grouped(text.length)} characters long; a ${what} may hold at most ${grouped(max)} characters (it starts ${echo(text)})`,
      messageZh: `该${what === "key" ? "字段名" : "值"}长 ${grouped(text.length)} 个字符，最多 ${grouped(max)} 个（开头为 ${echo(text, "zh")}）`,
    })
  const stack: Array<{ readonly value: unknown; readonly at: Link }> = [{ value, at: undefined }]
  while (stack.length > 0 && out.length <= limits.maxIssues) {
    const { value: v, at } = stack.pop()!
    if (typeof v === "string") {
      if (v.length > max) report(at, v, "value")
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], at: { parent: at, segment: i } })
    } else if (typeof v === "object" && v !== null) {
      const keys = Object.keys(v)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        if (key.length > max) report({ parent: at, segment: cutText(key) }, key, "key")
        else stack.push({ value: (v as Record<string, unknown>)[key], at: { parent: at, segment: key } })
      }
    }
  }
  return out
}

type Link = { readonly parent: Link; readonly segment: string | number } | undefined

const segments = (at: Link): Array<string | number> => {
  const out: Array<string | number> = []
  for (let l = at; l !== undefined; l = l.parent) out.push(l.segment)
  return out.reverse()
}

/**
 * The first `maxIssues` issues and, when there were more, one more saying how many, placed where
 * the first one left out is: a person fixes the first ones and runs the check again.
 */
export const capIssues = (issues: ReadonlyArray<Issue>, file?: string): ReadonlyArray<Issue> => {
  const bounded = (i: Issue) => boundIssue(i)
  if (issues.length <= limits.maxIssues) return issues.map(bounded)
  const more = issues.length - limits.maxIssues
  const next = issues[limits.maxIssues]!
  const at =
    next.line === undefined
      ? { ...inFile(next.file ?? file), line: 1, column: 1 }
      : { ...inFile(next.file ?? file), line: next.line, column: next.column ?? 1 }
  return [
    ...issues.slice(0, limits.maxIssues).map(bounded),
    {
      path: "(document)",
      code: "too-many-problems",
      message: `… and ${grouped(more)} more problem${more === 1 ? "" : "s"} not shown, the next one here (the first ${grouped(limits.maxIssues)} are listed: fix them and check again)`,
      messageZh: `……另有 ${grouped(more)} 个问题未列出，下一个在此处（只列出前 ${grouped(limits.maxIssues)} 个：请先修改这些问题，再重新检查）`,
      ...at,
    },
  ]
}

// A message or path no person could read is cut: the echo in a message is already short when its
// formatter uses `echo`; this is the bound for every other one.
const boundIssue = (issue: Issue): Issue => {
  const max = limits.maxMessageLength
  if (issue.message.length <= max && issue.messageZh.length <= max && issue.path.length <= max) return issue
  return {
    ...issue,
    path: cutText(issue.path, max),
    message: cutText(issue.message, max),
    messageZh: cutText(issue.messageZh, max, "zh"),
  }
}

/** What a reader returns instead of throwing: the exception, as an issue. */
export const unexpected = (error: unknown, file?: string): Issue => {
  const what = cutText(describe(error))
  return {
    path: "(document)",
    code: "internal",
    message: `the file could not be read because of an error in Tongxin (please report it): ${what}`,
    messageZh: `由于同心（Tongxin）内部错误，无法读取文件（请报告此问题）：${what}`,
    ...inFile(file),
    line: 1,
    column: 1,
  }
}

const describe = (error: unknown): string => {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  } catch {
    return "an unknown error"
  }
}
