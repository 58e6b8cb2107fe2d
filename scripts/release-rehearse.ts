/**
 * `pnpm release:rehearse`: publishes every public package to a local registry and installs them the
 * way a stranger would: by name, with npm, pnpm and yarn, in fresh folders outside any workspace.
 *
 *  1. registry   Verdaccio (this workspace's devDependency) on a free port of 127.0.0.1, its config and
 *                storage in a temporary folder: `@tongxin/*` lives only there and anyone may publish
 *                it; every other package is proxied to the npm registry
 *  2. copy       the working tree (tracked and untracked files, ignored ones left out) into a
 *                temporary folder, committed there as one snapshot: this repository's files and git
 *                state are never touched
 *  3. install    `pnpm install --frozen-lockfile --prefer-offline` in the copy
 *  4. version    `changeset version` in the copy; the versions it produces are the ones published
 *  5. build      `pnpm build` in the copy
 *  6. publish    `changeset publish` to the local registry (an `.npmrc` in the copy), then each
 *                package's version is read back from the registry: none may be 0.0.0 (a checkout's
 *                unreleased version), and every peer range on `@tongxin/core` must take the published
 *                core and refuse its next breaking release (the 0.x policy in docs/releasing.md)
 *  7. for each of npm, pnpm and yarn 1 (the workspace's devDependency), in its own fresh folders
 *     whose only configuration is an `.npmrc` with `registry=http://127.0.0.1:<port>/` (also the user
 *     config, `npm_config_userconfig`, so the machine's `~/.npmrc` does not apply; the package
 *     managers' caches do), each install line run exactly as the docs print it:
 *     cli      `@tongxin/cli` installed globally with the line in packages/cli/README.md's Install
 *              section, into a temporary prefix given through the environment (npm:
 *              `npm_config_prefix`; pnpm: `npm_config_global_dir`, `npm_config_global_bin_dir`;
 *              yarn: `YARN_GLOBAL_FOLDER`, `YARN_PREFIX`); then `tongxin --help`,
 *              `--version`, and the README's step-by-step block as written (init, validate, import,
 *              assign, coverage, score, rank, cases, report); and `--store postgres://…` on a port
 *              nothing listens on must fail as a store failure (exit 3): the PostgreSQL adapter loads
 *     guide    docs/getting-started.md's install line, `tongxin init my-district`, then every
 *              TypeScript block of the guide run with `node` (type stripping), in order; a block
 *              marked `<!-- sample: prelude=district -->` imports `data` from the block that
 *              defines it, as the guide says ("continue from step 2")
 *     effect   the guide's install line with `@tongxin/report` added and `effect` pinned to the
 *              lowest version the published peer range allows, then to the latest; runs
 *              scripts/release-rehearse/effect-consumer.mjs (one copy of effect, Store layer from
 *              SQLite run by the app's own effect, coverage, scoring, report)
 *  8. budgets    no installed package has an install script (`preinstall`, `install`, `postinstall`
 *                or a `binding.gyp`); the CLI installs in at most `cliBudgetBytes`
 *
 * Every install is timed and measured (`du -sb`), and its packages with install scripts are listed;
 * a table of them closes the run. Prints ✓/✗ per step; exits 1 when a step fails. Verdaccio and every
 * command started are stopped at the end, on failure and on Ctrl-C. The temporary folder is removed
 * on success and on Ctrl-C, and kept on failure (or with `--keep`).
 *
 * Options: `--keep`; `--pm npm,pnpm,yarn` (the package managers to rehearse with; all three by default).
 *
 * Yarn 4 is not rehearsed: it reads no `.npmrc` and needs more than a registry URL for this
 * (`npmRegistryServer`, `unsafeHttpWhitelist` for http, and `npmMinimalAgeGate: 0`, since by default
 * it refuses versions published less than a day ago), and with Plug'n'Play the guide's `node file.ts`
 * becomes `yarn node file.ts`.
 */
