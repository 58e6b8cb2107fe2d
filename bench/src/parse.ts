// Reading district data, against what a user would otherwise do: JSON.parse alone (no checks at
// all), JSON.parse plus shape decoding without integrity checks, and JSON.parse + District.parse.
// `DistrictSource.parseText` (text → checked district, with positions for every problem) is
// measured on the Qingshan file and on one district of the national profile. Then two inputs that
// used to cost quadratic time, each at two sizes four times apart, to show the time grows linearly:
// a CSV folder with broken rows, and a YAML file with an alias for each of its anchors.
import { District, DistrictCsv, DistrictSource } from "@tongxin/core"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { datasetPath } from "@tongxin/example-qingshan/dataset"
import { districts } from "./country.js"
import { type Measurement, measure, report } from "./measure.js"

// Medians of 25 runs: these take milliseconds, and 7 runs left the median to the garbage collector.
const runs = 25

export const run = () => {
  const text = readFileSync(datasetPath, "utf8")
  const decodeShape = Schema.decodeUnknownSync(District.DistrictData)
  const jsonOnly = measure("JSON.parse only (no checks)", () => JSON.parse(text), runs)
  const shapeOnly = measure("JSON.parse + Schema shape decode", () => decodeShape(JSON.parse(text)), runs)
  const full = measure("JSON.parse + District.parse (shape + integrity)", () => District.parse(JSON.parse(text)), runs)
  const fromText = measure("DistrictSource.parseText (text → checked)", () => expectValid(text), runs)
  const data = District.parse(JSON.parse(text))
  if (data._tag === "Failure") throw new Error(data.failure.message)
  const integrity = measure("District.validate (integrity alone)", () => District.validate(data.success), runs)
  report(
    `Parsing the Qingshan dataset (${(text.length / 1024).toFixed(0)} KiB, ${data.success.activities.length} activities)`,
    [jsonOnly, shapeOnly, full, fromText, integrity],
    jsonOnly,
  )
  overhead(fromText, full, jsonOnly)

  // One district of the national profile (size M's first), as a user would save it.
  const national = districts("M").next().value!
  const nationalText = JSON.stringify(District.encode(national), null, 2)
  const nJson = measure("JSON.parse only (no checks)", () => JSON.parse(nationalText), runs)
  const nFull = measure(
    "JSON.parse + District.parse (shape + integrity)",
    () => District.parse(JSON.parse(nationalText)),
    runs,
  )
  const nText = measure("DistrictSource.parseText (text → checked)", () => expectValid(nationalText), runs)
  report(
    `Parsing one district of the national profile (${(nationalText.length / 1024).toFixed(0)} KiB, ${national.units.length} units, ${national.members.length} members, ${national.activities.length} activities)`,
    [nJson, nFull, nText],
    nJson,
  )
  overhead(nText, nFull, nJson)

  // Inputs that used to take quadratic time: four times the input should take about four times as
  // long (before the fix, 2,000/4,000/8,000 broken CSV rows took 0.7/1.9/7.6 s and 20,000 YAML
  // aliases 15 s).
  linearity(
    "CSV folder, attendance rows naming no activity",
    (n) => brokenFolder(n),
    40_000,
    (f) => DistrictCsv.parseFolder(f),
  )
  linearity(
    "YAML file, one alias per anchor",
    (n) => aliased(n),
    5_000,
    (t) => DistrictSource.parseText(t),
  )
}

const expectValid = (text: string) => {
  const parsed = DistrictSource.parseText(text)
  if (parsed._tag === "Failure") throw new Error(parsed.failure.message)
  return parsed
}

const overhead = (fromText: Measurement, full: Measurement, json: Measurement) =>
  console.log(
    `  text → checked district: ${(fromText.medianMs / json.medianMs).toFixed(1)}× JSON.parse, ${(fromText.medianMs / full.medianMs).toFixed(2)}× JSON.parse + District.parse (reading and positions add ${Math.max(0, fromText.medianMs - full.medianMs).toFixed(1)} ms)`,
  )

const linearity = <A>(title: string, make: (n: number) => A, small: number, fn: (input: A) => unknown) => {
  const time = (n: number) => {
    const input = make(n)
    return measure(`${n}`, () => fn(input), 3).medianMs
  }
  const a = time(small)
  const b = time(small * 4)
  console.log(
    `\n${title}: ${small.toLocaleString()} → ${(a / 1000).toFixed(2)} s, ${(small * 4).toLocaleString()} → ${(b / 1000).toFixed(2)} s (4× the input took ${(b / a).toFixed(1)}× the time)`,
  )
}

// A CSV folder whose attendance rows all name an activity that does not exist: one issue per row,
// all found by the CSV reader, none by District.parse.
const brokenFolder = (n: number): Map<string, string> => {
  const rows = ["activityId,memberId,status"]
  for (let i = 0; i < n; i++) rows.push(`missing-${i},m${i},present`)
  return new Map([
    ["district.yaml", "id: d1\nname: 青山区\nsectors: []\n"],
    ["attendance.csv", `${rows.join("\n")}\n`],
  ])
}

// A valid district in YAML whose units each take their kind from an anchor defined just before.
const aliased = (n: number): string => {
  const lines = ["district:", "  id: d1", "  name: 青山区", "  sectors: []", "units:"]
  for (let i = 0; i < n; i++) lines.push(`  - { id: s${i}, kind: &k${i} street, name: 街道${i}, nameEn: *k${i} }`)
  return `${lines.join("\n")}\n`
}
