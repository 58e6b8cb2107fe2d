/**
 * Data the conformance suites write: fresh tenant ids, so tests never share state, and consistent
 * districts of any size (also used by the storage benchmarks).
 *
 * @since 0.1.0
 */
import { type District, type Ids, Unit } from "@tongxin/core"

let counter = 0
const run = Math.floor(Math.random() * 36 ** 6).toString(36)

/**
 * A district id no other test uses, in this process or another one.
 *
 * @since 0.1.0
 * @category ids
 */
export const freshDistrictId = (label = "kit"): Ids.DistrictId =>
  `${label}-${run}-${Date.now().toString(36)}-${(counter++).toString(36)}` as Ids.DistrictId

/**
 * A district's own record.
 *
 * @since 0.1.0
 * @category data
 */
export const districtInfo = (id: Ids.DistrictId, name = "测试区"): District.DistrictInfo => ({
  id,
  name,
  unitKinds: Unit.defaultKinds,
  sectors: [
    { id: "economy" as Ids.SectorId, labels: { "zh-CN": "经济界", en: "Economy" } },
    { id: "education" as Ids.SectorId, labels: { "zh-CN": "教育界", en: "Education" } },
  ],
  activityTypes: [],
})

/**
 * How big a generated district is.
 *
 * @since 0.1.0
 * @category data
 */
export interface Size {
  readonly streets: number
  readonly communitiesPerStreet: number
  readonly members: number
  readonly activities: number
  readonly attendancePerActivity: number
  readonly submissions: number
  readonly outcomes: number
}

/**
 * A small district: every collection holds something.
 *
 * @since 0.1.0
 * @category data
 */
export const small: Size = {
  streets: 3,
  communitiesPerStreet: 3,
  members: 20,
  activities: 12,
  attendancePerActivity: 5,
  submissions: 8,
  outcomes: 4,
}

const pad = (n: number, width = 6) => String(n).padStart(width, "0")
const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + (n % 365))).toISOString().slice(0, 10)

/**
 * A consistent district (`District.validate` finds nothing) of the given size, the same for the
 * same arguments. Activities are spread over 2025 and each has `attendancePerActivity` distinct
 * members.
 *
 * @since 0.1.0
 * @category data
 */
export const district = (id: Ids.DistrictId, size: Partial<Size> = {}): District.DistrictData => {
  const s = { ...small, ...size }
  const units: Array<District.DistrictData["units"][number]> = []
  const streets: Array<string> = []
  const communities: Array<string> = []
  for (let i = 0; i < s.streets; i++) {
    const street = `st${pad(i, 3)}`
    streets.push(street)
    units.push({ id: street as Ids.UnitId, kind: "street" as Ids.UnitKindId, name: `街道${i}` })
    for (let j = 0; j < s.communitiesPerStreet; j++) {
      const community = `${street}-c${pad(j, 3)}`
      communities.push(community)
      units.push({
        id: community as Ids.UnitId,
        kind: "community" as Ids.UnitKindId,
        name: `社区${i}-${j}`,
        parentId: street as Ids.UnitId,
      })
    }
  }
  const platforms = communities.map((c) => ({
    id: `p-${c}` as Ids.PlatformId,
    unitId: c as Ids.UnitId,
    name: `${c} 有事好商量平台`,
    conveners: [],
  }))
  const members: Array<District.DistrictData["members"][number]> = []
  for (let i = 0; i < s.members; i++) {
    members.push({
      id: `m${pad(i)}` as Ids.MemberId,
      name: `委员${i}`,
      level: i % 5 === 0 ? "city" : "district",
      sector: (i % 2 === 0 ? "economy" : "education") as Ids.SectorId,
      partyMember: i % 3 === 0,
      standingCommittee: false,
      chairmansMeeting: false,
      specialCommitteeIds: [],
      ...(communities.length > 0 ? { residenceUnitId: communities[i % communities.length] as Ids.UnitId } : {}),
    })
  }
  const committees = streets.map((street, i) => ({
    id: `lc-${street}` as Ids.CommitteeId,
    streetId: street as Ids.UnitId,
    name: `联络委${i}`,
    memberIds: members.filter((_, k) => k % streets.length === i).map((m) => m.id),
  }))
  const activities: Array<District.DistrictData["activities"][number]> = []
  const statuses = ["present", "present", "present", "excused", "late", "unexcused", "partial"] as const
  for (let i = 0; i < s.activities; i++) {
    const attendance: Array<District.DistrictData["activities"][number]["attendance"][number]> = []
    const n = Math.min(s.attendancePerActivity, members.length)
    for (let k = 0; k < n; k++) {
      const status = statuses[(i + k) % statuses.length]!
      attendance.push({
        memberId: members[(i * 7 + k) % members.length]!.id,
        status,
        ...(status === "partial" ? { halfDays: 1 } : {}),
        ...(k === 0 && i % 4 === 0 ? { speech: "oral" as const } : {}),
      })
    }
    const committee = committees.length > 0 ? committees[i % committees.length] : undefined
    activities.push({
      id: `a${pad(i, 8)}` as Ids.ActivityId,
      type: (i % 3 === 0
        ? "frontline-consultation"
        : i % 3 === 1
          ? "research"
          : "liaison-meeting") as Ids.ActivityTypeId,
      title: `活动 ${i}`,
      date: day(i) as District.DistrictData["activities"][number]["date"],
      halfDays: 1,
      ...(committee !== undefined ? { unitId: committee.streetId } : {}),
      organiser: committee !== undefined ? { kind: "committee", id: committee.id } : { kind: "district" },
      attendance,
      participants: [],
    })
  }
  const submissions = Array.from({ length: members.length === 0 ? 0 : s.submissions }, (_, i) => ({
    id: `sub${pad(i)}` as Ids.SubmissionId,
    kind: i % 2 === 0 ? ("proposal" as const) : ("social-conditions" as const),
    title: `提案 ${i}`,
    date: day(i * 3) as District.DistrictData["submissions"][number]["date"],
    authors: [members[i % members.length]!.id] as const,
    collective: false,
    flags: [],
  }))
  const outcomes = Array.from({ length: s.outcomes }, (_, i) => ({
    id: `o${pad(i)}` as Ids.OutcomeId,
    title: `成果 ${i}`,
    ...(streets.length > 0 ? { unitId: streets[i % streets.length] as Ids.UnitId } : {}),
    handlingUnit: "区住建局",
    status: "in-progress" as const,
    progress: (i * 10) % 100,
    assignedOn: day(i) as District.DistrictData["outcomes"][number]["assignedOn"],
    implemented: false,
    milestones: [],
  }))
  return {
    district: districtInfo(id),
    units,
    platforms,
    members,
    committees,
    partyBranches: [],
    studios: [],
    specialCommittees: [],
    guidance: [],
    activities,
    submissions,
    outcomes,
  }
}
