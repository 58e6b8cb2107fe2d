/**
 * `pnpm check:packages`: checks the publishable packages the way a user gets them.
 *
 *  1. build     the six packages (pnpm --filter … build) when a dist file is missing or older than
 *               its sources; `--build` always builds, `--no-build` never does
 *  2. pack      `pnpm pack` each into a temporary folder (outside the workspace)
 *  3. manifest  the packed package.json: no `workspace:` range left, sibling ranges match the versions
 *  4. publint   `publint run --strict <tarball>`
 *  5. attw      `attw <tarball> --profile node16` (node16 from CJS, node16 from ESM, bundler; node10
 *               is the profile's only exclusion; no rule is ignored), wildcard exports expanded
 *  6. install   a fresh project next to the tarballs, depending on them with `file:` paths and on the
 *               peers and tools from the registry; `pnpm install` with the workspace's store, so
 *               packages come from the store when they are there
 *  7. esm       `node esm.mjs`: parse the Qingshan district, check coverage, score it with
 *               `@tongxin/core/rubrics/qingshan.json`, store it in SQLite and read it back
 *               (`@tongxin/core/promise` + `@tongxin/store-sqlite`), render `@tongxin/report`
 *  8. cjs       `node cjs.cjs`: the same through `require` (Effect + SqliteStore.layer); its results
 *               must equal the ESM run's
 *  8b. cli      the installed `tongxin` bin: `--help`, and `validate --json` on the Qingshan district
 *  9. vitest    `@tongxin/store-testkit`'s conformance suite (two groups) on the packed SQLite store
 * 10. tsc       `tsc -p tsconfig.json`: consumer.ts (ESM) and consumer-cjs.cts (CJS), module node20
 *               (effect 4 is ESM only: CommonJS code reaches it through Node's `require(esm)`, which
 *               TypeScript models from `node20` on), strict, skipLibCheck off; uses
 *               `Progress.Rate.values`, `Member.MemberLevel.values`, … as values and as types
 * 11. tsc       `tsc -p tsconfig.bundler.json`: consumer.ts under moduleResolution bundler
 * 12. exports   every export of every entry point at run time (and every member of its namespaces),
 *               through `import` and `require`, must be a value in the declarations (generated probes)
 *
 * Steps 7–12 run with the Node.js running this script and again with each `--node <binary>` given
 * (CI passes Node 22 and Node 26 beside Node 24).
 *
 * Prints ✓/✗ per step and a summary; exits 1 when a step fails. The temporary folder is removed on
 * success and kept on failure (or with `--keep`). The consumer files are in scripts/check-packages/.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { builtinModules } from "node:module"
import { tmpdir } from "node:os"
import { basename, dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { cleanEnv, indent, interrupt, mustRun, printSummary, results, run, skip, step, tail } from "./lib/steps.js"
import { satisfies } from "../packages/core/src/internal/npmRange.js"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const fixtures = join(root, "scripts/check-packages")
const dataset = join(root, "examples/qingshan/data/qingshan.json")
const packageDirs = ["core", "store-testkit", "store-sqlite", "store-postgres", "report", "cli"].map((d) =>
  join(root, "packages", d),
)
const bin = (name: string) => join(root, "node_modules/.bin", name)

/**
 * Entry points that cannot load outside a vitest run (they import `vitest`), with the reason; the
 * exports probe skips them and the vitest step loads them instead.
 */
const vitestOnly: Readonly<Record<string, string>> = {
  "@tongxin/store-testkit": "imports vitest, which loads only inside a vitest run (checked by the vitest step)",
}

/**
 * Consumer-only dev dependencies beyond the packages' peers, with the workspace package whose version
 * they take. `@types/pg`: @effect/sql-pg's declarations import `pg` but it does not depend on
 * `@types/pg`, so a consumer with `skipLibCheck: false` needs it (TS7016 otherwise).
 */
const consumerDevDependencies = ["typescript", "@types/node", "@types/pg"]

// ---------------------------------------------------------------------------------------------
// Steps and processes

process.on("SIGINT", () => {
  interrupt()
  process.exit(130)
})

// ---------------------------------------------------------------------------------------------
// Packages

type Json = { readonly [key: string]: unknown }
interface Manifest {
  readonly name: string
  readonly version: string
  readonly exports?: Json
  readonly dependencies?: Readonly<Record<string, string>>
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly devDependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
}
const readJson = <A>(file: string): A => JSON.parse(readFileSync(file, "utf8")) as A

