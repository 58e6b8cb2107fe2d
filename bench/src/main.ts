// `pnpm bench [names…] [--scale <fraction of national size>]`: the benchmarks, each printing its
// ratios against its baselines from this one run. Without names, all run; coverage defaults to a
// tenth of national size (`--scale 1` is the whole country: needs ~10 GB of memory and minutes).
import * as Assignment from "./assignment.js"
import * as Coverage from "./coverage.js"
import { peakRssMb } from "./measure.js"
import * as Parse from "./parse.js"
import * as Scoring from "./scoring.js"
import * as Storage from "./storage.js"

const args = process.argv.slice(2).filter((a) => a !== "--")
const scaleAt = args.indexOf("--scale")
const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 0.1
if (!(scale > 0 && scale <= 10)) {
  console.error("--scale must be a number in (0, 10]")
  process.exit(2)
}
const names = args.filter((a, i) => !a.startsWith("--") && (scaleAt < 0 || i !== scaleAt + 1))
const benches: Record<string, () => unknown> = {
  parse: () => Parse.run(),
  scoring: () => Scoring.run(scale),
  // Sizes up to 20,000×1,000 by default; --scale 1 adds 100,000×5,000.
  assignment: () => Assignment.run(scale >= 1 ? 4 : 3),
  // 1,000,000 attendance rows at the default scale (a tenth of national), 10,000,000 at --scale 1.
  storage: () => Storage.run(scale * 10),
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
