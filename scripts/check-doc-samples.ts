/**
 * Type-checks every ```ts code block of the guides (docs/*.md), README.md and README.zh-CN.md.
 *
 * Each block becomes its own module in `.tongxin/doc-samples/` (git-ignored) and all of them are
 * checked with the TypeScript compiler API using the options of `tsconfig.base.json` (with the
 * `@tongxin/source` condition, so `@tongxin/*` imports resolve to the workspace sources).
 *
 * A fragment declares what it uses with an HTML comment on the line(s) right before the block:
 *
 *   <!-- sample: prelude=district -->   prepend the prelude named `district` (see PRELUDES below;
 *                                        several may be given: prelude=district,effect)
 *   <!-- sample: skip why it cannot compile -->   do not check the block (a reason is required)
 *
 * Errors are printed as `file:line:column` of the Markdown file; the exit status is 1 on any error.
 *
 * Run: `pnpm check:samples`
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const outDir = join(root, ".tongxin", "doc-samples")

/** Declarations prepended to fragments that use names defined elsewhere in their guide. */
const PRELUDES: Record<string, string> = {
  // a checked district, as `DistrictSource.parseText(...).success` or `District.parse(...).success` gives it
  district: [
    `import type { District as District_ } from "@tongxin/core"`,
    `declare const data: District_.DistrictData`,
  ].join("\n"),
  // the raw text of a district file or a rubric file
  text: `declare const text: string`,
  // a parsed rubric document, e.g. the content of @tongxin/core/rubrics/qingshan.json
  rubricJson: `declare const rubricJson: unknown`,
  // `import * as Result from "effect/Result"` for blocks that continue an earlier one (our parsers
  // and the solver return a `Result`: `Result.isFailure(r)`, `r.failure`, `r.success`, `Result.getOrThrow(r)`)
  result: `import * as Result from "effect/Result"`,
  // `import * as Effect from "effect/Effect"` for blocks that continue an earlier one
  effect: `import * as Effect from "effect/Effect"`,
  // a case to open: its record, and its id on its own
  case: [
    `import type { Case as Case_ } from "@tongxin/core"`,
    `declare const caseRecord: Case_.Case`,
    `declare const caseId: Case_.Case["id"]`,
    `declare const topic: string`,
  ].join("\n"),
  // a district id and the actor who opens cases (the workflows guide)
  workflow: [
    `import type { Case as Case_, District as District_, Workflow as Workflow_ } from "@tongxin/core"`,
    `declare const district: District_.DistrictData["district"]["id"]`,
    `declare const caseId: Case_.Case["id"]`,
    `declare const office: Workflow_.Actor`,
  ].join("\n"),
  // the `claiming` workflow defined earlier in the workflows guide
  claiming: [
    `import type { Workflow as Workflow_ } from "@tongxin/core"`,
    `declare const claiming: Workflow_.Any`,
  ].join("\n"),
}

interface Sample {
  readonly mdFile: string
  /** 1-based line of the first code line in the Markdown file. */
  readonly firstLine: number
  /** 1-based line of the opening fence. */
  readonly fenceLine: number
  readonly code: string
  readonly preludes: ReadonlyArray<string>
  readonly skip?: string
}

interface Problem {
  readonly where: string
  readonly message: string
}

const problems: Array<Problem> = []

const markdownFiles = (): Array<string> => {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join("docs", f))
  return [...docs, "README.md", "README.zh-CN.md"]
}

const markerPattern = /^<!--\s*sample:\s*(.*?)\s*-->\s*$/

const extract = (mdFile: string): Array<Sample> => {
  const lines = readFileSync(join(root, mdFile), "utf8").split(/\r?\n/)
  const samples: Array<Sample> = []
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!)
    if (fence === null) continue
    const [, indent, marks, lang] = fence
    // find the closing fence
    let end = i + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(marks!)) end++
    if (lang === "ts" || lang === "typescript") {
      // markers: the comment lines right before the fence (blank lines allowed in between)
      const preludes: Array<string> = []
      let skip: string | undefined
      for (let j = i - 1; j >= 0; j--) {
        const line = lines[j]!.trim()
        if (line === "") continue
        const marker = markerPattern.exec(line)
        if (marker === null) break
        const body = marker[1]!
        const where = `${mdFile}:${j + 1}`
        if (/^skip\b/.test(body)) {
          const reason = body.slice(4).trim()
          if (reason === "") problems.push({ where, message: "`sample: skip` needs a reason" })
          skip = reason || "(no reason)"
        } else if (/^prelude=/.test(body)) {
          for (const name of body
            .slice("prelude=".length)
            .split(/[\s,]+/)
            .filter((n) => n !== "")) {
            if (!(name in PRELUDES))
              problems.push({
                where,
                message: `unknown prelude "${name}" (known: ${Object.keys(PRELUDES).join(", ")})`,
              })
            else preludes.unshift(name)
          }
        } else problems.push({ where, message: `unknown sample marker "${body}"` })
      }
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l))
        .join("\n")
      samples.push({
        mdFile,
        fenceLine: i + 1,
        firstLine: i + 2,
        code,
        preludes,
        ...(skip === undefined ? {} : { skip }),
      })
    }
    i = end
  }
  return samples
}