import { type ChildProcess, spawn } from "node:child_process"
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { basename, dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { satisfies } from "../packages/core/src/internal/npmRange.js"
import {
  children,
  cleanEnv,
  indent,
  interrupt,
  mustRun,
  printSummary,
  run,
  seconds,
  skip,
  step,
  tail,
} from "./lib/steps.js"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const fixtures = join(root, "scripts/release-rehearse")
const verdaccioBin = join(root, "node_modules/verdaccio/bin/verdaccio")
/** Yarn 1 from this workspace's devDependencies (a machine may have none, or another major). */
const yarnBinDir = join(root, "node_modules/yarn/bin")
const publicDirs = ["core", "store-testkit", "store-sqlite", "store-postgres", "report", "cli"]
const managers = ["npm", "pnpm", "yarn"] as const
type Manager = (typeof managers)[number]

/**
 * The budgets: no install scripts, and a CLI install of at most this many bytes. Issue 17 aimed at
 * 30 MB, which `effect` 4.1.5 alone (61.5 MB on disk, its sources and maps included) rules out. The
 * CLI was 147 MB with echarts (58 MB) and `@effect/platform-node`'s Redis client; without them this
 * is a guard against growth.
 */
const cliBudgetBytes = 80 * 1024 * 1024

// ---------------------------------------------------------------------------------------------
// Steps and processes (as in scripts/check-packages.ts)

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

let verdaccio: ChildProcess | undefined

/** Stops Verdaccio: SIGTERM to its process group, SIGKILL if it is still there after 5 s. */
const stopRegistry = async (): Promise<void> => {
  const v = verdaccio
  verdaccio = undefined
  if (v === undefined || v.pid === undefined || v.exitCode !== null || v.signalCode !== null) return
  const exited = new Promise<void>((r) => v.once("exit", () => r()))
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-v.pid!, s)
    } catch {
      // already gone
    }
  }
  signal("SIGTERM")
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 5000).unref())
  if ((await Promise.race([exited, timer])) === "timeout") {
    signal("SIGKILL")
    await exited
  }
}
// Last resort on any exit: nothing this script started outlives it.
process.on("exit", () => {
  for (const c of children) if (c.pid !== undefined && c.exitCode === null) c.kill("SIGKILL")
  if (verdaccio?.pid !== undefined && verdaccio.exitCode === null) {
    try {
      process.kill(-verdaccio.pid, "SIGKILL")
    } catch {
      // already gone
    }
  }
})
/** The temporary folder, removed when the run is interrupted (unless `--keep`). */
let interruptCleanup: { readonly work: string; readonly keep: boolean } | undefined
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping`)
    interrupt()
    void stopRegistry().finally(() => {
      if (interruptCleanup !== undefined && !interruptCleanup.keep)
        rmSync(interruptCleanup.work, { recursive: true, force: true })
      else if (interruptCleanup !== undefined) console.log(`temporary folder kept: ${interruptCleanup.work}`)
      process.exit(signal === "SIGINT" ? 130 : 143)
    })
  })
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")

type Json = { readonly [key: string]: unknown }
const readJson = <A>(file: string): A => JSON.parse(readFileSync(file, "utf8")) as A

// ---------------------------------------------------------------------------------------------
// The registry

/** A free TCP port on 127.0.0.1 (the OS picks one; it is released just before Verdaccio takes it). */
const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })

const verdaccioConfig = (dir: string) =>
  [
    "# Written by scripts/release-rehearse.ts: a throw-away registry for one rehearsal.",
    `storage: ${JSON.stringify(join(dir, "storage"))}`,
    "auth:",
    "  htpasswd:",
    `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
    "    max_users: -1",
    "uplinks:",
    "  npmjs:",
    "    url: https://registry.npmjs.org/",
    "    timeout: 60s",
    "    max_fails: 5",
    "packages:",
    "  # Ours: only here, never looked up on the npm registry; anyone may publish (the rehearsal",
    "  # publishes with a placeholder token, which npm needs to send anything at all).",
    '  "@tongxin/*":',
    "    access: $all",
    "    publish: $anonymous",
    "    unpublish: $anonymous",
    "  # Everything else: from the npm registry, read-only.",
    '  "**":',
    "    access: $all",
    "    proxy: npmjs",
    "web:",
    "  enable: false",
    "max_body_size: 200mb",
    "server:",
    "  keepAliveTimeout: 60",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n")

/** Starts Verdaccio and waits for `/-/ping`; its output goes to `<dir>/verdaccio.log`. */
const startRegistry = async (dir: string): Promise<{ readonly url: string; readonly port: number }> => {
  mkdirSync(dir, { recursive: true })
  const config = join(dir, "config.yaml")
  writeFileSync(config, verdaccioConfig(dir))
  const port = await freePort()
  const log: Array<string> = []
  // Its own process group, so it can be stopped with everything it starts.
  const child = spawn(process.execPath, [verdaccioBin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  })
  verdaccio = child
  const keep = (b: Buffer) => {
    log.push(String(b))
    writeFileSync(join(dir, "verdaccio.log"), log.join(""))
  }
  child.stdout!.on("data", keep)
  child.stderr!.on("data", keep)
  const url = `http://127.0.0.1:${port}/`
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited ${child.exitCode}\n${indent(log.join(""))}`)
    try {
      const r = await fetch(`${url}-/ping`)
      if (r.ok) return { url, port }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 30 s\n${indent(log.join(""))}`)
}

/** A package's document from the registry (`undefined` on 404). */
const packument = async (registry: string, name: string): Promise<Json | undefined> => {
  const r = await fetch(`${registry}${name.replace("/", "%2f")}`, { headers: { accept: "application/json" } })
  if (r.status === 404) return undefined
  if (!r.ok) throw new Error(`GET ${registry}${name}: ${r.status} ${r.statusText}`)
  return (await r.json()) as Json
}

// ---------------------------------------------------------------------------------------------
// Versions

/** Compares two semver versions (release > its pre-releases; pre-release identifiers compared loosely). */
const compareVersions = (a: string, b: string): number => {
  const split = (v: string) => {
    const [core = "", pre] = v.split("+")[0]!.split(/-(.*)/s)
    return { nums: core.split(".").map(Number), pre }
  }
  const x = split(a)
  const y = split(b)
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0)
  if (x.pre === y.pre) return 0
  if (x.pre === undefined) return 1
  if (y.pre === undefined) return -1
  return x.pre.localeCompare(y.pre, "en", { numeric: true })
}

// ---------------------------------------------------------------------------------------------
// What an install put on disk

interface InstalledPackage {
  readonly id: string
  readonly bytes: number
  readonly installScript: string | undefined
}

/** The bytes of a package's own files (its nested `node_modules` left out), by `lstat`, like `du -b`. */
const ownBytes = (dir: string): number => {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue
    const path = join(dir, entry.name)
    total += lstatSync(path).size
    if (entry.isDirectory()) total += ownBytes(path)
  }
  return total
}

/**
 * Every package under a `node_modules` folder (npm's and yarn's nested folders, pnpm's `.pnpm`),
 * symlinks not followed, each `name@version` once, with its size and its install script if any
 * (`preinstall`, `install`, `postinstall`, or a `binding.gyp`, which npm and yarn build with node-gyp).
 */
