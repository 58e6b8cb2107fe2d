// The two versions of the district the crash test's children import over each other: different
// sizes and contents, so "exactly the old or the new data" is a real distinction.
import type { District, Ids } from "@tongxin/core"
import * as Fixtures from "@tongxin/store-testkit/fixtures"

export const crashDistrict = "crash" as Ids.DistrictId

export const version = (which: "A" | "B"): District.DistrictData =>
  which === "A"
    ? Fixtures.district(crashDistrict, {
        activities: 4_000,
        attendancePerActivity: 50,
        members: 400,
        submissions: 600,
        outcomes: 80,
      })
    : Fixtures.district(crashDistrict, {
        activities: 3_000,
        attendancePerActivity: 60,
        members: 300,
        streets: 6,
        submissions: 500,
        outcomes: 60,
      })
