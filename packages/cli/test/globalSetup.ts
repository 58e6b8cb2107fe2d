// Builds what the binary runs: the workspace packages it imports (only when their dist is missing
// or older than their sources) and the CLI itself (always), with the same tsup the packages use.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, rmSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const packages = fileURLToPath(new URL("../../", import.meta.url))
const tsup = join(
  createRequire(join(packages, "..", "package.json")).resolve("tsup/package.json"),
  "..",
  "dist",
  "cli-default.js",
)

const newest = (dir: string): number => {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

// The packages' own tsup configs clean their dist; the CLI's two builds do not (see its tsup.config.ts).
const build = (name: string) => {
  const cwd = join(packages, name)
  if (name === "cli") rmSync(join(cwd, "dist"), { recursive: true, force: true })
  const r = spawnSync(process.execPath, [tsup], { cwd, encoding: "utf8" })
  if (r.status !== 0) throw new Error(`building packages/${name} failed:\n${r.stdout}\n${r.stderr}`)
}

export default function setup() {
  for (const dep of ["core", "report", "store-sqlite", "store-postgres"]) {
    const built = join(packages, dep, "dist", "index.js")
    if (!existsSync(built) || statSync(built).mtimeMs < newest(join(packages, dep, "src"))) build(dep)
  }
  build("cli")
}