const installedPackages = (nodeModules: string): Array<InstalledPackage> => {
  const found = new Map<string, InstalledPackage>()
  const visitNodeModules = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue // symlinks (pnpm's links, .bin) are not followed
      const path = join(dir, entry.name)
      if (entry.name === ".pnpm") {
        for (const id of readdirSync(path, { withFileTypes: true }))
          if (id.isDirectory()) visitNodeModules(join(path, id.name, "node_modules"))
      } else if (entry.name.startsWith("@")) {
        for (const scoped of readdirSync(path, { withFileTypes: true }))
          if (scoped.isDirectory()) visitPackage(join(path, scoped.name))
      } else if (!entry.name.startsWith(".")) visitPackage(path)
    }
  }
  const visitPackage = (dir: string) => {
    const manifestFile = join(dir, "package.json")
    if (existsSync(manifestFile)) {
      try {
        const m = readJson<{
          name?: string
          version?: string
          scripts?: Record<string, string>
          gypfile?: boolean
        }>(manifestFile)
        const id = `${m.name}@${m.version}`
        if (!found.has(id)) {
          const scripts = ["preinstall", "install", "postinstall"]
            .filter((s) => m.scripts?.[s] !== undefined)
            .map((s) => `${s}: ${m.scripts![s]}`)
          const gyp = existsSync(join(dir, "binding.gyp")) && m.scripts?.["install"] === undefined
          if (gyp) scripts.push("binding.gyp (node-gyp rebuild)")
          found.set(id, {
            id,
            bytes: ownBytes(dir),
            installScript: scripts.length === 0 ? undefined : scripts.join("; "),
          })
        }
      } catch {
        // not a package manifest we can read
      }
    }
    visitNodeModules(join(dir, "node_modules"))
  }
  visitNodeModules(nodeModules)
  return [...found.values()]
}

interface Install {
  readonly label: string
  readonly manager: Manager
  readonly line: string
  readonly ms: number
  readonly bytes: number
  readonly packages: number
  readonly scripts: ReadonlyArray<string>
}
const installs: Array<Install> = []

/** `du -sb`, in bytes. */
const diskUsage = async (path: string): Promise<number> => {
  const r = await mustRun("du", ["-sb", path], { cwd: dirname(path) })
  return Number(r.stdout.split(/\s/)[0])
}

/**
 * Runs one install line (split on spaces, no shell) and records its time, size and install scripts;
 * `measure` is the `node_modules` folder it fills.
 */
const install = async (options: {
  readonly label: string
  readonly manager: Manager
  readonly line: string
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly measure: string | (() => string)
}): Promise<Install> => {
  const [command, ...args] = options.line.split(/\s+/)
  const r = await mustRun(command!, args, { cwd: options.cwd, env: options.env, timeoutMs: 8 * 60_000 })
  const measure = typeof options.measure === "string" ? options.measure : options.measure()
  const bytes = await diskUsage(measure)
  const packages = installedPackages(measure)
  const scripts = packages.filter((p) => p.installScript !== undefined)
  // What the package manager warned about (unmet peers, ignored builds), deprecations left out.
  const warnings = [
    ...new Set(
      stripAnsi(r.output)
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^(npm warn|warning|WARN)\b|^[│├└].*(peer|missing|unmet)/i.test(l) && !/deprecated/i.test(l)),
    ),
  ]
  const record: Install = {
    label: options.label,
    manager: options.manager,
    line: options.line,
    ms: r.ms,
    bytes,
    packages: packages.length,
    scripts: scripts.map((p) => p.id),
  }
  installs.push(record)
  const biggest = packages
    .toSorted((a, b) => b.bytes - a.bytes)
    .slice(0, 5)
    .map((p) => `${p.id} ${megabytes(p.bytes)}`)
  console.log(
    indent(
      [
        `$ ${options.line}   (in ${options.cwd})`,
        `${seconds(r.ms)}, ${megabytes(bytes)} in ${packages.length} packages; largest: ${biggest.join(", ")}`,
        scripts.length === 0
          ? "install scripts: none"
          : `install scripts (${scripts.length}):\n${scripts.map((p) => `  ${p.id}: ${p.installScript}`).join("\n")}`,
        ...(warnings.length === 0 ? [] : [`the package manager warned:\n${warnings.map((w) => `  ${w}`).join("\n")}`]),
      ].join("\n"),
    ),
  )
  return record
}

// ---------------------------------------------------------------------------------------------
// What the docs say

interface Block {
  readonly lang: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly code: string
  /** The `<!-- sample: … -->` markers right before the fence. */
  readonly markers: ReadonlyArray<string>
  /** The `## ` heading the block is under. */
  readonly heading: string
}

/** The fenced code blocks of a Markdown file, with the markers and heading check-doc-samples reads. */
const blocks = (file: string): Array<Block> => {
  const lines = readFileSync(file, "utf8").split(/\r?\n/)
  const out: Array<Block> = []
  let heading = ""
  for (let i = 0; i < lines.length; i++) {
    if (/^##\s/.test(lines[i]!)) heading = lines[i]!.replace(/^#+\s*/, "")
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!)
    if (fence === null) continue
    const [, indentation, marks, lang] = fence
    let end = i + 1
    while (end < lines.length && !lines[end]!.trimStart().startsWith(marks!)) end++
    const markers: Array<string> = []
    for (let j = i - 1; j >= 0; j--) {
      const line = lines[j]!.trim()
      if (line === "") continue
      const marker = /^<!--\s*sample:\s*(.*?)\s*-->$/.exec(line)
      if (marker === null) break
      markers.unshift(marker[1]!)
    }
    const code = lines
      .slice(i + 1, end)
      .map((l) => (l.startsWith(indentation!) ? l.slice(indentation!.length) : l))
      .join("\n")
    out.push({ lang: lang ?? "", line: i + 1, code, markers, heading })
    i = end
  }
  return out
}