interface Workspace {
  readonly dir: string
  readonly manifest: Manifest
}
const workspaces: ReadonlyArray<Workspace> = packageDirs.map((dir) => ({
  dir,
  manifest: readJson<Manifest>(join(dir, "package.json")),
}))
const ourNames = new Set(workspaces.map((w) => w.manifest.name))

/** Every file an `exports` map points at (wildcards and `null` left out), for the build check. */
const exportTargets = (value: unknown): Array<string> =>
  typeof value === "string"
    ? value.includes("*")
      ? []
      : [value]
    : value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([condition, v]) => (condition === "@tongxin/source" ? [] : exportTargets(v)))
      : []

const newestMtime = (path: string): number => {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return readdirSync(path).reduce((m, entry) => Math.max(m, newestMtime(join(path, entry))), s.mtimeMs)
}

/** Why the packages need a build, or `undefined` when every dist file exists and is newer than its inputs. */
const buildReason = (): string | undefined => {
  const emitter = statSync(join(root, "scripts/emit-declarations.ts")).mtimeMs
  for (const { dir, manifest } of workspaces) {
    const targets = [...new Set(exportTargets(manifest.exports).filter((t) => t.startsWith("./dist/")))]
    const missing = targets.filter((t) => !existsSync(join(dir, t)))
    if (missing.length > 0) return `${manifest.name}: no ${missing[0]}`
    const oldest = Math.min(...targets.map((t) => statSync(join(dir, t)).mtimeMs))
    const inputs = Math.max(
      newestMtime(join(dir, "src")),
      statSync(join(dir, "package.json")).mtimeMs,
      statSync(join(dir, "tsup.config.ts")).mtimeMs,
      emitter,
    )
    if (inputs > oldest) return `${manifest.name}: sources newer than dist`
  }
  return undefined
}

/** The exact version the workspace uses for a package (root, packages, examples, bench), if one. */
const workspaceVersion = (() => {
  const manifests = [
    root,
    ...packageDirs,
    join(root, "bench"),
    ...readdirSync(join(root, "examples")).map((d) => join(root, "examples", d)),
  ]
    .filter((d) => existsSync(join(d, "package.json")))
    .map((d) => readJson<Manifest>(join(d, "package.json")))
  return (name: string): string | undefined => {
    for (const m of manifests) {
      for (const deps of [m.devDependencies, m.dependencies]) {
        const v = deps?.[name]
        if (v !== undefined && /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(v)) return v
      }
    }
    return undefined
  }
})()

/**
 * Whether a packed range accepts the sibling's version. pnpm writes `workspace:^` as `^<version>`
 * (`workspace:~` as `~<version>`, `workspace:*` as `<version>`), so only those forms are expected;
 * anything else fails, to be looked at.
 */
// Core's own semver ranges (the ones plugins' `requires` use): `^0.1.0`, `>=0.1.0 <1.0.0`, ….
const accepts = (range: string, version: string): boolean => satisfies(version, range) === true

interface Packed {
  readonly name: string
  readonly version: string
  readonly tarball: string
  /** Where the tarball was unpacked (its `package/` folder). */
  readonly dir: string
  readonly files: ReadonlyArray<string>
  readonly manifest: Manifest
}

/** The packages a packed package's files import or require (bare specifiers, by package name). */
const importedPackages = (p: Packed): Set<string> => {
  const found = new Set<string>()
  const name = String.raw`["']([@\w][\w@./-]*)["']`
  const specifier = new RegExp(
    String.raw`(?<![.\w$])from\s*${name}|(?<![.\w$])(?:import|require)\s*\(\s*${name}\s*\)|^\s*import\s*${name}`,
    "gm",
  )
  for (const file of p.files) {
    if (!/\.(?:c?js|mjs|d\.c?ts)$/.test(file) || !file.startsWith("dist/")) continue
    const text = readFileSync(join(p.dir, file), "utf8")
    for (const m of text.matchAll(specifier)) {
      const spec = (m[1] ?? m[2] ?? m[3])!
      if (spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0]!)) continue
      const parts = spec.split("/")
      found.add(spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!)
    }
  }
  return found
}

/**
 * Subpaths of a packed package's entry points (`.`, `./testing`, …; not `./package.json`), with
 * wildcard exports expanded over the tarball's files (`./rubrics/qingshan.json`) or left out.
 */
