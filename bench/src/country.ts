// Seeded district datasets at three sizes, produced one district at a time so a store can take the
// country without the country ever being in memory: S is Qingshan (the committed dataset), M a
// province of 100 districts, L the country — 2,800 districts, 41,000 streets, 620,000
// communities/villages, 700,000 members, 20,000,000 attendance rows. M and L districts follow the
// national profile (about 15 streets, 221 communities/villages, 250 members, 7,143 attendance rows
// and 500 submissions each); totals are exact.
import { District } from "@tongxin/core"
import { datasetPath } from "@tongxin/example-qingshan/dataset"
import * as Result from "effect/Result"
import { readFileSync } from "node:fs"
import { generate } from "./national.js"

export type Size = "S" | "M" | "L"

export interface Profile {
  readonly size: Size
  readonly description: string
  readonly districts: number
}

const country = { districts: 2_800, streets: 41_000, grassroots: 620_000, members: 700_000, attendance: 20_000_000 }

export const profiles: Readonly<Record<Size, Profile>> = {
  S: { size: "S", description: "Qingshan (the committed dataset): 1 district", districts: 1 },
  M: { size: "M", description: "a province: 100 districts of the national profile", districts: 100 },
  L: {
    size: "L",
    description:
      "the country: 2,800 districts, 41,000 streets, 620,000 communities/villages, 700,000 members, 20,000,000 attendance rows",
    districts: 2_800,
  },
}

// District i's share of a national total, so the shares of all 2,800 add up exactly.
const share = (total: number, i: number) =>
  Math.floor((total * (i + 1)) / country.districts) - Math.floor((total * i) / country.districts)

/** The districts of a size, generated lazily: only the one being consumed is in memory. */
export function* districts(size: Size, seed = 1): Generator<District.DistrictData> {
  if (size === "S") {
    const parsed = District.parse(JSON.parse(readFileSync(datasetPath, "utf8")))
    if (Result.isFailure(parsed)) throw new Error(parsed.failure.message)
    yield parsed.success
    return
  }
  for (let i = 0; i < profiles[size].districts; i++) {
    const id = `d${String(i + 1).padStart(4, "0")}`
    yield generate(
      {
        streets: share(country.streets, i),
        grassroots: share(country.grassroots, i),
        members: share(country.members, i),
        attendance: share(country.attendance, i),
      },
      seed * 100_003 + i,
      { id, name: `区县${i + 1}` },
    )
  }
}

/** Rows a district contributes: units, platforms, members, activities, attendance, submissions. */
export const records = (data: District.DistrictData): number => {
  let attendance = 0
  for (const a of data.activities) attendance += a.attendance.length
  return (
    data.units.length +
    data.platforms.length +
    data.members.length +
    data.activities.length +
    attendance +
    data.submissions.length
  )
}
