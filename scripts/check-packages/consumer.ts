// Type-checked (never run) by `tsc --noEmit -p tsconfig.json` in the temporary project: an ESM
// consumer (`"type": "module"`, module node16, strict) of every package's published declarations.
// The labelled enums must be values *and* types inside the `export * as` namespaces: tsup's bundled
// declarations once exported `Progress.Rate`, `Member.MemberLevel`, … as types only.
import {
  Activity,
  Coverage,
  District,
  Member,
  Outcome,
  Period,
  Progress,
  Scoring,
  type Store,
  Unit,
} from "@tongxin/core"
import { Tongxin } from "@tongxin/core/promise"
import { DistrictArbitrary } from "@tongxin/core/testing"
import { Report } from "@tongxin/report"
import { PgStore } from "@tongxin/store-postgres"
import { freshLayer, startTestDatabase } from "@tongxin/store-postgres/testing"
import { SqliteStore } from "@tongxin/store-sqlite"
import { Fixtures, storeConformance } from "@tongxin/store-testkit"
import * as Result from "effect/Result"
import type * as Layer from "effect/Layer"

// Labelled enums: `X.values` (value) typed as `ReadonlyArray<X>` (type).
export const rates: ReadonlyArray<Progress.Rate> = Progress.Rate.values
export const levels: ReadonlyArray<Member.MemberLevel> = Member.MemberLevel.values
export const statuses: ReadonlyArray<Activity.AttendanceStatus> = Activity.AttendanceStatus.values
export const granularities: ReadonlyArray<Period.Granularity> = Period.Granularity.values
export const tiers: ReadonlyArray<Unit.UnitTier> = Unit.UnitTier.values
export const outcomeStatuses: ReadonlyArray<Outcome.OutcomeStatus> = Outcome.OutcomeStatus.values
export const level: Member.MemberLevel = "district"
export const completion: Progress.Rate = "completion"
// @ts-expect-error not a member level: the types are not `any`
export const notALevel: Member.MemberLevel = "galactic"
// @ts-expect-error not a rate
export const notARate: Progress.Rate = Progress.Rate.values.length
export const label: string = Member.MemberLevel.label(level, "en")
export const isRate = (u: unknown): u is Progress.Rate => Progress.Rate.is(u)

// The rules over a parsed district.
export const run = (
  input: unknown,
  rubricJson: unknown,
): { coverage: Coverage.CoverageReport; evaluation: Scoring.Evaluation } | string => {
  const parsed = District.parse(input)
  if (Result.isFailure(parsed)) return parsed.failure.issues.map((i) => i.message).join("\n")
  const data: District.DistrictData = parsed.success
  const period = Period.year(2025)
  const coverage = Coverage.check(data, { rules: Coverage.builtins, period })
  const rubric = Scoring.parseRubric(rubricJson)
  if (Result.isFailure(rubric)) return rubric.failure.message
  const evaluation = Scoring.evaluate(rubric.success, data, { period })
  const streets: ReadonlyArray<Progress.GroupRates> = Progress.rates(data, { by: "street" })
  const completionRatio: number | undefined = streets[0]?.rates.completion.ratio
  void completionRatio
  return { coverage, evaluation }
}

// The store layers of every adapter are layers of core's `Store` (one `effect`, one core).
export const sqlite: Layer.Layer<Store.Store, unknown> = SqliteStore.layer({ filename: ":memory:" })
export const pg: Layer.Layer<Store.Store, unknown> = PgStore.layer({ url: "postgres://localhost/tongxin" })
export const onTestDatabase = async (): Promise<Layer.Layer<Store.Store, unknown>> =>
  freshLayer(await startTestDatabase())
export const conformance = (): void => storeConformance("sqlite", sqlite, { disable: ["model-based"] })
export const fixture: District.DistrictData = Fixtures.district(Fixtures.freshDistrictId())
export const arbitrary: unknown = DistrictArbitrary

// The promise API and the report.
export const summarise = async (data: District.DistrictData): Promise<string> => {
  const tongxin = Tongxin.open(sqlite)
  try {
    await tongxin.store.importDistrict(data)
    const stored: District.DistrictData | undefined = await tongxin.loadDistrict(data.district.id)
    if (stored === undefined) return ""
    return Report.render(
      {
        district: stored.district,
        coverage: Coverage.check(stored, { rules: Coverage.builtins, period: Period.year(2025) }),
      },
      { locale: "en" },
    )
  } finally {
    await tongxin.close()
  }
}
