/**
 * `tongxin validate <file>`: checks a district document without touching any store.
 */
import type { District } from "@tongxin/core"
import * as Argument from "effect/cli/Argument"
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { readDistrict, shown } from "../internal/files.js"
import { json, verbose } from "../internal/options.js"
import { printJson, table } from "../internal/output.js"

/** What a valid document holds: the district and the number of items per collection. */
export const counts = (data: District.DistrictData) => ({
  units: data.units.length,
  platforms: data.platforms.length,
  members: data.members.length,
  committees: data.committees.length,
  partyBranches: data.partyBranches.length,
  studios: data.studios.length,
  specialCommittees: data.specialCommittees.length,
  guidance: data.guidance.length,
  activities: data.activities.length,
  attendance: data.activities.reduce((n, a) => n + a.attendance.length, 0),
  submissions: data.submissions.length,
  outcomes: data.outcomes.length,
})

const labels: { readonly [K in keyof ReturnType<typeof counts>]: string } = {
  units: "单位 Units",
  platforms: "平台 Platforms",
  members: "委员 Members",
  committees: "联络委 Liaison committees",
  partyBranches: "党支部 Party branches",
  studios: "委员工作室 Studios",
  specialCommittees: "专委会 Special committees",
  guidance: "分片包街 Guidance",
  activities: "活动 Activities",
  attendance: "出勤记录 Attendance rows",
  submissions: "提案信息 Submissions",
  outcomes: "成果 Outcomes",
}

export const countsTable = (c: ReturnType<typeof counts>): string =>
  table(
    ["项目 Item", "数量 Count"],
    (Object.keys(labels) as Array<keyof typeof labels>).map((k) => [labels[k], c[k]]),
  )

export const command = Command.make(
  "validate",
  {
    file: Argument.String("file").pipe(
      Argument.withDescription(
        "A district document (JSON or YAML), or a folder holding district.yaml / district.json and, optionally, CSV files of the collections (members.csv, activities.csv, attendance.csv, …).",
      ),
    ),
    json,
    verbose,
  },
  ({ file, json }) =>
    Effect.gen(function* () {
      const { file: path, data } = yield* readDistrict(file)
      if (json) {
        return yield* printJson({
          ok: true,
          file: shown(path),
          district: { id: data.district.id, name: data.district.name },
          counts: counts(data),
        })
      }
      yield* Console.log(
        `✓ ${shown(path)}: ${data.district.name} (${data.district.id}) 数据校验通过 / the district data is valid`,
      )
      yield* Console.log(countsTable(counts(data)))
    }),
).pipe(
  Command.withDescription(
    "Check a district document (JSON or YAML, or a folder of CSV files with its district.yaml) without touching any store: its shape and its integrity (ids unique, every reference resolves, the unit tree is a tree). Prints every problem with file:line:column, path and a message in English and Chinese; exits 1 when there is any.",
  ),
  Command.withShortDescription("Check a district file or CSV folder, without a store"),
)
