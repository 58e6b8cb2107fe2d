/**
 * A problem found in input: where it is, what kind it is, and what to do about it, in both
 * languages. Every decoder in Tongxin reports all its problems as a list of these.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import type * as SchemaIssue from "effect/SchemaIssue"
import { echo } from "../internal/echo.js"
import { bilingualSeparator, describeRejected, optional } from "../internal/schema.js"

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
  const where =
    issue.file === undefined
      ? ""
      : `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}  `
  return `${where}${issue.path}: ${locale === "en" ? issue.message : issue.messageZh}`
}

/**
 * Turns a Schema decode failure into issues, every one of them, with plain-words messages.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromSchemaError = (error: Schema.SchemaError): ReadonlyArray<Issue> => fromSchemaIssue(error.issue)

/**
 * Turns a Schema issue tree into issues, one per failed value, with plain-words messages.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromSchemaIssue = (issue: SchemaIssue.Issue): ReadonlyArray<Issue> => {
  const out: Array<Issue> = []
  collect(issue, [], out)
  return out
}

const collect = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>, out: Array<Issue>): void => {
  switch (issue._tag) {
    case "Pointer":
      collect(issue.issue, [...path, ...issue.path], out)
      return
    case "Composite":
      for (const i of issue.issues) collect(i, path, out)
      return
    case "Encoding":
      collect(issue.issue, path, out)
      return
    case "Filter": {
      // Our checks return their bilingual message as the inner issue's message.
      const inner = issue.issue
      const message = inner._tag === "InvalidValue" ? inner.annotations?.message : undefined
      if (typeof message === "string") {
        out.push({ path: formatPath(path), code: "invalid", ...split(message) })
        return
      }
      const own = issue.filter.annotations?.message
      if (typeof own === "string") {
        out.push({ path: formatPath(path), code: "invalid", ...split(own) })
        return
      }
      // Effect's own checks say what they expected ("a value greater than 0"), in English only.
      const expected = issue.filter.annotations?.expected
      if (typeof expected === "string") {
        const actual = inner.input ?? issue.input
        out.push({
          path: formatPath(path),
          code: "invalid",
          message: `expected ${expected}, got ${formatActual(actual)}`,
          messageZh: `应为 ${expected}，实际为 ${formatActual(actual, "zh")}`,
        })
        return
      }
      collect(inner, path, out)
      return
    }
    case "MissingKey":
      out.push({
        path: formatPath(path),
        code: "missing",
        message: "is required but missing",
        messageZh: "缺少必填字段",
      })
      return
    case "UnexpectedKey":
      out.push({
        path: formatPath(path),
        code: "unexpected",
        message: "is not a known field (check the spelling)",
        messageZh: "不是可识别的字段（请检查拼写）",
      })
      return
    case "AnyOf":
      // A union where some member matched the shape: its problems are the ones to fix.
      if (issue.issues.length > 0 && !issue.issues.every((i) => i._tag === "InvalidType")) {
        for (const i of issue.issues) if (i._tag !== "InvalidType") collect(i, path, out)
        return
      }
      out.push({ path: formatPath(path), code: "invalid", ...rejected(issue.ast, issue.input) })
      return
    case "InvalidType":
      out.push({ path: formatPath(path), code: "invalid", ...rejected(issue.ast, issue.input) })
      return
    case "InvalidValue":
    case "Forbidden": {
      const message = issue.annotations?.message
      out.push({
        path: formatPath(path),
        code: "invalid",
        ...(typeof message === "string"
          ? split(message)
          : {
              message: `is not valid (got ${formatActual(issue.input)})`,
              messageZh: `取值无效（实际为 ${formatActual(issue.input, "zh")}）`,
            }),
      })
      return
    }
    case "OneOf":
      out.push({
        path: formatPath(path),
        code: "invalid",
        message: `matches more than one form (got ${formatActual(issue.input)})`,
        messageZh: `同时符合多种形式（实际为 ${formatActual(issue.input, "zh")}）`,
      })
      return
  }
}

const split = (message: string): { readonly message: string; readonly messageZh: string } => {
  const [en, zh] = message.split(bilingualSeparator)
  return zh === undefined ? { message: en!, messageZh: `格式不正确：${en}` } : { message: en!, messageZh: zh }
}

// Echoed values are cut short, with the size of the whole: a clerk needs to recognise the value,
// not read a whole file back (and a 100 MB value must not be copied into a message to be cut).
const formatActual = (input: unknown, locale: "en" | "zh" = "en"): string =>
  input === undefined ? "nothing" : echo(input, locale)

// Effect names schema types ("Struct", "ReadonlyArray"); a clerk needs "an object with fields", in
// both languages.
const rejected = (ast: SchemaAST.AST, input: unknown): { readonly message: string; readonly messageZh: string } => {
  const own = ast.annotations?.[describeRejected]
  if (typeof own === "function") return split((own as (actual: unknown) => string)(input))
  // A union may name the same kind twice (two object shapes): say it once.
  const names = [...new Map(expectedNames(ast).map((n) => [n[0], n] as const)).values()]
  const actual = formatActual(input)
  const actualZh = formatActual(input, "zh")
  if (names.length === 0)
    return {
      message: `is not the right kind of value (got ${actual})`,
      messageZh: `取值类型不正确（实际为 ${actualZh}）`,
    }
  return {
    message: `expected ${names.map((n) => n[0]).join(" or ")}, got ${actual}`,
    messageZh: `应为${names.map((n) => n[1]).join("或")}，实际为 ${actualZh}`,
  }
}

type Name = readonly [en: string, zh: string]

const name = (en: string, zh: string): Name => [en, zh]

const expectedNames = (ast: SchemaAST.AST): ReadonlyArray<Name> => {
  switch (ast._tag) {
    case "String":
      return [name("text", "文本")]
    case "Number":
      return [name("a number", "数字")]
    case "Boolean":
      return [name("true or false", "布尔值（true 或 false）")]
    case "Arrays":
      return [name("a list", "列表")]
    case "Objects":
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length > 0
        ? [name("an object of named values", "由名称和值组成的对象")]
        : [name("an object of named fields", "由字段组成的对象")]
    case "Null":
      return [name("null", "null")]
    case "Literal":
      return [name(JSON.stringify(ast.literal), JSON.stringify(ast.literal))]
    case "Union":
      return ast.types.flatMap(expectedNames)
    case "Suspend":
      return expectedNames(ast.thunk())
    default:
      return []
  }
}
