// `pnpm bench`: every benchmark, each printing its ratios against its baselines from this one run.
import { peakRssMb } from "./measure.js"
import * as Parse from "./parse.js"

Parse.run()
console.log(`\npeak RSS ${peakRssMb()} MiB`)