/** A shell line without its trailing `# comment`. */
const command = (line: string) => line.replace(/(^|\s)#.*$/, "").trim()

/**
 * The install line for each package manager in a Markdown file's section whose heading matches
 * `section`: the code lines and inline code spans there that start with `npm install`, `pnpm add`,
 * `yarn add`, `yarn global add` (or `i`/`install`) and name `pkg`. Fails when a manager has none, or more than one.
 */
const installLines = (file: string, section: RegExp, pkg: string): Record<Manager, string> => {
  const text = readFileSync(file, "utf8")
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && section.test(l))
  if (start < 0) throw new Error(`${file}: no heading matching ${section}`)
  const level = /^#+/.exec(lines[start]!)![0].length
  let end = start + 1
  while (end < lines.length && !(/^#+\s/.test(lines[end]!) && /^#+/.exec(lines[end]!)![0].length <= level)) end++
  const body = lines.slice(start + 1, end)
  const candidates: Array<string> = []
  let inFence = false
  for (const l of body) {
    if (/^\s*(`{3,}|~{3,})/.test(l)) inFence = !inFence
    else if (inFence) candidates.push(command(l))
    else for (const m of l.matchAll(/`([^`]+)`/g)) candidates.push(m[1]!.trim())
  }
  const found: Partial<Record<Manager, Array<string>>> = {}
  for (const c of candidates) {
    const manager = managers.find((m) => new RegExp(`^${m} (install|i|add|global add)\\s`).test(c))
    if (manager !== undefined && c.split(/\s+/).includes(pkg)) (found[manager] ??= []).push(c)
  }
  const problems: Array<string> = []
  const lineOf = {} as Record<Manager, string>
  for (const m of managers) {
    const ls = [...new Set(found[m] ?? [])]
    if (ls.length !== 1)
      problems.push(`${m}: ${ls.length === 0 ? "no install line" : `${ls.length} install lines (${ls.join(" | ")})`}`)
    else lineOf[m] = ls[0]!
  }
  if (problems.length > 0)
    throw new Error(
      `${file}, section "${lines[start]}": every package manager needs one line naming ${pkg}:\n${problems.join("\n")}`,
    )
  return lineOf
}

interface GuideFile {
  readonly name: string
  readonly block: Block
  readonly source: string
}

/**
 * The guide's TypeScript blocks as files to run in order. A block marked
 * `<!-- sample: prelude=district -->` imports `data` from the block that defines it (the guide's
 * "continue from step 2"); `prelude=text` reads the district file `tongxin init my-district` wrote.
 * A block marked `skip` is not run. Any other prelude is a failure: the guide then has a sample
 * that cannot be run as written.
 */
const guideFiles = (guide: string, districtFile: string): { files: Array<GuideFile>; skipped: Array<string> } => {
  const ts = blocks(guide).filter((b) => b.lang === "ts" || b.lang === "typescript")
  const names = new Map<string, number>()
  const named = ts.map((b) => {
    const number = /^(\d+)\./.exec(b.heading)?.[1] ?? "x"
    const n = (names.get(number) ?? 0) + 1
    names.set(number, n)
    return { b, base: `step-${number}` }
  })
  const count = (base: string) => named.filter((x) => x.base === base).length
  const files: Array<GuideFile> = []
  const skipped: Array<string> = []
  const seen = new Map<string, number>()
  let dataFrom: string | undefined
  for (const { b, base } of named) {
    const i = (seen.get(base) ?? 0) + 1
    seen.set(base, i)
    const name = `${count(base) > 1 ? `${base}${String.fromCharCode(96 + i)}` : base}.ts`
    const where = `${basename(guide)}:${b.line}`
    const preludes = b.markers.flatMap((m) =>
      m.startsWith("prelude=")
        ? m
            .slice("prelude=".length)
            .split(/[\s,]+/)
            .filter((p) => p !== "")
        : [],
    )
    if (b.markers.some((m) => m.startsWith("skip"))) {
      skipped.push(`${where} (${b.heading}): marked skip`)
      continue
    }
    const head: Array<string> = []
    for (const p of preludes) {
      if (p === "district") {
        if (dataFrom === undefined) throw new Error(`${where}: prelude=district, but no earlier block defines \`data\``)
        head.push(`import { data } from "./${dataFrom}"`)
      } else if (p === "text") {
        head.push(
          `import { readFileSync as readFileSync_ } from "node:fs"`,
          `const text = readFileSync_(${JSON.stringify(districtFile)}, "utf8")`,
        )
      } else throw new Error(`${where}: prelude=${p} has no run-time equivalent in the rehearsal`)
    }
    let source = `// ${where} (${b.heading})\n${head.length > 0 ? `${head.join("\n")}\n` : ""}${b.code}\n`
    if (preludes.length === 0 && /^const data\b/m.test(b.code)) {
      source += "export { data }\n"
      dataFrom = name
    }
    files.push({ name, block: b, source })
  }
  return { files, skipped }
}

/** The README's step-by-step block: the sh block whose first command is `tongxin init …`. */
const cliSteps = (readme: string): Array<string> => {
  const block = blocks(readme).find(
    (b) =>
      b.lang === "sh" &&
      b.code
        .split("\n")
        .map(command)
        .find((l) => l !== "")
        ?.startsWith("tongxin init "),
  )
  if (block === undefined) throw new Error(`${readme}: no sh block starting with \`tongxin init\``)
  return block.code
    .split("\n")
    .map(command)
    .filter((l) => l !== "")
}

// ---------------------------------------------------------------------------------------------
// Main

interface Published {
  readonly name: string
  readonly version: string
  readonly manifest: Json
}

const main = async (): Promise<number> => {
  const argv = process.argv.slice(2)
  let keep = false
  let chosen: ReadonlyArray<Manager> = managers
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === "--keep") keep = true
    else if (a === "--pm" && argv[i + 1] !== undefined) {
      const list = argv[++i]!.split(",")
      const bad = list.filter((m) => !(managers as ReadonlyArray<string>).includes(m))
      if (bad.length > 0) {
        console.error(`unknown package manager ${bad.join(", ")} (known: ${managers.join(", ")})`)
        return 2
      }
      chosen = list as ReadonlyArray<Manager>
    } else {
      console.error(`unknown option ${a}\nusage: pnpm release:rehearse [--keep] [--pm npm,pnpm,yarn]`)
      return 2
    }
  }

  const work = mkdtempSync(join(tmpdir(), "tongxin-rehearse-"))
  interruptCleanup = { work, keep }
  const copy = join(work, "workspace")
  const yarnPath = `${yarnBinDir}:${process.env["PATH"] ?? ""}`
  const versions = await Promise.all(
    [
      ["node", ["--version"]],
      ["npm", ["--version"]],
      ["pnpm", ["--version"]],
      [join(yarnBinDir, "yarn"), ["--version"]],
    ].map(async ([c, a]) => (await run(c as string, a as Array<string>, { cwd: work, env: cleanEnv() })).stdout.trim()),
  )
  console.log(
    `release:rehearse: node ${versions[0]}, npm ${versions[1]}, pnpm ${versions[2]}, yarn ${versions[3]} (${yarnBinDir})`,
  )
  console.log(`  temporary folder: ${work}\n`)

  const finish = async (): Promise<number> => {
    await stopRegistry()
    return summary(work, keep)
  }

  // 1. The registry.
  const registry = await step("registry: Verdaccio on 127.0.0.1 (storage in the temporary folder)", async () => {
    const r = await startRegistry(join(work, "registry"))
    console.log(indent(`${r.url} (uplink https://registry.npmjs.org/ for everything but @tongxin/*)`))
    return r
  })
  if (registry === undefined) return finish()

  // 2. The copy of the working tree.
  const copied = await step("copy the working tree into a temporary git repository", async () => {
    const listed = await mustRun(
      "git",
      ["--no-optional-locks", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      {
        cwd: root,
      },
    )
    const files = [...new Set(listed.stdout.split("\0").filter((f) => f !== ""))].filter((f) =>
      existsSync(join(root, f)),
    )
    for (const f of files) {
      mkdirSync(dirname(join(copy, f)), { recursive: true })
      cpSync(join(root, f), join(copy, f), { verbatimSymlinks: true })
    }
    const git = (...args: Array<string>) => mustRun("git", args, { cwd: copy })
    await git("init", "-q", "-b", "main")
    await git("config", "user.name", "release rehearsal")
    await git("config", "user.email", "rehearsal@localhost")
    await git("config", "commit.gpgsign", "false")
    await git("config", "tag.gpgsign", "false")
    await git("add", "-A")
    await git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree for release:rehearse")
    const head = (
      await mustRun("git", ["--no-optional-locks", "rev-parse", "--short", "HEAD"], { cwd: root })
    ).stdout.trim()
    const dirty = (
      await mustRun("git", ["--no-optional-locks", "diff", "--name-only", "HEAD"], { cwd: root })
    ).stdout.trim()
    console.log(
      indent(
        `${files.length} files from ${head}${dirty === "" ? "" : ` plus uncommitted changes to ${dirty.split("\n").length} files`}`,
      ),
    )
    return true
  })
  if (copied === undefined) return finish()

  // 3–5. Install, version, build.
  const env = { ...cleanEnv(), npm_config_registry: registry.url }
  const prepared = await step("pnpm install --frozen-lockfile --prefer-offline (the copy)", () =>
    mustRun("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only"], {
      cwd: copy,
      env,
      timeoutMs: 8 * 60_000,
    }),
  )
  if (prepared === undefined) return finish()
  const manifestOf = (dir: string) =>
    readJson<{ name: string; version: string }>(join(copy, "packages", dir, "package.json"))
  const before = publicDirs.map(manifestOf)
  const versioned = await step("changeset version (the copy)", async () => {
    const status = await run(join(copy, "node_modules/.bin/changeset"), ["status"], { cwd: copy, env })
    console.log(indent(tail(status.output, 20)))
    await mustRun(join(copy, "node_modules/.bin/changeset"), ["version"], { cwd: copy, env })
    const after = publicDirs.map(manifestOf)
    console.log(indent(after.map((m, i) => `${m.name}: ${before[i]!.version} → ${m.version}`).join("\n")))
    return after
  })
  if (versioned === undefined) return finish()
  const built = await step("pnpm build (the copy, with the new versions)", () =>
    mustRun("pnpm", ["build"], { cwd: copy, env, timeoutMs: 8 * 60_000 }),
  )
  if (built === undefined) return finish()

  // 6. Publish.
  const host = `//127.0.0.1:${registry.port}/`
  writeFileSync(join(copy, ".npmrc"), `registry=${registry.url}\n${host}:_authToken=release-rehearsal\n`)
  const published = await step(`changeset publish → ${registry.url}`, async () => {
    const r = await mustRun(join(copy, "node_modules/.bin/changeset"), ["publish"], {
      cwd: copy,
      env,
      timeoutMs: 8 * 60_000,
    })
    // clack's spinner frames and colours left out
    const said = stripAnsi(r.output)
      .replace(/[◒◐◓◑][^◒◐◓◑◇\n]*/g, "")
      .split("\n")
      .filter((l) => l.trim() !== "" && !/was not found in the registry/.test(l))
    console.log(indent(said.join("\n")))
    const out: Array<Published> = []
    const problems: Array<string> = []
    for (const m of versioned) {
      const doc = await packument(registry.url, m.name)
      const manifest = (doc?.["versions"] as Record<string, Json> | undefined)?.[m.version]
      if (manifest === undefined) problems.push(`${m.name}@${m.version} is not in the registry`)
      else out.push({ name: m.name, version: m.version, manifest })
    }
    if (problems.length > 0) throw new Error(problems.join("\n"))
    for (const p of out) {
      const dist = p.manifest["dist"] as { unpackedSize?: number; fileCount?: number } | undefined
      const ranges = (field: string) =>
        Object.entries((p.manifest[field] ?? {}) as Record<string, string>).map(([d, r]) => `${d} ${r}`)
      console.log(
        indent(
          `${p.name}@${p.version}${dist?.unpackedSize === undefined ? "" : ` (${dist.fileCount} files, ${megabytes(dist.unpackedSize)} unpacked)`}` +
            `\n  dependencies: ${ranges("dependencies").join(", ") || "none"}` +
            `\n  peerDependencies: ${ranges("peerDependencies").join(", ") || "none"}`,
        ),
      )
    }
    return out
  })
  if (published === undefined) return finish()

  await step("versions: none unreleased, and peer ranges on @tongxin/core follow the 0.x policy", () => {
    const core = published.find((p) => p.name === "@tongxin/core")!
    const [major, minor] = core.version.split(".").map(Number) as [number, number]
    // The next breaking core: a minor while 0.x (docs/releasing.md), a major from 1.0.0 on.
    const breaking = major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`
    const problems: Array<string> = []
    for (const p of published) {
      if (p.version === "0.0.0") problems.push(`${p.name} was published as 0.0.0, the unreleased version`)
      const range = (p.manifest["peerDependencies"] as Record<string, string> | undefined)?.["@tongxin/core"]
      if (range === undefined) continue
      if (satisfies(core.version, range) !== true)
        problems.push(`${p.name} peers @tongxin/core ${range}, which leaves out the published ${core.version}`)
      if (satisfies(breaking, range) !== false)
        problems.push(`${p.name} peers @tongxin/core ${range}, which lets in the breaking ${breaking}`)
      console.log(indent(`${p.name}: @tongxin/core ${range} (takes ${core.version}, refuses ${breaking})`))
    }
    if (problems.length > 0) throw new Error(problems.join("\n"))
  })

  // The docs, from the published copy.
  const guide = join(copy, "docs/getting-started.md")
  const readme = join(copy, "packages/cli/README.md")
  const docs = await step("docs: install lines, the guide's blocks and the CLI's steps", async () => {
    const guideLines = installLines(guide, /^##\s+(\d+\.\s+)?Install/, "@tongxin/core")
    const cliLines = installLines(readme, /^##\s+Install/, "@tongxin/cli")
    const districtFile = "my-district/district.yaml"
    const program = guideFiles(guide, districtFile)
    const steps = cliSteps(readme)
    console.log(
      indent(
        [
          "getting-started.md install lines:",
          ...managers.map((m) => `  ${guideLines[m]}`),
          "packages/cli/README.md install lines:",
          ...managers.map((m) => `  ${cliLines[m]}`),
          `getting-started.md blocks to run: ${program.files.map((f) => `${f.name} (line ${f.block.line})`).join(", ")}`,
          ...program.skipped.map((s) => `  not run: ${s}`),
          `packages/cli/README.md steps: ${steps.length}`,
        ].join("\n"),
      ),
    )
    return { guideLines, cliLines, program, steps }
  })
  if (docs === undefined) return finish()

  // The effect versions the published peer range allows.
  const effectRange = await step("effect: the lowest and the latest version the peer range allows", async () => {
    const core = published.find((p) => p.name === "@tongxin/core")!
    const ranges = new Set(
      published
        .map((p) => (p.manifest["peerDependencies"] as Record<string, string> | undefined)?.["effect"])
        .filter((r): r is string => r !== undefined),
    )
    const range = (core.manifest["peerDependencies"] as Record<string, string> | undefined)?.["effect"]
    if (range === undefined) throw new Error("@tongxin/core has no peer dependency on effect")
    if (ranges.size > 1) throw new Error(`the packages peer different effect ranges: ${[...ranges].join(" | ")}`)
    const doc = await packument(registry.url, "effect")
    const all = Object.keys((doc?.["versions"] ?? {}) as Json)
    const allowed = all.filter((v) => satisfies(v, range) === true).sort(compareVersions)
    if (allowed.length === 0) throw new Error(`no published effect version satisfies ${range}`)
    const latestTag = (doc?.["dist-tags"] as Record<string, string> | undefined)?.["latest"]
    const latest = latestTag !== undefined && allowed.includes(latestTag) ? latestTag : allowed[allowed.length - 1]!
    const lowest = allowed[0]!
    console.log(
      indent(
        `peer range ${range}: ${allowed.length} published versions (${allowed.join(", ")}); lowest ${lowest}, latest ${latest}${lowest === latest ? " (the same version: both installs below are alike)" : ""}`,
      ),
    )
    return { range, lowest, latest }
  })

  // 7. The package managers.
  const cliVersion = published.find((p) => p.name === "@tongxin/cli")!.version
  for (const manager of chosen) {
    const home = join(work, manager)
    mkdirSync(home)
    /** A fresh folder whose only configuration is the registry, also the user config. */
    const folder = (name: string, packageJson?: Json) => {
      const dir = join(home, name)
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, ".npmrc"), `registry=${registry.url}\n`)
      if (packageJson !== undefined)
        writeFileSync(join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`)
      return dir
    }
    const envFor = (dir: string, extra: NodeJS.ProcessEnv = {}, binDirs: ReadonlyArray<string> = []) => ({
      ...cleanEnv(),
      npm_config_userconfig: join(dir, ".npmrc"),
      ...extra,
      PATH: [...binDirs, yarnPath].join(":"),
    })

    // cli: a global install with a temporary prefix.
    const cliDir = folder("cli")
    const globalDir = join(cliDir, "global")
    const binDir = join(cliDir, "global/bin")
    const globals: Record<Manager, { env: NodeJS.ProcessEnv; nodeModules: string | (() => string) }> = {
      npm: { env: { npm_config_prefix: globalDir }, nodeModules: join(globalDir, "lib/node_modules") },
      pnpm: {
        env: { npm_config_global_dir: join(globalDir, "pnpm"), npm_config_global_bin_dir: binDir },
        // pnpm keeps global packages one level down, in a folder named for its layout (global/5).
        nodeModules: () => {
          const layouts = readdirSync(join(globalDir, "pnpm")).filter((d) =>
            existsSync(join(globalDir, "pnpm", d, "node_modules")),
          )
          if (layouts.length !== 1) throw new Error(`pnpm's global folder holds ${layouts.length} node_modules`)
          // its .pnpm folder is beside node_modules, not in it: both are measured
          return join(globalDir, "pnpm", layouts[0]!)
        },
      },
      yarn: {
        env: { YARN_GLOBAL_FOLDER: join(globalDir, "yarn"), YARN_PREFIX: globalDir },
        nodeModules: join(globalDir, "yarn/node_modules"),
      },
    }
    const cliEnv = envFor(cliDir, globals[manager].env, [binDir])
    const cliInstall = await step(`${manager}: install @tongxin/cli globally by name`, () =>
      install({
        label: "cli (global)",
        manager,
        line: docs.cliLines[manager],
        cwd: cliDir,
        env: cliEnv,
        measure: globals[manager].nodeModules,
      }),
    )
    const tongxinEnv = envFor(cliDir, {}, [binDir])
    let cliReady = false
    if (cliInstall !== undefined) {
      cliReady =
        (await step(`${manager}: tongxin --help, tongxin --version`, async () => {
          const help = await mustRun("tongxin", ["--help"], { cwd: cliDir, env: tongxinEnv })
          if (!help.stdout.includes("validate"))
            throw new Error(`tongxin --help does not list validate:\n${help.output}`)
          const v = (await mustRun("tongxin", ["--version"], { cwd: cliDir, env: tongxinEnv })).stdout.trim()
          if (v !== cliVersion)
            throw new Error(`tongxin --version printed ${v}, the published version is ${cliVersion}`)
          console.log(indent(`tongxin ${v} at ${binDir}`))
          return true
        })) !== undefined
      if (cliReady) {
        await step(`${manager}: packages/cli/README.md step by step (${docs.steps.length} commands)`, async () => {
          const runDir = join(cliDir, "run")
          mkdirSync(runDir)
          for (const line of docs.steps) {
            const [c, ...args] = line.split(/\s+/)
            const r = await mustRun(c!, args, { cwd: runDir, env: tongxinEnv })
            const first = r.output.trim().split("\n")[0] ?? ""
            console.log(indent(`$ ${line}  (${seconds(r.ms)})${first === "" ? "" : `\n  ${first.slice(0, 160)}`}`))
          }
          const report = join(runDir, "report.html")
          if (docs.steps.some((l) => l.includes("report.html"))) {
            if (!existsSync(report)) throw new Error("tongxin report wrote no report.html")
            console.log(indent(`report.html: ${Math.round(statSync(report).size / 1024)} KB`))
          }
        })
        // The other store the README documents: the PostgreSQL adapter must load. A port nothing
        // listens on gives the documented store failure (exit 3), never a missing module (exit 70).
        await step(
          `${manager}: tongxin --store postgres://… loads the PostgreSQL adapter (exit 3, closed port)`,
          async () => {
            const port = await freePort()
            const args = [
              "coverage",
              "--period",
              "2025",
              "--store",
              `postgres://tongxin@127.0.0.1:${port}/tongxin`,
              "--json",
            ]
            const r = await run("tongxin", args, { cwd: join(cliDir, "run"), env: tongxinEnv })
            let error: { kind?: string; message?: string } | undefined
            try {
              error = (JSON.parse(r.stdout) as { error?: typeof error }).error
            } catch {
              error = undefined
            }
            if (r.code !== 3 || error?.kind !== "store")
              throw new Error(
                `tongxin ${args.join(" ")} exited ${r.code} (${error?.kind ?? "no JSON"}), expected 3 (store): ${error?.message ?? tail(r.output, 10)}`,
              )
            console.log(indent(`exit 3: ${error.message?.slice(0, 120)}`))
          },
        )
      } else {
        skip(`${manager}: packages/cli/README.md step by step`, "the installed tongxin does not run")
        skip(`${manager}: tongxin --store postgres://…`, "the installed tongxin does not run")
      }
    } else {
      skip(`${manager}: tongxin --help, tongxin --version`, "the CLI did not install")
      skip(`${manager}: packages/cli/README.md step by step`, "the CLI did not install")
      skip(`${manager}: tongxin --store postgres://…`, "the CLI did not install")
    }

    // guide: the getting-started program.
    const guideDir = folder("guide", { name: "tongxin-guide", private: true, type: "module" })
    const guideEnv = envFor(guideDir, {}, cliReady ? [binDir] : [])
    const guideInstall = await step(`${manager}: docs/getting-started.md install line`, () =>
      install({
        label: "guide",
        manager,
        line: docs.guideLines[manager],
        cwd: guideDir,
        env: guideEnv,
        measure: join(guideDir, "node_modules"),
      }),
    )
    if (guideInstall === undefined || !cliReady) {
      skip(
        `${manager}: docs/getting-started.md program`,
        guideInstall === undefined ? "the install failed" : "no tongxin to run `tongxin init my-district`",
      )
    } else {
      await step(
        `${manager}: docs/getting-started.md program (${docs.program.files.map((f) => f.name).join(", ")})`,
        async () => {
          await mustRun("tongxin", ["init", "my-district"], { cwd: guideDir, env: guideEnv })
          for (const f of docs.program.files) writeFileSync(join(guideDir, f.name), f.source)
          for (const f of docs.program.files) {
            const r = await run(process.execPath, [f.name], { cwd: guideDir, env: guideEnv })
            console.log(
              indent(`$ node ${f.name}   (${basename(guide)}:${f.block.line}, ${f.block.heading}; ${seconds(r.ms)})`),
            )
            console.log(indent(tail(r.output, 12), "      "))
            if (r.code !== 0) throw new Error(`node ${f.name} exited ${r.code}`)
          }
        },
      )
    }

    // effect: the lowest and the latest version the peer range allows.
    if (effectRange === undefined) {
      skip(`${manager}: effect versions`, "no effect range")
      continue
    }
    const kinds = [
      ["lowest", effectRange.lowest],
      ...(effectRange.latest === effectRange.lowest ? [] : [["latest", effectRange.latest]]),
    ] as const
    if (effectRange.latest === effectRange.lowest)
      console.log(`– ${manager}: effect latest = lowest = ${effectRange.lowest}, installed once`)
    for (const [kind, version] of kinds) {
      const dir = folder(`effect-${kind}`, { name: `tongxin-effect-${kind}`, private: true, type: "module" })
      const line = `${docs.guideLines[manager].replace(/(^|\s)effect(?=\s|$)/, `$1effect@${version}`)} @tongxin/report`
      const dirEnv = envFor(dir)
      const ok = await step(
        `${manager}: install with effect@${version} (${kind}${effectRange.latest === effectRange.lowest ? " and latest" : ""})`,
        () =>
          install({
            label: `effect ${kind}`,
            manager,
            line,
            cwd: dir,
            env: dirEnv,
            measure: join(dir, "node_modules"),
          }),
      )
      if (ok === undefined) {
        skip(`${manager}: consumer on effect@${version}`, "the install failed")
        continue
      }
      await step(`${manager}: consumer on effect@${version}`, async () => {
        cpSync(join(fixtures, "effect-consumer.mjs"), join(dir, "effect-consumer.mjs"))
        cpSync(join(copy, "examples/qingshan/data/qingshan.json"), join(dir, "qingshan.json"))
        const r = await mustRun(process.execPath, ["effect-consumer.mjs"], { cwd: dir, env: dirEnv })
        const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "))
        if (line === undefined) throw new Error(`no RESULT line\n${r.output}`)
        const result = JSON.parse(line.slice("RESULT ".length)) as { effect: string }
        if (result.effect !== version) throw new Error(`the app got effect ${result.effect}, not ${version}`)
        console.log(indent(line))
      })
    }
  }

  // 8. The budgets.
  await step("budget: no installed package has an install script", async () => {
    const offenders = [...new Set(installs.flatMap((i) => i.scripts))].sort()
    if (offenders.length > 0)
      throw new Error(`${offenders.length} packages with install scripts: ${offenders.join(", ")}`)
  })
  await step(`budget: the CLI installs in at most ${megabytes(cliBudgetBytes)}`, async () => {
    const over = installs.filter((i) => i.label.startsWith("cli") && i.bytes > cliBudgetBytes)
    if (over.length > 0) throw new Error(over.map((i) => `${i.manager}: ${megabytes(i.bytes)}`).join("\n"))
  })

  return finish()
}

/** The installs table and the summary; removes the temporary folder unless it is kept. */
const summary = (work: string, keep: boolean): number => {
  if (installs.length > 0) {
    console.log(`\n${"─".repeat(72)}\ninstalls`)
    const rows = [
      ["manager", "install", "line", "time", "size", "packages", "packages with install scripts"],
      ...installs.map((i) => [
        i.manager,
        i.label,
        i.line,
        seconds(i.ms),
        megabytes(i.bytes),
        String(i.packages),
        i.scripts.length === 0 ? "none" : `${i.scripts.length}: ${i.scripts.join(", ")}`,
      ]),
    ]
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
    for (const r of rows)
      console.log(r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  "))
  }
  const code = printSummary("release:rehearse")
  if (code === 0 && !keep) rmSync(work, { recursive: true, force: true })
  else console.log(`temporary folder kept: ${work}`)
  return code
}

main().then(
  async (code) => {
    await stopRegistry()
    process.exitCode = code
  },
  async (error: unknown) => {
    console.error(error)
    await stopRegistry()
    process.exitCode = 1
  },
)
