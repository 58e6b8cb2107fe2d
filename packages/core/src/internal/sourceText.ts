// Reading district (and rubric) documents from text: JSON through JSON.parse, everything else —
// and JSON that JSON.parse refuses or that may repeat a key — through the YAML parser, so syntax
// errors and repeated keys read as they always have. Both give the same value and put problems at
// the same lines and columns; `reader: "yaml"` forces the YAML parser, for tests that compare them.
import * as Result from "effect/Result"
import {
  type Document,
  LineCounter,
  type Pair,
  type YAMLMap,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from "yaml"
import { type DistrictData, DistrictError, type ValidateOptions, parse } from "../model/District.js"
import * as Issue from "../model/Issue.js"
import { cutText, grouped } from "./echo.js"
import { capIssues, limits, notText, oversizedText, unexpected } from "./inputLimits.js"
import { readJson } from "./jsonText.js"
import { type AliasProblem, resolveAliases } from "./yamlAliases.js"

/** A parsed document: its value, and a function that adds file, line and column to issues. */
export interface Source {
  readonly value: unknown
  readonly locate: (issues: ReadonlyArray<Issue.Issue>) => ReadonlyArray<Issue.Issue>
}

/** Which parser reads JSON text: JSON.parse when it can (`auto`), or always the YAML parser. */
export type Reader = "auto" | "yaml"

/**
 * Text → district: read, decode, locate, sort top to bottom, cap. Never throws: an exception
 * becomes an issue.
 */
export const decodeText = (
  text: string,
  options: ValidateOptions & { readonly filename?: string },
  reader: Reader = "auto",
): Result.Result<DistrictData, DistrictError> => {
  const file = options.filename
  try {
    const source = readSource(text, file, reader)
    if (Result.isFailure(source)) return Result.fail(new DistrictError({ issues: capIssues(source.failure, file) }))
    const result = parse(source.success.value, options)
    if (Result.isSuccess(result)) return result
    // Read top to bottom, like the file; issues without a position keep their order at the end.
    const located = source.success.locate(result.failure.issues)
    const order = (i: Issue.Issue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.column ?? 0)
    const sorted = [...located].sort((a, b) => order(a) - order(b))
    return Result.fail(new DistrictError({ issues: capIssues(sorted, file) }))
  } catch (e) {
    return Result.fail(new DistrictError({ issues: [unexpected(e, file)] }))
  }
}

/**
 * Reads JSON or YAML text; the failure holds every problem (not capped: callers cap what they
 * return). Throws only on a bug: callers catch.
 */
export const readSource = (
  text: string,
  filename?: string,
  reader: Reader = "auto",
): Result.Result<Source, ReadonlyArray<Issue.Issue>> => {
  const file = filename === undefined ? {} : { file: filename }
  const binary = notText(text, filename)
  if (binary !== undefined) return Result.fail([binary])
  const json = reader === "auto" ? readJson(text) : undefined
  if (json !== undefined) {
    let lines: LineCounter | undefined
    const locate = (issues: ReadonlyArray<Issue.Issue>) => {
      lines ??= countLines(text)
      const counter = lines
      const offsets = json.offsets(issues.map((i) => Issue.parsePath(i.path)))
      return issues.map((issue, k) => {
        const pos = counter.linePos(offsets[k]!)
        return { ...issue, ...file, line: pos.line, column: pos.col }
      })
    }
    const source = { value: json.value, locate }
    return json.longestText > limits.maxTextLength ? checked(source) : Result.succeed(source)
  }
  return readYaml(text, file)
}

// A document whose values all fit: text longer than `maxTextLength` is refused before any decoder
// has to echo it.
const checked = (source: Source): Result.Result<Source, ReadonlyArray<Issue.Issue>> => {
  const tooLong = oversizedText(source.value, Issue.formatPath)
  return tooLong.length === 0 ? Result.succeed(source) : Result.fail(source.locate(tooLong))
}

const countLines = (text: string): LineCounter => {
  const counter = new LineCounter()
  counter.addNewLine(0)
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1)
  return counter
}