const entryPoints = (p: Packed, { expandWildcards }: { readonly expandWildcards: boolean }): Array<string> => {
  const exportsMap = p.manifest.exports ?? {}
  const out: Array<string> = []
  for (const [key, target] of Object.entries(exportsMap)) {
    if (target === null || key === "./package.json") continue
    if (key.includes("*")) {
      if (typeof target !== "string" || !expandWildcards) continue
      const [before, after] = target.split("*") as [string, string]
      const [keyBefore, keyAfter] = key.split("*") as [string, string]
      for (const f of p.files) {
        const file = `./${f}`
        if (file.startsWith(before) && file.endsWith(after))
          out.push(keyBefore + file.slice(before.length, file.length - after.length) + keyAfter)
      }
    } else out.push(key)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Main

const main = async (): Promise<number> => {
  const argv = process.argv.slice(2)
  const args = new Set<string>()
  // Other Node.js binaries to run the consumer's checks with too (e.g. Node 22 and 26 beside 24).
  const otherNodes: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === "--node" && argv[i + 1] !== undefined) otherNodes.push(resolve(argv[++i]!))
    else if (["--build", "--no-build", "--keep"].includes(a)) args.add(a)
    else {
      console.error(
        `unknown option ${a}\nusage: pnpm check:packages [--build | --no-build] [--keep] [--node <path to a node binary>]…`,
      )
      return 2
    }
  }
  console.log(`check:packages: ${workspaces.map((w) => w.manifest.name).join(", ")}\n`)

  // 1. Build.
  const reason = args.has("--build") ? "--build" : args.has("--no-build") ? undefined : buildReason()
  if (reason !== undefined) {
    const ok = await step(`build (${reason})`, () =>
      mustRun("pnpm", ["-r", ...workspaces.flatMap((w) => ["--filter", w.manifest.name]), "build"], {
        cwd: root,
        timeoutMs: 5 * 60_000,
      }),
    )
    if (ok === undefined) return summary(undefined)
  } else {
    console.log(
      args.has("--no-build") ? "– build skipped (--no-build)" : "– build: dist is up to date (pass --build to rebuild)",
    )
  }

  const work = mkdtempSync(join(tmpdir(), "tongxin-check-packages-"))
  const packsDir = join(work, "packs")
  const project = join(work, "consumer")
  mkdirSync(packsDir)
  console.log(`  temporary folder: ${work}`)

  // 2. Pack.
  const packed = await step("pack (pnpm pack)", async () => {
    const all = await Promise.all(
      workspaces.map(async ({ dir }): Promise<Packed> => {
        const r = await mustRun("pnpm", ["pack", "--json", "--pack-destination", packsDir], { cwd: dir })
        const info = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as {
          name: string
          version: string
          filename: string
          files: ReadonlyArray<{ path: string }>
        }
        const tarball = resolve(packsDir, info.filename)
        const unpacked = join(work, "unpacked", basename(tarball, ".tgz"))
        mkdirSync(unpacked, { recursive: true })
        await mustRun("tar", ["-xzf", tarball, "-C", unpacked], { cwd: work })
        const manifest = readJson<Manifest>(join(unpacked, "package/package.json"))
        return {
          name: info.name,
          version: info.version,
          tarball,
          dir: join(unpacked, "package"),
          files: info.files.map((f) => f.path),
          manifest,
        }
      }),
    )
    for (const p of all)
      console.log(
        `    ${basename(p.tarball)}: ${p.files.length} files, ${Math.round(statSync(p.tarball).size / 1024)} KB`,
      )
    return all
  })
  if (packed === undefined) return summary(work)

  // 3. Packed manifests.
  await step("packed package.json: workspace ranges replaced", async () => {
    const problems: Array<string> = []
    const versions = new Map(packed.map((p) => [p.name, p.version]))
    for (const p of packed) {
      const notes: Array<string> = []
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"] as const) {
        for (const [dep, range] of Object.entries(p.manifest[field] ?? {})) {
          if (range.startsWith("workspace:")) problems.push(`${p.name}: ${field}.${dep} is still "${range}"`)
          const sibling = versions.get(dep)
          if (sibling === undefined || field === "devDependencies") continue
          if (!accepts(range, sibling))
            problems.push(`${p.name}: ${field}.${dep} "${range}" does not accept the packed ${dep}@${sibling}`)
          notes.push(`${field === "peerDependencies" ? "peer " : ""}${dep} ${range}`)
        }
      }
      if (notes.length > 0) console.log(`    ${p.name}: ${notes.join(", ")}`)
    }
    if (problems.length > 0) throw new Error(problems.join("\n"))
  })

  // 3b. Dependencies: each one declared is used by the built code or its declarations, and each
  // package the built code imports is declared (Node's built-ins aside).
  await step("dependencies: every declared one is imported, every import is declared", async () => {
    const problems: Array<string> = []
    for (const p of packed) {
      const used = importedPackages(p)
      const declared = new Set([
        ...Object.keys(p.manifest.dependencies ?? {}),
        ...Object.keys(p.manifest.peerDependencies ?? {}),
        ...Object.keys(p.manifest.optionalDependencies ?? {}),
      ])
      // A package of ours it depends on may need a peer it does not import (the CLI gives the
      // PostgreSQL store its @effect/sql-pg: yarn 1 installs no peers).
      const peersOfOurs = new Set(
        packed
          .filter((q) => q.name !== p.name && declared.has(q.name))
          .flatMap((q) => Object.keys(q.manifest.peerDependencies ?? {})),
      )
      for (const dep of declared)
        if (!used.has(dep) && !peersOfOurs.has(dep)) problems.push(`${p.name}: declares ${dep} but never imports it`)
      for (const dep of used)
        if (!declared.has(dep) && dep !== p.name) problems.push(`${p.name}: imports ${dep} without declaring it`)
      console.log(indent(`${p.name}: ${[...used].sort().join(", ") || "(nothing)"}`))
    }
    if (problems.length > 0) throw new Error(problems.join("\n"))
  })

  // 4–5. publint and attw, all packages at once.
  await Promise.all([
    ...packed.map((p) =>
      step(`publint --strict ${p.name}`, async () => {
        const r = await mustRun(bin("publint"), ["run", "--strict", p.tarball], { cwd: work })
        const said = r.output
          .split("\n")
          .filter((l) => l.trim() !== "" && !/^(Running publint|Unpacking tarball|Linting\.\.\.|All good!)/.test(l))
        if (said.length > 0) console.log(indent(`${p.name} (publint): ${said.join("\n")}`))
      }),
    ),
    ...packed.map((p) =>
      step(`attw --profile node16 ${p.name}`, async () => {
        const wildcardFiles = entryPoints(p, { expandWildcards: true }).filter(
          (e) => !Object.hasOwn(p.manifest.exports ?? {}, e),
        )
        const r = await run(
          bin("attw"),
          [
            p.tarball,
            "--profile",
            "node16",
            "--format",
            "json",
            ...(wildcardFiles.length > 0 ? ["--include-entrypoints", ...wildcardFiles] : []),
          ],
          { cwd: work },
        )
        let report: { analysis?: { entrypoints?: Json } } | undefined
        try {
          report = JSON.parse(r.stdout) as typeof report
        } catch {
          report = undefined
        }
        if (r.code !== 0 || report?.analysis?.entrypoints === undefined) {
          const table = await run(
            bin("attw"),
            [
              p.tarball,
              "--profile",
              "node16",
              "--format",
              "table-flipped",
              "--no-color",
              ...(wildcardFiles.length > 0 ? ["--include-entrypoints", ...wildcardFiles] : []),
            ],
            { cwd: work },
          )
          throw new Error(`attw exited ${r.code}\n${tail(table.output, 80)}`)
        }
        const checked = Object.keys(report.analysis.entrypoints).map((e) =>
          e === "." ? p.name : `${p.name}/${e.slice(2)}`,
        )
        console.log(indent(`${p.name} (attw): node16-cjs, node16-esm, bundler green for ${checked.join(", ")}`))
      }),
    ),
  ])

  // 6. The consumer project.
  const installed = await step("install the tarballs into a fresh project (pnpm, no workspace)", async () => {
    mkdirSync(join(project, "data"), { recursive: true })
    for (const f of readdirSync(fixtures)) copyFileSync(join(fixtures, f), join(project, f))
    copyFileSync(dataset, join(project, "data/qingshan.json"))
    const dependencies: Record<string, string> = {}
    for (const p of packed) dependencies[p.name] = `file:${relative(project, p.tarball)}`
    // The packages' peers (optional ones too, so every entry point loads), at the workspace's versions.
    for (const p of packed) {
      for (const [dep, range] of Object.entries(p.manifest.peerDependencies ?? {})) {
        if (!ourNames.has(dep)) dependencies[dep] ??= workspaceVersion(dep) ?? range
      }
    }
    const dependenciesOnTarballs = (deps: Record<string, string>) =>
      Object.fromEntries(Object.entries(deps).filter(([name]) => ourNames.has(name)))
    const devDependencies: Record<string, string> = {}
    for (const dep of consumerDevDependencies) {
      const v = workspaceVersion(dep)
      if (v === undefined) throw new Error(`no exact version of ${dep} in the workspace's package.json files`)
      devDependencies[dep] = v
    }
    const manifest = {
      name: "tongxin-consumer",
      private: true,
      type: "module",
      dependencies,
      devDependencies,
      // Packages that depend on each other (the CLI on core, report and the stores) take the
      // tarballs too, never the registry.
      pnpm: { onlyBuiltDependencies: [], overrides: dependenciesOnTarballs(dependencies) },
    }
    writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
    const store = (await mustRun("pnpm", ["store", "path"], { cwd: root })).stdout.trim()
    const r = await mustRun(
      "pnpm",
      [
        "install",
        "--ignore-workspace",
        "--no-frozen-lockfile",
        "--prefer-offline",
        `--store-dir=${store}`,
        "--config.strict-peer-dependencies=true",
        "--reporter=append-only",
      ],
      { cwd: project, env: cleanEnv(), timeoutMs: 6 * 60_000 },
    )
    const done = r.output.split("\n").find((l) => l.startsWith("Done in"))
    console.log(
      indent(
        `${Object.keys(dependencies).join(", ")}; ${Object.keys(devDependencies).join(", ")}${done === undefined ? "" : ` — ${done}`}`,
      ),
    )
    return true
  })
  if (installed === undefined) {
    for (const s of ["esm", "cjs", "vitest", "tsc node20", "tsc bundler", "exports are declared values"])
      skip(s, "install failed")
    return summary(work)
  }

  for (const node of [process.execPath, ...otherNodes]) {
    const version = (await mustRun(node, ["--version"], { cwd: project })).stdout.trim()
    // The bins' shebangs and pnpm's shims find `node` on the PATH.
    const env = { ...cleanEnv(), PATH: `${dirname(node)}:${process.env["PATH"] ?? ""}` }
    await runtimeChecks({ project, packed, node, version, env })
  }

  return summary(args.has("--keep") || results.some((r) => !r.ok) ? work : undefined, work)
}

