// District.parse on the Qingshan dataset, against what a user would otherwise do: JSON.parse alone
// (no checks at all) and JSON.parse plus shape decoding without integrity checks.
import { District } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { datasetPath } from "@tongxin/example-qingshan/dataset"
import { measure, report } from "./measure.js"

export const run = () => {
  const text = readFileSync(datasetPath, "utf8")
  const decodeShape = Schema.decodeUnknownSync(District.DistrictData)
  const jsonOnly = measure("JSON.parse only (no checks)", () => JSON.parse(text))
  const shapeOnly = measure("JSON.parse + Schema shape decode", () => decodeShape(JSON.parse(text)))
  const full = measure("JSON.parse + District.parse (shape + integrity)", () => District.parse(JSON.parse(text)))
  const value = JSON.parse(text)
  const data = District.parse(value)
  if (data._tag === "Failure") throw new Error(data.failure.message)
  const integrity = measure("District.validate (integrity alone)", () => District.validate(data.success))
  report(
    `Parsing the Qingshan dataset (${(text.length / 1024).toFixed(0)} KiB, ${data.success.activities.length} activities)`,
    [jsonOnly, shapeOnly, full, integrity],
    jsonOnly,
  )
}