// --- write the samples -----------------------------------------------------------------------------

const all = markdownFiles().flatMap(extract)
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`)

interface Written {
  readonly sample: Sample
  readonly file: string
  /** Number of lines before the first code line (the preludes). */
  readonly offset: number
}

const written: Array<Written> = []
let skipped = 0
for (const sample of all) {
  if (sample.skip !== undefined) {
    skipped++
    continue
  }
  const prelude = sample.preludes.map((name) => PRELUDES[name]!).join("\n")
  const head = prelude === "" ? "" : `${prelude}\n`
  const base = sample.mdFile.replace(/[\\/]/g, "_").replace(/\.md$/, "")
  const file = join(outDir, `${base}_L${sample.fenceLine}.ts`)
  // `export {}` keeps every sample a module, even one without imports
  writeFileSync(file, `${head}${sample.code}\nexport {}\n`)
  written.push({ sample, file, offset: head === "" ? 0 : head.split("\n").length - 1 })
}

// --- compile ---------------------------------------------------------------------------------------

const configFile = join(root, "tsconfig.base.json")
const config = ts.readConfigFile(configFile, ts.sys.readFile)
if (config.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"))
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configFile)
const options: ts.CompilerOptions = {
  ...parsed.options,
  customConditions: ["@tongxin/source"],
  // checking, not building
  noEmit: true,
  composite: false,
  incremental: false,
  declaration: false,
  declarationMap: false,
  emitDeclarationOnly: false,
  sourceMap: false,
  // samples show a result without always using it
  noUnusedLocals: false,
  noUnusedParameters: false,
  moduleDetection: ts.ModuleDetectionKind.Force,
}

// The root has no dependency on the workspace packages: what a sample's folder cannot resolve is
// resolved as from the packages (and the plain-TS example), whose node_modules hold them.
const fallbackFrom = [
  ...readdirSync(join(root, "packages")).map((p) => join(root, "packages", p, "index.ts")),
  join(root, "examples", "embed-plain-ts", "index.ts"),
]
const host = ts.createCompilerHost(options)
const cache = ts.createModuleResolutionCache(root, (f) => f, options)
host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, containingSourceFile) =>
  literals.map((literal) => {
    const mode = ts.getModeForUsageLocation(containingSourceFile, literal, opts)
    const first = ts.resolveModuleName(literal.text, containingFile, opts, host, cache, redirected, mode)
    if (first.resolvedModule !== undefined || !containingFile.startsWith(outDir)) return first
    for (const from of fallbackFrom) {
      const next = ts.resolveModuleName(literal.text, from, opts, host, cache, redirected, mode)
      if (next.resolvedModule !== undefined) return next
    }
    return first
  })

const program = ts.createProgram({ rootNames: written.map((w) => w.file), options, host })
const byFile = new Map(written.map((w) => [resolve(w.file), w]))
for (const d of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ")
  const w = d.file === undefined ? undefined : byFile.get(resolve(d.file.fileName))
  if (d.file === undefined || d.start === undefined) {
    problems.push({ where: "(global)", message })
  } else if (w === undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start)
    problems.push({ where: `${relative(root, d.file.fileName)}:${line + 1}:${character + 1}`, message })
  } else {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start)
    const inPrelude = line < w.offset
    const where = inPrelude
      ? `${w.sample.mdFile}:${w.sample.fenceLine} (prelude ${w.sample.preludes.join(",")})`
      : `${w.sample.mdFile}:${w.sample.firstLine + line - w.offset}:${character + 1}`
    problems.push({ where, message: `TS${d.code}: ${message}` })
  }
}

for (const p of problems) console.error(`${p.where}: ${p.message}`)
console.log(
  `${all.length} ts blocks in ${markdownFiles().length} files: ${written.length} checked, ${skipped} skipped, ` +
    `${problems.length} problem${problems.length === 1 ? "" : "s"} (samples in ${relative(root, outDir)}/)`,
)
process.exitCode = problems.length === 0 ? 0 : 1
