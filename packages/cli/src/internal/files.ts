/**
 * Reading the files a person points the CLI at: district documents and rubrics, with every problem
 * reported against the file's lines.
 */
import { type District, DistrictCsv, DistrictSource, Scoring, type Rubric } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { type CliError, inputError } from "./errors.js"
import { breakable } from "./interrupt.js"

/** How a file is named in messages: relative to the working directory when inside it. */
export const shown = (path: string): string => {
  const rel = relative(process.cwd(), resolve(path))
  return rel === "" || rel.startsWith("..") ? path : rel
}

/** The text of a file, or an input error in plain words. */
export const readText = (path: string, what: string): Effect.Effect<string, CliError> =>
  Effect.try({
    try: () => readFileSync(path, "utf8"),
    catch: (e) => {
      const code = (e as NodeJS.ErrnoException).code
      const why =
        code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "it is a folder"
            : code === "EACCES"
              ? "permission denied"
              : String((e as Error).message)
      return inputError(`cannot read the ${what} ${shown(path)}: ${why}`, { cause: e })
    },
  })

const districtNames = ["district.yaml", "district.yml", "district.json"]

/** A district file, or the district.yaml / .yml / .json inside a folder. */
export const districtPath = (path: string): Effect.Effect<string, CliError> =>
  Effect.suspend(() => {
    if (!existsSync(path) || !statSync(path).isDirectory()) return Effect.succeed(path)
    const found = districtNames.map((n) => join(path, n)).find((p) => existsSync(p))
    if (found !== undefined) return Effect.succeed(found)
    return Effect.fail(
      inputError(`the folder ${shown(path)} has no district file`, {
        details: [
          `put the district in ${districtNames.join(", ")} inside it, or name the file itself, or export the collections as CSV files (members.csv, activities.csv, …) next to it`,
        ],
      }),
    )
  })

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory()

/** The CSV files and the district document of a folder, by name, when it holds any CSV file. */
const csvFolder = (path: string): Effect.Effect<ReadonlyMap<string, string> | undefined, CliError> =>
  Effect.gen(function* () {
    if (!isFolder(path)) return undefined
    const names = yield* Effect.try({
      try: () =>
        readdirSync(path, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name),
      catch: (e) => inputError(`cannot read the folder ${shown(path)}: ${String((e as Error).message)}`, { cause: e }),
    })
    if (!DistrictCsv.isCsvFolder(names)) return undefined
    const files = new Map<string, string>()
    for (const name of names.sort()) {
      if (!name.toLowerCase().endsWith(".csv") && !districtNames.includes(name)) continue
      files.set(name, yield* readText(join(path, name), "file"))
    }
    return files
  })

/**
 * Reads and checks a district document (JSON or YAML), or a folder of CSV files with its
 * district.yaml / district.json: shape and integrity, every problem located.
 */
export const readDistrict = (
  path: string,
): Effect.Effect<{ readonly file: string; readonly data: District.DistrictData }, CliError> =>
  Effect.gen(function* () {
    const csv = yield* csvFolder(path)
    if (csv !== undefined) {
      const folder = shown(path)
      const parsed = yield* breakable(() => DistrictCsv.parseFolder(csv, folder === "." ? {} : { folder }))
      if (Result.isFailure(parsed)) {
        const n = parsed.failure.issues.length
        return yield* inputError(`${folder}: ${n} problem${n === 1 ? "" : "s"} / ${n} 个问题`, {
          issues: parsed.failure.issues,
        })
      }
      return { file: path, data: parsed.success }
    }
    const file = yield* districtPath(path)
    const text = yield* readText(file, "district file")
    // Parsing a big file takes a while, and Ctrl-C must still stop it.
    const parsed = yield* breakable(() => DistrictSource.parseText(text, { filename: shown(file) }))
    if (Result.isFailure(parsed)) {
      const n = parsed.failure.issues.length
      return yield* inputError(`${shown(file)}: ${n} problem${n === 1 ? "" : "s"} / ${n} 个问题`, {
        issues: parsed.failure.issues,
      })
    }
    return { file, data: parsed.success }
  })

/** Reads and checks a rubric against the district's activity types. */
export const readRubric = (path: string, data: District.DistrictData): Effect.Effect<Rubric.Rubric, CliError> =>
  Effect.gen(function* () {
    const text = yield* readText(path, "rubric")
    const parsed = yield* breakable(() =>
      Scoring.parseRubricText(text, {
        filename: shown(path),
        activityTypes: data.district.activityTypes.map((t) => t.id),
      }),
    )
    if (Result.isFailure(parsed)) {
      const n = parsed.failure.issues.length
      return yield* inputError(
        `${shown(path)}: the rubric has ${n} problem${n === 1 ? "" : "s"} / 考评办法有 ${n} 个问题`,
        { issues: parsed.failure.issues },
      )
    }
    return parsed.success
  })
