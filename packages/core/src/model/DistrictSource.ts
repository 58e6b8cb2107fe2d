/**
 * District documents as text (JSON or YAML): parse them and point every problem at its file, line
 * and column, so a clerk can open the file and fix it.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { type Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from "yaml"
import { type DistrictData, DistrictError, type ValidateOptions, parse } from "./District.js"
import * as Issue from "./Issue.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface ParseTextOptions extends ValidateOptions {
  /** Shown in every issue; a path or just a name. */
  readonly filename?: string
}

/**
 * Parses a JSON or YAML document (JSON is read as YAML 1.2, of which it is a subset) and decodes it
 * as district data. Syntax errors, shape errors and integrity errors all come back as issues with
 * line and column.
 *
 * @since 0.1.0
 * @category decoding
 */
export const parseText = (text: string, options: ParseTextOptions = {}): Result.Result<DistrictData, DistrictError> => {
  const source = readDocument(text, options.filename)
  if (Result.isFailure(source)) return Result.fail(new DistrictError({ issues: source.failure }))
  return Result.mapError(parse(source.success.value, options), (error) => {
    // Read top to bottom, like the file; issues without a position keep their order at the end.
    const located = source.success.locate(error.issues)
    const order = (i: Issue.Issue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.column ?? 0)
    return new DistrictError({ issues: [...located].sort((a, b) => order(a) - order(b)) })
  })
}

/**
 * A parsed document: its plain value and a function that adds file, line and column to issues
 * whose paths point into it. Other decoders (rubrics, plugin configuration) use it too.
 *
 * @since 0.1.0
 * @category models
 */
export interface SourceDocument {
  readonly value: unknown
  readonly locate: (issues: ReadonlyArray<Issue.Issue>) => ReadonlyArray<Issue.Issue>
}

/**
 * Reads JSON or YAML text; `Left` holds its syntax errors with positions.
 *
 * @since 0.1.0
 * @category decoding
 */
export const readDocument = (
  text: string,
  filename?: string,
): Result.Result<SourceDocument, ReadonlyArray<Issue.Issue>> => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  const file = filename === undefined ? {} : { file: filename }
  if (doc.errors.length > 0) {
    return Result.fail(
      doc.errors.map((e) => ({
        path: "(document)",
        code: "syntax",
        message: `the file is not valid JSON or YAML: ${e.message.split("\n")[0]}`,
        messageZh: `文件不是有效的 JSON 或 YAML：${e.message.split("\n")[0]}`,
        ...file,
        ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
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
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (e) {
    return Result.fail([
      { path: "(document)", code: "syntax", message: String(e), messageZh: `无法读取文件：${String(e)}`, ...file },
    ])
  }
  return Result.succeed({
    value,
    locate: (issues) =>
      issues.map((issue) => {
        // A problem with no node of its own (the whole document) points at the start of the file.
        const pos = lineCounter.linePos(offsetOf(doc, Issue.parsePath(issue.path)) ?? 0)
        return { ...issue, ...file, line: pos.line, column: pos.col }
      }),
  })
}

// The start offset of the deepest node on the path that exists: the value if present, else its key,
// else the nearest ancestor.
const offsetOf = (doc: Document, segments: ReadonlyArray<Issue.Segment>): number | undefined => {
  let node: unknown = doc.contents
  let offset = rangeStart(node)
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))
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
