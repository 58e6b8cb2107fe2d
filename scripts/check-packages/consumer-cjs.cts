// Type-checked (never run) like consumer.ts, but as CommonJS: a `.cts` file under module node16
// compiles its imports to `require`, so TypeScript resolves the packages' `require` condition and
// reads the `.d.cts` declarations.
import { Activity, Coverage, type District, Member, Period, Progress, type Store } from "@tongxin/core"
import { Tongxin } from "@tongxin/core/promise"
import { Report } from "@tongxin/report"
import { PgStore } from "@tongxin/store-postgres"
import { SqliteStore } from "@tongxin/store-sqlite"
import { Fixtures } from "@tongxin/store-testkit"
import type * as Layer from "effect/Layer"

export const rates: ReadonlyArray<Progress.Rate> = Progress.Rate.values
export const levels: ReadonlyArray<Member.MemberLevel> = Member.MemberLevel.values
export const statuses: ReadonlyArray<Activity.AttendanceStatus> = Activity.AttendanceStatus.values
export const granularities: ReadonlyArray<Period.Granularity> = Period.Granularity.values
// @ts-expect-error not a member level: the types are not `any`
export const notALevel: Member.MemberLevel = "galactic"

export const sqlite: Layer.Layer<Store.Store, unknown> = SqliteStore.layer({ filename: ":memory:" })
export const pg: Layer.Layer<Store.Store, unknown> = PgStore.layer({ url: "postgres://localhost/tongxin" })
export const fixture: District.DistrictData = Fixtures.district(Fixtures.freshDistrictId())
export const report = (data: District.DistrictData): string =>
  Report.render({ coverage: Coverage.check(data, { rules: Coverage.builtins, period: Period.year(2025) }) })
export const open = (): Promise<void> => Tongxin.open(sqlite).close()
