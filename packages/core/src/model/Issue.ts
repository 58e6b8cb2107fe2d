/**
 * A problem found in input: where it is, what kind it is, and what to do about it, in both
 * languages. Every decoder in Tongxin reports all its problems as a list of these.
 *
 * @since 0.1.0
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { bilingualSeparator } from "../internal/schema.js"
import { optional } from "../internal/schema.js"

/**
 * One problem. `path` points into the input (`members[3].sector`); `line` and `column` are set
 * when the input came from a file.
 *
 * @since 0.1.0
 * @category models
 */
export const Issue = Schema.Struct({
  path: Schema.String,
  code: Schema.String,
  message: Schema.String,
  messageZh: Schema.String,
  file: optional(Schema.String),
  line: optional(Schema.Number),
  column: optional(Schema.Number),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Issue extends Schema.Schema.Type<typeof Issue> {}

/**
 * A path segment: an object key or an array index.
 *
 * @since 0.1.0
 * @category models
 */
export type Segment = string | number

/**
 * Writes a path the way people read it: `members[3].sector`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatPath = (segments: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`
    else if (typeof s === "string" && /^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`
    else out += `[${JSON.stringify(String(s))}]`
  }
  return out === "" ? "(root)" : out
}

/**
 * Reads a path written by {@link formatPath} back into segments.
 *
 * @since 0.1.0
 * @category formatting
 */
export const parsePath = (path: string): ReadonlyArray<Segment> => {
  if (path === "(root)") return []
  const out: Array<Segment> = []
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1])
    else if (m[2] !== undefined) out.push(Number(m[2]))
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string)
  }
  return out
}

/**
 * Formats one issue for a console: `file:line:column  path  message`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (issue: Issue, locale: "zh-CN" | "en" = "en"): string => {
  const where = issue.file === undefined ? "" : `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}  `
  return `${where}${issue.path}: ${locale === "en" ? issue.message : issue.messageZh}`
}

/**
 * Turns Schema decode failures into issues, every one of them, with plain-words messages.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParseError = (error: ParseResult.ParseError): ReadonlyArray<Issue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((e) => {
    const path = formatPath(e.path)
    switch (e._tag) {
      case "Missing":
        return { path, code: "missing", message: "is required but missing", messageZh: "缺少必填字段" }
      case "Unexpected":
        return {
          path,
          code: "unexpected",
          message: "is not a known field (check the spelling)",
          messageZh: "不是可识别的字段（请检查拼写）",
        }
      default: {
        const [en, zh] = e.message.split(bilingualSeparator)
        return zh === undefined ? { path, code: "invalid", ...plainWords(en!) } : { path, code: "invalid", message: en!, messageZh: zh }
      }
    }
  })

// Effect's built-in messages name schema types ("Expected Struct (Encoded side), actual null"); a
// clerk needs "an object with fields", in both languages.
const plainWords = (en: string): { readonly message: string; readonly messageZh: string } => {
  const expected = /^Expected (.+), actual (.+)$/s.exec(en)
  if (expected === null) return { message: en, messageZh: `格式不正确：${en}` }
  const [, type, actual] = expected
  // A union reads "(A) | (B) | …": name each alternative, once.
  const names = [...new Set(type!.split(" | ").map((t) => typeNames.find(([pattern]) => pattern.test(t.replace(/^\(+/, "")))))]
  if (names.some((n) => n === undefined)) {
    // A type with no plain name: say what was found, not the decoder's name for what was expected.
    return /Encoded side|Type side|Struct|ReadonlyArray/.test(type!)
      ? { message: `is not the right kind of value (got ${actual})`, messageZh: `取值类型不正确（实际为 ${actual}）` }
      : { message: en, messageZh: `应为 ${type}，实际为 ${actual}` }
  }
  const expectedEn = names.map((n) => n![1]).join(" or ")
  const expectedZh = names.map((n) => n![2]).join("或")
  return { message: `expected ${expectedEn}, got ${actual}`, messageZh: `应为${expectedZh}，实际为 ${actual}` }
}

const typeNames: ReadonlyArray<readonly [RegExp, string, string]> = [
  // Records before structs: both print as "{ … }".
  [/^(Record|\{ readonly \[x: string\])/, "an object of named values", "由名称和值组成的对象"],
  [/^(Struct|\{)/, "an object of named fields", "由字段组成的对象"],
  [/^(ReadonlyArray|Array|NonEmptyReadonlyArray|readonly \[)/, "a list", "列表"],
  [/^string$/, "text", "文本"],
  [/^NonEmptyTrimmedString$/, "non-empty text without leading or trailing spaces", "非空文本（首尾无空格）"],
  [/^number$/, "a number", "数字"],
  [/^boolean$/, "true or false", "布尔值（true 或 false）"],
  [/^an integer$/, "a whole number", "整数"],
  [/^a positive number$/, "a positive number", "正数"],
]