/**
 * Steps 7–12, with one Node.js binary: the consumer's ESM and CJS programs, the installed bin, the
 * conformance suite, and the type-checks. Step names carry the Node version.
 */
const runtimeChecks = async (options: {
  readonly project: string
  readonly packed: ReadonlyArray<Packed>
  readonly node: string
  readonly version: string
  readonly env: NodeJS.ProcessEnv
}): Promise<void> => {
  const { project, packed, env } = options
  const on = ` [node ${options.version}]`
  const resultLine = (out: string) => out.split("\n").find((l) => l.startsWith("RESULT "))

  // 7–8. ESM and CJS at run time.
  const esm = await step(`esm: node esm.mjs (parse, coverage, score, SQLite, report)${on}`, async () => {
    const r = await mustRun(options.node, ["esm.mjs"], { cwd: project, env })
    console.log(indent(r.output))
    const line = resultLine(r.stdout)
    if (line === undefined) throw new Error("no RESULT line")
    return line
  })
  await step(`cjs: node cjs.cjs (require every package, same results as ESM)${on}`, async () => {
    const r = await mustRun(options.node, ["cjs.cjs"], { cwd: project, env })
    console.log(indent(r.output))
    const line = resultLine(r.stdout)
    if (line === undefined) throw new Error("no RESULT line")
    if (esm !== undefined && line !== esm)
      throw new Error(`CommonJS results differ from ESM:\n  esm: ${esm}\n  cjs: ${line}`)
  })

  // The installed `tongxin` command: its help, and a district checked with machine output.
  await step(`cli: tongxin --help and tongxin validate --json from the installed bin${on}`, async () => {
    const tongxin = join(project, "node_modules/.bin/tongxin")
    const help = await mustRun(tongxin, ["--help"], { cwd: project, env })
    if (!help.stdout.includes("validate")) throw new Error("tongxin --help does not list validate")
    const r = await mustRun(tongxin, ["validate", "data/qingshan.json", "--json"], { cwd: project, env })
    const out = JSON.parse(r.stdout) as { readonly ok?: unknown }
    if (out.ok !== true) throw new Error(`tongxin validate --json: ${r.stdout.slice(0, 200)}`)
  })

  // 9. The conformance suite, which only loads inside vitest.
  await step(`vitest: @tongxin/store-testkit conformance on @tongxin/store-sqlite${on}`, async () => {
    const r = await mustRun(
      join(project, "node_modules/.bin/vitest"),
      ["run", "--root", project, "conformance.test.mjs"],
      { cwd: project, env: { ...env, CI: "true" } },
    )
    const line = r.output
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n")
      .find((l) => /^\s*Tests\s/.test(l))
    if (line !== undefined) console.log(indent(line.trim()))
  })

  // 10–12. The consumer's type-checks, at once: node20 (ESM + CJS), bundler, and the exports probe
  // (every run-time export must be a value in the declarations).
  const tsc = join(project, "node_modules/.bin/tsc")
  await Promise.all([
    step(`tsc node20 strict: consumer.ts (ESM) + consumer-cjs.cts (CJS)${on}`, () =>
      mustRun(tsc, ["-p", "tsconfig.json"], { cwd: project, env }),
    ),
    step(`tsc bundler: consumer.ts${on}`, () => mustRun(tsc, ["-p", "tsconfig.bundler.json"], { cwd: project, env })),
    step(`exports: every run-time export (and namespace member) is a declared value, ESM and CJS${on}`, async () => {
      const specs = packed.flatMap((p) =>
        entryPoints(p, { expandWildcards: false }).map((e) => (e === "." ? p.name : `${p.name}/${e.slice(2)}`)),
      )
      const r = await mustRun(options.node, ["list-exports.mjs", ...specs], { cwd: project, env })
      type Listing = Record<string, Record<string, ReadonlyArray<string> | null>>
      const listed = JSON.parse(r.stdout) as {
        import: Listing
        require: Listing
        errors: { import: Record<string, string>; require: Record<string, string> }
      }
      const problems: Array<string> = []
      for (const mode of ["import", "require"] as const) {
        for (const [spec, message] of Object.entries(listed.errors[mode])) {
          if (vitestOnly[spec] === undefined) problems.push(`${mode}("${spec}") failed: ${message}`)
        }
      }
      if (problems.length > 0) throw new Error(problems.join("\n"))
      const identifier = /^[A-Za-z_$][\w$]*$/
      const access = (k: string) => (identifier.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)
      let probes = 0
      const probe = (listing: Listing, cjs: boolean) => {
        const imports: Array<string> = []
        const uses: Array<string> = []
        Object.entries(listing).forEach(([spec, exportsOf], i) => {
          imports.push(
            cjs ? `import m${i} = require(${JSON.stringify(spec)})` : `import * as m${i} from ${JSON.stringify(spec)}`,
          )
          for (const [name, members] of Object.entries(exportsOf)) {
            uses.push(`use(m${i}${access(name)}) // ${spec} ${name}`)
            for (const member of members ?? [])
              uses.push(`use(m${i}${access(name)}${access(member)}) // ${spec} ${name}.${member}`)
          }
        })
        probes += uses.length
        return `// Generated by scripts/check-packages.ts from what the packages export at run time.\n${imports.join("\n")}\nconst use = (..._values: ReadonlyArray<unknown>): void => {}\n${uses.join("\n")}\n`
      }
      writeFileSync(join(project, "probe.ts"), probe(listed.import, false))
      writeFileSync(join(project, "probe-cjs.cts"), probe(listed.require, true))
      writeFileSync(
        join(project, "tsconfig.probe.json"),
        `${JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { skipLibCheck: true }, files: ["probe.ts", "probe-cjs.cts"] }, null, 2)}\n`,
      )
      await mustRun(tsc, ["-p", "tsconfig.probe.json"], { cwd: project, env })
      const skipped = Object.keys(listed.errors.import).map((s) => `${s} (${vitestOnly[s]})`)
      console.log(
        indent(
          `${probes} run-time exports checked in ${specs.length - skipped.length} entry points${skipped.length > 0 ? `; skipped ${skipped.join(", ")}` : ""}`,
        ),
      )
    }),
  ])
}

/** Prints the summary; removes the temporary folder unless it is to be kept. */
const summary = (keep: string | undefined, remove?: string): number => {
  const code = printSummary("check:packages")
  if (remove !== undefined && keep === undefined) rmSync(remove, { recursive: true, force: true })
  if (keep !== undefined) console.log(`temporary folder kept: ${keep}`)
  return code
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)
