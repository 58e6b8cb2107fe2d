/**
 * `tongxin import <file>`: checks a district document, then writes it into the store in one
 * transaction (a document with any problem writes nothing).
 */
import { type District, Outcomes, Store } from "@tongxin/core"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import type { CliError } from "../internal/errors.js"
import { orCliError } from "../internal/errors.js"
import { readDistrict, shown } from "../internal/files.js"
import { json, store, verbose } from "../internal/options.js"
import { interactive, printJson, progress } from "../internal/output.js"
import { resolveTarget, type Target, withStore } from "../internal/store.js"
import { counts, countsTable } from "./validate.js"

/** What an import wrote. */
export interface Imported {
  readonly file: string
  readonly store: string
  readonly district: { readonly id: string; readonly name: string }
  readonly counts: ReturnType<typeof counts>
  /** Outcome items created by consultation cases, kept although the document does not list them. */
  readonly keptCaseOutcomes: number
  readonly ms: number
}

/** Writes checked data into the store, keeping outcome items that cases created earlier. */
export const importData = (
  data: District.DistrictData,
): Effect.Effect<{ readonly keptCaseOutcomes: number; readonly ms: number }, CliError, Store.Store> =>
  orCliError(
    Effect.gen(function* () {
      const store = yield* Store.Store
      // The import replaces the district's collections; outcome items opened by cases (the workflow's
      // `report` command) are not in the document, so carry them over.
      const document = yield* Outcomes.withCaseOutcomes(data)
      const t0 = performance.now()
      yield* store.importDistrict(document)
      return { keptCaseOutcomes: document.outcomes.length - data.outcomes.length, ms: performance.now() - t0 }
    }),
  )

/** Reads, checks and imports a file into the store at `target`. */
export const run = (
  file: string,
  target: Target,
  options: { readonly json: boolean },
): Effect.Effect<Imported, CliError> =>
  Effect.gen(function* () {
    const bar = progress("导入 Importing", 3, interactive(options.json))
    yield* bar.step("reading and checking the file")
    const read = yield* readDistrict(file).pipe(Effect.tapError(() => bar.done))
    yield* bar.step(`writing to ${target.display}`)
    const written = yield* withStore(target, importData(read.data), { create: true }).pipe(Effect.ensuring(bar.done))
    return {
      file: shown(read.file),
      store: target.display,
      district: { id: read.data.district.id, name: read.data.district.name },
      counts: counts(read.data),
      keptCaseOutcomes: written.keptCaseOutcomes,
      ms: written.ms,
    }
  })

export const print = (r: Imported, json: boolean): Effect.Effect<void> =>
  json
    ? printJson({
        ok: true,
        file: r.file,
        store: r.store,
        district: r.district,
        counts: r.counts,
        keptCaseOutcomes: r.keptCaseOutcomes,
      })
    : Effect.gen(function* () {
        yield* Console.log(
          `✓ 已导入 Imported ${r.district.name} (${r.district.id}) from ${r.file} into ${r.store} in ${r.ms.toFixed(0)} ms`,
        )
        yield* Console.log(countsTable(r.counts))
        if (r.keptCaseOutcomes > 0)
          yield* Console.log(
            `  保留议题产生的成果 Kept ${r.keptCaseOutcomes} outcome items created by consultation cases`,
          )
      })

export const command = Command.make(
  "import",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription(
        "A district document (JSON or YAML), or a folder holding district.yaml / district.json and, optionally, CSV files of the collections (members.csv, activities.csv, attendance.csv, …).",
      ),
    ),
    store,
    json,
    verbose,
  },
  (o) =>
    Effect.gen(function* () {
      const target = yield* resolveTarget(o.store)
      const r = yield* run(o.file, target, { json: o.json })
      yield* print(r, o.json)
    }),
).pipe(
  Command.withDescription(
    "Check a district document (as validate does) and write it into the store in one transaction: the district's record and all its collections are replaced; cases, assignment runs, progress updates and evaluations are kept. A document with any problem writes nothing and exits 1. Importing the same file again changes nothing.",
  ),
  Command.withShortDescription("Check a district file and write it into the store"),
)
