/**
 * `tongxin init <dir>`: scaffolds a district: a small valid `district.yaml` to edit and a
 * `rubric.json` (the Qingshan example rubric) to score it with.
 */
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { type CliError, inputError } from "../internal/errors.js"
import { shown } from "../internal/files.js"
import { boolean, json, verbose } from "../internal/options.js"
import { printJson } from "../internal/output.js"
import { districtYaml } from "../internal/sample.js"

/** The files `init` writes, by name. */
export const files = ["district.yaml", "rubric.json"] as const

/** The Qingshan example rubric as `@tongxin/core` ships it. */
export const rubricText = (): string =>
  readFileSync(createRequire(import.meta.url).resolve("@tongxin/core/rubrics/qingshan.json"), "utf8")

/** Writes the sample files into `dir`; refuses to overwrite unless `force`. */
export const run = (
  dir: string,
  options: { readonly force: boolean },
): Effect.Effect<ReadonlyArray<string>, CliError> =>
  Effect.gen(function* () {
    const targets = files.map((f) => join(dir, f))
    const existing = targets.filter((t) => existsSync(t))
    if (existing.length > 0 && !options.force) {
      return yield* inputError(`refusing to overwrite ${existing.map(shown).join(" and ")}`, {
        details: ["choose another folder, or pass --force to replace them"],
      })
    }
    yield* Effect.try({
      try: () => {
        mkdirSync(dir, { recursive: true })
        writeFileSync(targets[0]!, districtYaml)
        writeFileSync(targets[1]!, rubricText())
      },
      catch: (e) => inputError(`cannot write into ${shown(dir)}: ${(e as Error).message}`, { cause: e }),
    })
    return targets.map(shown)
  })

export const command = Command.make(
  "init",
  {
    dir: Argument.String("dir").pipe(Argument.withDescription("The folder to write into (created if missing).")),
    force: boolean("force", "Overwrite district.yaml and rubric.json if they exist."),
    json,
    verbose,
  },
  (o) =>
    Effect.gen(function* () {
      const written = yield* run(o.dir, { force: o.force })
      if (o.json) return yield* printJson({ ok: true, dir: shown(o.dir), files: written })
      yield* Console.log(`✓ 已创建 Created ${written.join(", ")}`)
      yield* Console.log(
        [
          "下一步 Next:",
          `  tongxin validate ${written[0]}`,
          `  tongxin import ${written[0]}`,
          "  tongxin assign",
          "  tongxin coverage",
          `  tongxin score --rubric ${written[1]}`,
          `  tongxin report --rubric ${written[1]} --out report.html`,
        ].join("\n"),
      )
    }),
).pipe(
  Command.withDescription(
    "Scaffold a district in <dir>: district.yaml (a small valid sample district to edit: two streets, four communities, twelve members, a year of activities) and rubric.json (the Qingshan example rubric). Refuses to overwrite existing files (exit 1) unless --force.",
  ),
  Command.withShortDescription("Scaffold a sample district.yaml and rubric.json in a folder"),
)
