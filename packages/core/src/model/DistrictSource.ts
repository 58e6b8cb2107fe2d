/**
 * District documents as text (JSON or YAML): parse them and point every problem at its file, line
 * and column, so a clerk can open the file and fix it.
 *
 * The readers never throw and keep to limits, whatever the file:
 * - a file that is not text (NUL bytes, or mostly control characters and undecodable bytes, such
 *   as a spreadsheet saved as `.xlsx` or as UTF-16) gets one issue, `not-text`;
 * - a text value or key longer than 1,000,000 characters is refused (`too-long`) before anything
 *   else is checked;
 * - YAML aliases may copy at most 100,000 values into a document, all aliases together
 *   (`too-many-aliases`); an alias with no anchor before it (`unresolved-alias`) or inside the
 *   value it names (`alias-cycle`) is refused too;
 * - at most 1,000 issues come back, then one more (`too-many-problems`) saying how many were left
 *   out; messages and paths longer than 1,000 characters are cut, with their length;
 * - an unexpected exception comes back as an issue (`internal`) instead of being thrown.
 *
 * JSON text (a document starting with `{` or `[`) is read with `JSON.parse`, and positions are
 * worked out only when there are problems, so reading costs little more than `JSON.parse`; text
 * that JSON.parse refuses, or that may repeat a key in an object, is read as YAML, so its problems
 * read exactly as YAML reports them.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { capIssues, unexpected } from "../internal/inputLimits.js"
import { decodeText, readSource } from "../internal/sourceText.js"
import type { DistrictData, DistrictError, ValidateOptions } from "./District.js"
import type * as Issue from "./Issue.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface ParseTextOptions extends ValidateOptions {
  /** Shown in every issue; a path or just a name. */
  readonly filename?: string
}

/**
 * Parses a JSON or YAML document and decodes it as district data. Syntax errors, shape errors and
 * integrity errors all come back as issues with line and column, top to bottom, within the limits
 * described above. Never throws.
 *
 * JSON is a subset of YAML 1.2 and reads as the same value and positions either way; it is read
 * with `JSON.parse` unless JSON.parse refuses it or it may repeat a key, and then by the YAML
 * parser, which words syntax errors and repeated keys as it always has.
 *
 * @since 0.1.0
 * @category decoding
 */
export const parseText = (text: string, options: ParseTextOptions = {}): Result.Result<DistrictData, DistrictError> =>
  decodeText(text, options)

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
 * Reads JSON or YAML text; the failure holds its syntax errors with positions (at most 1,000 and
 * one saying how many more). Never throws.
 *
 * @since 0.1.0
 * @category decoding
 */
export const readDocument = (
  text: string,
  filename?: string,
): Result.Result<SourceDocument, ReadonlyArray<Issue.Issue>> => {
  try {
    const source = readSource(text, filename)
    return Result.isFailure(source) ? Result.fail(capIssues(source.failure, filename)) : source
  } catch (e) {
    return Result.fail([unexpected(e, filename)])
  }
}
