/**
 * Declaration files for the publishable packages, emitted by `tsc` (the TypeScript API) instead of
 * tsup's bundled `dts` (rollup-plugin-dts 6.1.1, pinned by tsup 8.5).
 *
 * Why: rollup-plugin-dts rewrites `export * as Progress from "./scoring/Progress.js"` into a
 * `declare namespace Progress { export { type Progress_Rate as Rate, … } }` block and, for a name
 * that is both a value and a type (`export const Rate = LabelledEnum.make(…)` next to
 * `export type Rate = …`), keeps only the type: consumers then cannot write `Progress.Rate.values`
 * (TS2693 "only refers to a type"). The same happened to every labelled enum (`Member.MemberLevel`,
 * `Activity.AttendanceStatus`, `Period.Granularity`, …). `tsc` emits one declaration file per source
 * file and keeps `export * as …` as written, so values and types both survive.
 *
 * Layout: `dist/types/<path>.d.ts` (ESM, the package is `"type": "module"`) and, next to each,
 * `dist/types/<path>.d.cts` (CommonJS) whose relative imports point at the `.cjs` siblings, so that
 * `require` resolves to CommonJS declarations all the way down (node16 CJS, checked by attw).
 * Declaration maps point into `src/`, which the packages publish.
 *
 * Used from each package's `tsup.config.ts` as `onSuccess: () => emitDeclarations(entry)`; it
 * type-checks the package's sources and fails the build on any error.
 */
import { mkdirSync, writeFileSync, existsSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import ts from "typescript"

export interface EmitDeclarationsOptions {
  /** The package directory (default: the working directory, which is where tsup runs). */
  readonly cwd?: string
  /** The tsconfig to take compiler options from (default `tsconfig.json`). */
  readonly tsconfig?: string
  /** Where the declarations go (default `dist/types`). */
  readonly outDir?: string
  /** The source root mirrored under `outDir` (default `src`). */
  readonly rootDir?: string
}

/**
 * Emits `.d.ts` + `.d.cts` (and their maps) for the program rooted at tsup's `entry` and checks that
 * every entry got its pair: entry `"testing/index": "src/testing/index.ts"` gives
 * `dist/types/testing/index.d.ts` and `.d.cts`.
 */
export const emitDeclarations = async (
  entry: Readonly<Record<string, string>>,
  options: EmitDeclarationsOptions = {},
): Promise<void> => {
  const started = Date.now()
  const cwd = resolve(options.cwd ?? process.cwd())
  const outDir = resolve(cwd, options.outDir ?? "dist/types")
  const rootDir = resolve(cwd, options.rootDir ?? "src")
  const configPath = resolve(cwd, options.tsconfig ?? "tsconfig.json")

  const overrides: ts.CompilerOptions = {
    // The workspace's tsconfigs are composite projects emitting into build/tsc; here we emit once.
    composite: false,
    incremental: false,
    declaration: true,
    declarationMap: true,
    emitDeclarationOnly: true,
    noEmit: false,
    sourceMap: false,
    outDir,
    rootDir,
    // Resolve sibling packages (`@tongxin/core`) through their published `exports` (dist), not the
    // `@tongxin/source` condition: a declaration must reference what consumers will have.
    customConditions: [],
  }
  const diagnostics: Array<ts.Diagnostic> = []
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d),
  }
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, overrides, host)
  if (parsed === undefined) fail(diagnostics, cwd)
  const compilerOptions: ts.CompilerOptions = { ...parsed.options, ...overrides }
  delete compilerOptions.tsBuildInfoFile

  const rootNames = Object.values(entry).map((file) => resolve(cwd, file))
  const program = ts.createProgram({ rootNames, options: compilerOptions, projectReferences: [] })
  diagnostics.push(...ts.getPreEmitDiagnostics(program))
  if (diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) fail(diagnostics, cwd)

  let files = 0
  const write = (file: string, text: string) => {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  const result = program.emit(
    undefined,
    (fileName, text) => {
      write(fileName, text)
      if (fileName.endsWith(".d.ts")) {
        files++
        write(fileName.slice(0, -".d.ts".length) + ".d.cts", toCommonJs(fileName, text))
      } else if (fileName.endsWith(".d.ts.map")) {
        const map = JSON.parse(text) as { file: string }
        map.file = map.file.replace(/\.d\.ts$/, ".d.cts")
        write(fileName.slice(0, -".d.ts.map".length) + ".d.cts.map", JSON.stringify(map))
      }
    },
    undefined,
    true,
  )
  diagnostics.push(...result.diagnostics)
  if (result.emitSkipped || diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) fail(diagnostics, cwd)

  const missing = Object.keys(entry)
    .flatMap((name) => [`${name}.d.ts`, `${name}.d.cts`])
    .filter((file) => !existsSync(join(outDir, file)))
  if (missing.length > 0) {
    throw new Error(
      `declarations: no ${missing.join(", ")} in ${relative(cwd, outDir)} (does each tsup entry name mirror its path under ${relative(cwd, rootDir)}?)`,
    )
  }
  console.log(`DTS ${relative(cwd, outDir)}: ${files} .d.ts + ${files} .d.cts from tsc in ${Date.now() - started}ms`)
}

function fail(diagnostics: ReadonlyArray<ts.Diagnostic>, cwd: string): never {
  const text = ts.formatDiagnosticsWithColorAndContext(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => cwd,
    getNewLine: () => "\n",
  })
  throw new Error(`declarations: tsc reported errors\n${text}`)
}

/**
 * The CommonJS twin of an emitted declaration file: relative module specifiers `./x.js` become
 * `./x.cjs` (which TypeScript resolves to `./x.d.cts`), and the source map comment points at the
 * `.d.cts.map`. Specifiers are found with the TypeScript parser (imports, exports, `import("…")`
 * types, `declare module "…"`), not by pattern.
 */
export const toCommonJs = (fileName: string, text: string): string => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const edits: Array<{ readonly start: number; readonly end: number; readonly text: string }> = []
  const rewrite = (node: ts.Node | undefined) => {
    if (node === undefined || !ts.isStringLiteral(node)) return
    const specifier = node.text
    if (!/^\.\.?\//.test(specifier)) return
    let next: string
    if (specifier.endsWith(".js")) next = `${specifier.slice(0, -3)}.cjs`
    else if (specifier.endsWith(".mjs") || specifier.endsWith(".cjs") || specifier.endsWith(".json")) return
    else throw new Error(`declarations: ${fileName} imports "${specifier}" without a .js extension`)
    edits.push({ start: node.getStart(source) + 1, end: node.getEnd() - 1, text: next })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) rewrite(node.moduleSpecifier)
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) rewrite(node.argument.literal)
    else if (ts.isExternalModuleReference(node)) rewrite(node.expression)
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) rewrite(node.name)
    ts.forEachChild(node, visit)
  }
  visit(source)
  let out = text
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out.replace(/^\/\/# sourceMappingURL=(.+)\.d\.ts\.map\s*$/m, "//# sourceMappingURL=$1.d.cts.map")
}
