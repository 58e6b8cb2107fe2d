// Regenerates data/qingshan.json from the generator (`pnpm --filter @tongxin/example-qingshan generate`).
import { writeFileSync } from "node:fs"
import { datasetPath, render } from "./dataset.js"

writeFileSync(datasetPath, render())
console.log(`wrote ${datasetPath}`)
