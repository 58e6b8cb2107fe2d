// A large district for the tests and measurements that need one: Qingshan's units and members
// with `activities` generated activities of `perActivity` attendance rows each.
import type { District, Ids } from "@tongxin/core"

const statuses = ["present", "present", "present", "late", "excused", "unexcused", "partial"] as const

export const bigDistrict = (
  base: District.DistrictData,
  activities: number,
  perActivity: number,
): District.DistrictData => {
  const members = base.members.map((m) => m.id)
  const generated: Array<District.DistrictData["activities"][number]> = []
  for (let a = 0; a < activities; a++) {
    const attendance: Array<District.DistrictData["activities"][number]["attendance"][number]> = []
    for (let k = 0; k < perActivity; k++) {
      const status = statuses[(a + k) % statuses.length]!
      attendance.push(
        status === "partial"
          ? { memberId: members[(a + k) % members.length]! as Ids.MemberId, status, halfDays: 1 }
          : k % 11 === 0
            ? { memberId: members[(a + k) % members.length]! as Ids.MemberId, status, speech: "oral" }
            : { memberId: members[(a + k) % members.length]! as Ids.MemberId, status },
      )
    }
    generated.push({
      id: `big-${a}` as Ids.ActivityId,
      type: "consultation" as Ids.ActivityTypeId,
      title: `协商活动 ${a}`,
      date: new Date(Date.UTC(2025, 0, 1 + (a % 365)))
        .toISOString()
        .slice(0, 10) as District.DistrictData["activities"][number]["date"],
      halfDays: 1,
      organiser: { kind: "district" },
      attendance,
      participants: [],
    })
  }
  return { ...base, activities: generated }
}
