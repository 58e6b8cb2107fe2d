/**
 * Checks that every public export of the published packages carries a doc comment with `@since`
 * and `@category`.
 *
 * Walks each package entry point (the barrels named in `ENTRY_POINTS`) with the TypeScript
 * compiler API, follows `export * as X from "./X.js"` and `export * from` re-exports into the
 * modules they re-export (and `export namespace` blocks), and checks each exported declaration
 * found there. Namespace re-exports in a barrel need `@since` (the category of a module is the
 * barrel's business, not the module's); every other exported declaration needs `@since` and
 * `@category`. Declarations outside `packages/` (re-exported third-party symbols) are skipped.
 *
 * Prints one line per missing tag, `file:line name: missing @tag`, and exits 1 if any are missing.
 *
 * Usage: `tsx scripts/check-doc-tags.ts` (or `pnpm check:docs`, which also runs typedoc).
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

/** The public entry points, one per `exports` subpath of each published package. */
const ENTRY_POINTS = [
  "packages/core/src/index.ts",
  "packages/core/src/testing/index.ts",
  "packages/core/src/promise/index.ts",
  "packages/store-testkit/src/index.ts",
  "packages/store-sqlite/src/index.ts",
  "packages/store-postgres/src/index.ts",
  "packages/report/src/index.ts",
  "packages/cli/src/index.ts",
].map((p) => path.join(ROOT, p))

const PACKAGES_DIR = path.join(ROOT, "packages") + path.sep

const loadOptions = (): ts.CompilerOptions => {
  const configPath = path.join(ROOT, "tsconfig.base.json")
  const read = ts.readConfigFile(configPath, ts.sys.readFile)
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"))
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath)
  return { ...parsed.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false }
}

const program = ts.createProgram({ rootNames: ENTRY_POINTS, options: loadOptions() })
const checker = program.getTypeChecker()

interface Problem {
  readonly file: string
  readonly line: number
  readonly name: string
  readonly tag: string
}

const problems: Array<Problem> = []
const seenDeclarations = new Set<ts.Node>()
const seenModules = new Set<ts.Symbol>()

/** The node that carries the doc comment of a declaration. */
const commentHost = (decl: ts.Node): ts.Node => {
  if (ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent)) return decl.parent.parent
  if (ts.isNamespaceExport(decl) || ts.isExportSpecifier(decl)) {
    let n: ts.Node = decl
    while (!ts.isExportDeclaration(n) && n.parent) n = n.parent
    return n
  }
  return decl
}

const MODULE_TAGS = new Set(["packageDocumentation", "module"])

/**
 * The block tags of the doc comment closest to the node. A file's module comment
 * (`@packageDocumentation` / `@module`) sits on the first statement but documents the file, so it
 * does not count for that statement.
 */
const tagsOf = (node: ts.Node): ReadonlySet<string> => {
  const jsDoc = (node as { jsDoc?: ReadonlyArray<ts.JSDoc> }).jsDoc ?? []
  const own = jsDoc.filter((doc) => !(doc.tags ?? []).some((t) => MODULE_TAGS.has(t.tagName.text)))
  const last = own[own.length - 1]
  return new Set((last?.tags ?? []).map((t) => t.tagName.text))
}

const report = (decl: ts.Node, name: string, required: ReadonlyArray<string>): void => {
  if (seenDeclarations.has(decl)) return
  seenDeclarations.add(decl)
  const source = decl.getSourceFile()
  if (!source.fileName.startsWith(PACKAGES_DIR) && !path.resolve(source.fileName).startsWith(PACKAGES_DIR)) return
  const host = commentHost(decl)
  const tags = tagsOf(host)
  const { line } = source.getLineAndCharacterOfPosition(host.getStart(source))
  for (const tag of required) {
    if (!tags.has(tag)) {
      problems.push({ file: path.relative(ROOT, source.fileName), line: line + 1, name, tag })
    }
  }
}

const isModuleSymbol = (symbol: ts.Symbol): boolean =>
  (symbol.flags & ts.SymbolFlags.ValueModule) !== 0 && (symbol.declarations ?? []).some((d) => ts.isSourceFile(d))

const isNamespaceSymbol = (symbol: ts.Symbol): boolean =>
  (symbol.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) !== 0 &&
  (symbol.declarations ?? []).some((d) => ts.isModuleDeclaration(d))

/** Walks the exports of a module or namespace symbol; `prefix` is the dotted public path. */
const walk = (moduleSymbol: ts.Symbol, prefix: string): void => {
  if (seenModules.has(moduleSymbol)) return
  seenModules.add(moduleSymbol)
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const name = prefix ? `${prefix}.${exported.name}` : exported.name
    const isAlias = (exported.flags & ts.SymbolFlags.Alias) !== 0
    const target = isAlias ? checker.getAliasedSymbol(exported) : exported
    if (isModuleSymbol(target)) {
      // `export * as Name from "./Module.js"`: the re-export needs @since, then walk the module.
      for (const decl of exported.declarations ?? []) report(decl, name, ["since"])
      walk(target, name)
      continue
    }
    for (const decl of target.declarations ?? []) {
      if (ts.isSourceFile(decl)) continue
      report(decl, name, ["since", "category"])
    }
    if (isNamespaceSymbol(target)) walk(target, name)
  }
}

for (const entry of ENTRY_POINTS) {
  const source = program.getSourceFile(entry)
  if (!source) {
    console.error(`check-doc-tags: cannot load ${path.relative(ROOT, entry)}`)
    process.exit(2)
  }
  const symbol = checker.getSymbolAtLocation(source)
  if (!symbol) continue // a file with no exports
  walk(symbol, "")
}

problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.tag.localeCompare(b.tag))
for (const p of problems) console.log(`${p.file}:${p.line} ${p.name}: missing @${p.tag}`)
if (problems.length > 0) {
  console.error(`\ncheck-doc-tags: ${problems.length} missing tag(s) in public exports`)
  process.exit(1)
}
console.log(`check-doc-tags: ${seenDeclarations.size} public declarations, all with @since and @category`)