const readYaml = (
  text: string,
  file: { readonly file?: string },
): Result.Result<Source, ReadonlyArray<Issue.Issue>> => {
  const lineCounter = new LineCounter()
  // Repeated keys are found below in one pass: the parser's own check compares each key with every
  // earlier key of its map, so a map of n keys cost n² (20,000 keys took 5 s).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true })
  const errors = inFileOrder(
    doc.errors.map((e) => ({ message: e.message, at: e.pos[0], linePos: e.linePos?.[0] })),
    duplicateKeys(doc, text).map((at) => {
      const pos = lineCounter.linePos(at)
      return { message: `Map keys must be unique at line ${pos.line}, column ${pos.col}:`, at, linePos: pos }
    }),
  )
  if (errors.length > 0) {
    return Result.fail(
      errors.map((e) => ({
        path: "(document)",
        code: "syntax",
        message: `the file is not valid JSON or YAML: ${e.message.split("\n")[0]}`,
        messageZh: `文件不是有效的 JSON 或 YAML：${e.message.split("\n")[0]}`,
        ...file,
        ...(e.linePos ? { line: e.linePos.line, column: e.linePos.col } : {}),
      })),
    )
  }
  if (doc.contents === null) {
    const what = {
      path: "(document)",
      code: "empty",
      message: "the file is empty: it holds no JSON or YAML document",
      messageZh: "文件为空：没有 JSON 或 YAML 内容",
    }
    return Result.fail([{ ...what, ...file, line: 1, column: 1 }])
  }
  const resolved = resolveAliases(doc, limits.maxAliasValues)
  if (typeof resolved !== "function") {
    const pos = lineCounter.linePos(resolved.offset)
    return Result.fail([{ ...aliasIssue(resolved), ...file, line: pos.line, column: pos.col }])
  }
  let value: unknown
  try {
    // Aliases are resolved above; the library's own limit stays as a second guard.
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (e) {
    return Result.fail([
      { path: "(document)", code: "syntax", message: String(e), messageZh: `无法读取文件：${String(e)}`, ...file },
    ])
  } finally {
    resolved()
  }
  const index = new WeakMap<YAMLMap, Map<string, Pair>>()
  return checked({
    value,
    locate: (issues) =>
      issues.map((issue) => {
        // A problem with no node of its own (the whole document) points at the start of the file.
        const pos = lineCounter.linePos(offsetOf(doc, Issue.parsePath(issue.path), index) ?? 0)
        return { ...issue, ...file, line: pos.line, column: pos.col }
      }),
  })
}

interface SyntaxError {
  readonly message: string
  readonly at: number
  readonly linePos: { readonly line: number; readonly col: number } | undefined
}

// The parser's errors and the repeated keys in file order: the parser reports in the order it builds
// nodes (a flow map's repeated key after its value, a lexer error before both), which reads as random
// to someone working down the file.
const inFileOrder = (
  errors: ReadonlyArray<SyntaxError>,
  duplicates: ReadonlyArray<SyntaxError>,
): ReadonlyArray<SyntaxError> => [...errors, ...duplicates].sort((a, b) => a.at - b.at)

type Ranged = { readonly range?: readonly [number, number, number] } | null

// The offsets of keys that repeat an earlier key of their map, where the parser reports them: at the
// key, except in a block map right after an empty value (`p:`) on the line before, where the parser
// points at the end of that value.
const duplicateKeys = (doc: Document, text: string): Array<number> => {
  const out: Array<number> = []
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>()
      let previous: Ranged = null
      for (const pair of node.items) {
        walk(pair.key)
        const key = pair.key
        const repeated =
          isScalar(key) && seen.has(key.value) && !(typeof key.value === "number" && Number.isNaN(key.value))
        if (isScalar(key)) seen.add(key.value)
        if (repeated) {
          const at = (key as Ranged)?.range?.[0] ?? 0
          const empty = node.flow ? undefined : (previous?.range ?? undefined)
          out.push(
            empty !== undefined && empty[0] === empty[2] && /^\r?\n[ \t]*$/.test(text.slice(empty[2], at))
              ? empty[2]
              : at,
          )
        }
        walk(pair.value)
        previous = pair.value as Ranged
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item)
    } else if (isPair(node)) {
      walk(node.key)
      walk(node.value)
    }
  }
  walk(doc.contents)
  return out
}

const aliasIssue = (problem: AliasProblem): Issue.Issue => {
  const name = cutText(problem.name)
  const base = { path: "(document)" }
  switch (problem.kind) {
    case "unresolved":
      return {
        ...base,
        code: "unresolved-alias",
        message: `the alias *${name} has no anchor &${name} before it (an anchor must come before its aliases)`,
        messageZh: `别名 *${name} 之前没有锚点 &${name}（锚点必须写在引用它的别名之前）`,
      }
    case "cycle":
      return {
        ...base,
        code: "alias-cycle",
        message: `the alias *${name} is inside the value anchored &${name} it refers to, which would make the value contain itself`,
        messageZh: `别名 *${name} 位于它所引用的锚点 &${name} 的值之内，会使该值包含它自身`,
      }
    case "too-many":
      return {
        ...base,
        code: "too-many-aliases",
        message: `the aliases of this file copy more than ${grouped(limits.maxAliasValues)} values, the most a file may copy (this alias, *${name}, goes past it): write the values out or use fewer aliases`,
        messageZh: `本文件中的别名共复制了超过 ${grouped(limits.maxAliasValues)} 个值，超出上限（此别名 *${name} 超出了上限）：请直接写出这些值，或减少别名`,
      }
  }
}

// The start offset of the deepest node on the path that exists: the value if present, else its key,
// else the nearest ancestor. A map's keys are indexed the first time a path goes through it, so
// many issues in one large map cost one pass over it, not one each.
const offsetOf = (
  doc: Document,
  segments: ReadonlyArray<Issue.Segment>,
  index: WeakMap<YAMLMap, Map<string, Pair>>,
): number | undefined => {
  let node: unknown = doc.contents
  let offset = rangeStart(node)
  for (const segment of segments) {
    if (isMap(node)) {
      let pairs = index.get(node)
      if (pairs === undefined) {
        pairs = new Map()
        for (const p of node.items) {
          // The first of equal keys, as a search from the start would find.
          if (isPair(p) && isScalar(p.key) && !pairs.has(String(p.key.value))) pairs.set(String(p.key.value), p)
        }
        index.set(node, pairs)
      }
      const pair = pairs.get(String(segment))
      if (pair === undefined) break
      node = pair.value
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment]
      if (item === undefined) break
      node = item
      offset = rangeStart(item) ?? offset
    } else break
  }
  return offset
}

const rangeStart = (node: unknown): number | undefined => {
  const range = (node as { range?: [number, number, number] } | null)?.range
  return range === undefined ? undefined : range[0]
}
