// `pnpm bench [names…] [--scale <fraction of national size>] [--size S,M,L] [--adapter sqlite,postgres]`:
// the benchmarks, each printing its ratios against its baselines from this one run. Without names,
// all run; coverage defaults to a tenth of national size (`--scale 1` is the whole country: needs
// ~10 GB of memory and minutes); the end-to-end benchmark defaults to sizes S and M on both stores.
import * as Assignment from "./assignment.js"
import type { Size } from "./country.js"
import * as Coverage from "./coverage.js"
import * as EndToEnd from "./endToEnd.js"
import { peakRssMb } from "./measure.js"
import * as Parse from "./parse.js"
import * as Scoring from "./scoring.js"
import * as Storage from "./storage.js"

const args = process.argv.slice(2).filter((a) => a !== "--")
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const fail = (message: string): never => {
  console.error(message)
  process.exit(2)
}
const scale = Number(flag("--scale") ?? 0.1)
if (!(scale > 0 && scale <= 10)) fail("--scale must be a number in (0, 10]")
const sizes = (flag("--size") ?? "S,M").split(",")
if (!sizes.every((s) => s === "S" || s === "M" || s === "L")) fail("--size takes S, M and/or L, e.g. --size S,M")
const adapters = (flag("--adapter") ?? "sqlite,postgres").split(",")
if (!adapters.every((a) => a === "sqlite" || a === "postgres")) fail("--adapter takes sqlite and/or postgres")
const values = new Set(["--scale", "--size", "--adapter"].map((f) => args.indexOf(f) + 1).filter((i) => i > 0))
const names = args.filter((a, i) => !a.startsWith("--") && !values.has(i))
const benches: Record<string, () => unknown> = {
  parse: () => Parse.run(),
  scoring: () => Scoring.run(scale),
  // Sizes up to 20,000×1,000 by default; --scale 1 adds 100,000×5,000.
  assignment: () => Assignment.run(scale >= 1 ? 4 : 3),
  // 1,000,000 attendance rows at the default scale (a tenth of national), 10,000,000 at --scale 1.
  storage: () => Storage.run(scale * 10),
  e2e: () => EndToEnd.runAll(sizes as Array<Size>, adapters as Array<"sqlite" | "postgres">),
  coverage: () => {
    // Two sizes a factor of ten apart show whether time grows linearly.
    const small = Coverage.run(scale / 10)
    const big = Coverage.run(scale)
    console.log(
      `\n  linearity: ${(big.records / small.records).toFixed(1)}× the records took ${(big.all.medianMs / small.all.medianMs).toFixed(1)}× the time (all built-ins)`,
    )
  },
}
const unknown = names.filter((n) => !(n in benches))
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}`)
  process.exit(2)
}
for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!()
console.log(`\npeak RSS ${peakRssMb()} MiB`)
