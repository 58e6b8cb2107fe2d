// A seeded, national-size district dataset built straight into memory (no Schema decoding: at this
// size the data is generated consistent by construction). Scale 1 is the country: 41,000 streets,
// 620,000 communities/villages, 700,000 members, 10,000,000 attendance rows.
import type { District, Ids } from "@tongxin/core"
import { Unit } from "@tongxin/core"
import { prng } from "@tongxin/example-qingshan/generate"

export interface Sizes {
  readonly streets: number
  readonly grassroots: number
  readonly members: number
  readonly attendance: number
}

export const sizesAt = (scale: number): Sizes => ({
  streets: Math.max(1, Math.round(41_000 * scale)),
  grassroots: Math.max(1, Math.round(620_000 * scale)),
  members: Math.max(1, Math.round(700_000 * scale)),
  attendance: Math.max(1, Math.round(10_000_000 * scale)),
})

const types = [
  "liaison-meeting",
  "consultation",
  "research",
  "inspection",
  "reading",
  "party-led",
  "reception",
  "training",
]
const statuses = [
  "present",
  "present",
  "present",
  "present",
  "present",
  "present",
  "late",
  "excused",
  "unexcused",
  "partial",
] as const

const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10)
const dates = Array.from({ length: 365 }, (_, d) => day(d))

export const generate = (
  sizes: Sizes,
  seed = 1,
  district: { readonly id: string; readonly name: string } = { id: "nation", name: "全国" },
): District.DistrictData => {
  const r = prng(seed).next
  const int = (n: number) => Math.floor(r() * n)
  const units: Array<District.DistrictData["units"][number]> = []
  const platforms: Array<District.DistrictData["platforms"][number]> = []
  const streetIds: Array<string> = []
  for (let s = 0; s < sizes.streets; s++) {
    const id = `s${s}`
    streetIds.push(id)
    units.push({ id: id as Ids.UnitId, kind: "street" as Ids.UnitKindId, name: `街道${s}` })
    if (r() < 0.99)
      platforms.push({ id: `p${id}` as Ids.PlatformId, unitId: id as Ids.UnitId, name: `平台${s}`, conveners: [] })
  }
  const grassrootsStreet = new Int32Array(sizes.grassroots)
  for (let c = 0; c < sizes.grassroots; c++) {
    const street = c % sizes.streets
    grassrootsStreet[c] = street
    const id = `c${c}`
    units.push({
      id: id as Ids.UnitId,
      kind: (r() < 0.78 ? "village" : "community") as Ids.UnitKindId,
      name: `社区${c}`,
      parentId: streetIds[street] as Ids.UnitId,
    })
    const roll = r()
    if (roll < 0.97)
      platforms.push({ id: `p${id}` as Ids.PlatformId, unitId: id as Ids.UnitId, name: `议事室${c}`, conveners: [] })
    else if (roll < 0.98)
      platforms.push({
        id: `p${id}` as Ids.PlatformId,
        unitId: id as Ids.UnitId,
        name: `议事室${c}`,
        conveners: [],
        activeTo: "2024-06-30" as never,
      })
  }
  const members: Array<District.DistrictData["members"][number]> = []
  const memberStreet = new Int32Array(sizes.members)
  const byStreet: Array<Array<string>> = streetIds.map(() => [])
  for (let m = 0; m < sizes.members; m++) {
    const c = int(sizes.grassroots)
    const street = grassrootsStreet[c]!
    memberStreet[m] = street
    const id = `m${m}`
    members.push({
      id: id as Ids.MemberId,
      name: `委员${m}`,
      level: r() < 0.2 ? "city" : "district",
      sector: "economy" as Ids.SectorId,
      partyMember: r() < 0.45,
      standingCommittee: false,
      chairmansMeeting: false,
      specialCommitteeIds: [],
      residenceUnitId: `c${c}` as Ids.UnitId,
    })
    if (r() > 0.005) byStreet[street]!.push(id)
  }
  const committees = streetIds.map((s, i) => ({
    id: `k${s}` as Ids.CommitteeId,
    streetId: s as Ids.UnitId,
    name: `联络委${s}`,
    memberIds: byStreet[i]! as Array<Ids.MemberId>,
  }))
  const partyBranches = committees.map((c) => ({
    id: `b${c.id}` as Ids.PartyBranchId,
    kind: "functional" as const,
    name: `支部${c.id}`,
    committeeIds: [c.id] as [Ids.CommitteeId],
    memberIds: [],
    ...(r() < 0.95 ? { firstSecretary: { name: "第一书记" } } : {}),
  }))
  const activities: Array<District.DistrictData["activities"][number]> = []
  let rows = 0
  for (let a = 0; rows < sizes.attendance; a++) {
    const street = int(sizes.streets)
    const pool = byStreet[street]!
    // A member attends an activity once: no more rows than the street has members.
    const n = Math.min(sizes.attendance - rows, pool.length, 5 + int(30))
    const attendance: Array<District.DistrictData["activities"][number]["attendance"][number]> = []
    const start = int(Math.max(1, pool.length))
    for (let k = 0; k < n; k++) {
      attendance.push({
        memberId: pool[(start + k) % pool.length]! as Ids.MemberId,
        status: statuses[int(statuses.length)]!,
      })
    }
    rows += n
    if (pool.length === 0 && n === 0 && a > sizes.attendance) break
    const type = types[int(types.length)]!
    activities.push({
      id: `a${a}` as Ids.ActivityId,
      type: type as Ids.ActivityTypeId,
      title: "活动",
      date: dates[int(365)]! as never,
      halfDays: 1,
      unitId: streetIds[street] as Ids.UnitId,
      organiser:
        type === "party-led"
          ? { kind: "party-branch", id: `bk${streetIds[street]}` }
          : { kind: "committee", id: `k${streetIds[street]}` },
      attendance,
      participants: [],
    })
  }
  const submissions: Array<District.DistrictData["submissions"][number]> = []
  for (let s = 0; s < sizes.members * 2; s++) {
    const lead = int(sizes.members)
    const authors = [`m${lead}` as Ids.MemberId]
    if (r() < 0.3) authors.push(`m${(lead + 1) % sizes.members}` as Ids.MemberId)
    submissions.push({
      id: `x${s}` as Ids.SubmissionId,
      kind: r() < 0.45 ? "proposal" : "social-conditions",
      title: "提案",
      date: dates[int(365)]! as never,
      authors: authors as unknown as readonly [Ids.MemberId, ...Array<Ids.MemberId>],
      collective: false,
      flags: [],
    })
  }
  return {
    district: {
      id: district.id as Ids.DistrictId,
      name: district.name,
      unitKinds: Unit.defaultKinds,
      sectors: [{ id: "economy" as Ids.SectorId, labels: { "zh-CN": "经济界", en: "Economy" } }],
      activityTypes: [],
    },
    units,
    platforms,
    members,
    committees,
    partyBranches,
    studios: [],
    specialCommittees: [],
    guidance: [],
    activities,
    submissions,
    outcomes: [],
  }
}
