/**
 * fast-check arbitraries of *consistent* district data (every reference resolves, the unit tree is
 * a tree), and faults to plant in it. `Arbitrary.make(District.DistrictData)` gives data of the
 * right shape whose references mostly dangle; property tests of rules need data that validates.
 *
 * @since 0.1.0
 */
import * as fc from "fast-check"
import { AttendanceStatus, BuiltinActivityType } from "../model/Activity.js"
import type { DistrictData } from "../model/District.js"
import type * as Ids from "../model/Ids.js"
import { defaultKinds } from "../model/Unit.js"

/**
 * How big generated districts get.
 *
 * @since 0.1.0
 * @category models
 */
export interface Size {
  readonly maxStreets: number
  readonly maxCommunitiesPerStreet: number
  readonly maxMembers: number
  readonly maxActivities: number
  readonly maxAttendance: number
  readonly maxSubmissions: number
}

/**
 * @since 0.1.0
 * @category constants
 */
export const small: Size = {
  maxStreets: 4,
  maxCommunitiesPerStreet: 4,
  maxMembers: 12,
  maxActivities: 10,
  maxAttendance: 8,
  maxSubmissions: 8,
}

/**
 * A unit kind for grid cells (网格) that may sit under communities or other grid cells, so that
 * generated trees can be deeper than two levels.
 *
 * @since 0.1.0
 * @category constants
 */
export const gridKind = {
  id: "grid" as Ids.UnitKindId,
  labels: { "zh-CN": "网格", en: "Grid" },
  tier: "other" as const,
  parents: ["community" as Ids.UnitKindId, "grid" as Ids.UnitKindId],
}

const iso = (day: number) => new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10)

/**
 * Consistent district data: `District.validate` finds no problem in it.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const valid = (size: Size = small): fc.Arbitrary<DistrictData> =>
  fc.gen().map((g) => {
    const int = (min: number, max: number) => g(fc.integer, { min, max })
    const bool = () => g(fc.boolean)
    const pick = <A>(xs: ReadonlyArray<A>): A => xs[int(0, xs.length - 1)]!
    const subset = <A>(xs: ReadonlyArray<A>, max = xs.length): Array<A> =>
      xs.length === 0 ? [] : g(fc.shuffledSubarray<A>, [...xs], { minLength: 0, maxLength: Math.min(max, xs.length) })

    const sectors = ["economy", "education", "health"].map((id) => ({
      id: id as Ids.SectorId,
      labels: { "zh-CN": `界别${id}`, en: `Sector ${id}` },
    }))
    const units: Array<DistrictData["units"][number]> = []
    const streets: Array<string> = []
    const communities: Array<string> = []
    const nStreets = int(0, size.maxStreets)
    for (let s = 0; s < nStreets; s++) {
      const streetId = `s${s}`
      streets.push(streetId)
      units.push({ id: streetId as Ids.UnitId, kind: (bool() ? "street" : "town") as Ids.UnitKindId, name: `街道${s}` })
      const n = int(0, size.maxCommunitiesPerStreet)
      for (let c = 0; c < n; c++) {
        const id = `s${s}c${c}`
        communities.push(id)
        units.push({
          id: id as Ids.UnitId,
          kind: (bool() ? "community" : "village") as Ids.UnitKindId,
          name: `社区${s}-${c}`,
          parentId: streetId as Ids.UnitId,
        })
      }
    }
    const gridParents = communities.filter((c) => units.find((u) => u.id === c)?.kind === "community")
    const grids: Array<string> = []
    for (let k = int(0, Math.min(3, gridParents.length)); k > 0; k--) {
      const id = `g${grids.length}`
      const parent = grids.length > 0 && bool() ? pick(grids) : pick(gridParents)
      grids.push(id)
      units.push({ id: id as Ids.UnitId, kind: gridKind.id, name: `网格${id}`, parentId: parent as Ids.UnitId })
    }
    const allUnits = units.map((u) => u.id as string)

    const members: Array<DistrictData["members"][number]> = []
    const nMembers = int(0, size.maxMembers)
    const specialIds = streets.length > 0 ? ["sc0", "sc1"] : ["sc0"]
    for (let i = 0; i < nMembers; i++) {
      const residence = allUnits.length > 0 && bool() ? pick(allUnits) : undefined
      members.push({
        id: `m${i}` as Ids.MemberId,
        name: `委员${i}`,
        level: pick(["city", "district"] as const),
        sector: pick(sectors).id,
        partyMember: bool(),
        standingCommittee: bool(),
        chairmansMeeting: int(0, 3) === 0,
        specialCommitteeIds: subset(specialIds, 1) as Array<Ids.SpecialCommitteeId>,
        ...(residence === undefined ? {} : { residenceUnitId: residence as Ids.UnitId }),
      })
    }
    const memberIds = members.map((m) => m.id as string)
    const partyIds = members.filter((m) => m.partyMember).map((m) => m.id as string)
    const leaders = members.filter((m) => m.chairmansMeeting).map((m) => m.id as string)

    const platforms = subset(allUnits.filter((u) => !u.startsWith("g"))).map((u) => ({
      id: `p-${u}` as Ids.PlatformId,
      unitId: u as Ids.UnitId,
      name: `平台${u}`,
      conveners: subset(memberIds, 2) as Array<Ids.MemberId>,
      ...(bool() ? { activeFrom: iso(int(-400, 300)) as never } : {}),
    }))
    const committeeStreets = subset(streets)
    const committees = committeeStreets.map((s) => ({
      id: `k-${s}` as Ids.CommitteeId,
      streetId: s as Ids.UnitId,
      name: `联络委${s}`,
      memberIds: subset(memberIds) as Array<Ids.MemberId>,
    }))
    const partyBranches = committees
      .filter(() => bool())
      .map((c) => {
        const branchMembers = subset(partyIds) as Array<Ids.MemberId>
        return {
          id: `b-${c.id}` as Ids.PartyBranchId,
          kind: "functional" as const,
          name: `支部${c.id}`,
          committeeIds: [c.id] as [Ids.CommitteeId],
          memberIds: branchMembers,
          ...(branchMembers.length > 0 && bool() ? { secretaryId: branchMembers[0]! } : {}),
          ...(bool() ? { firstSecretary: { name: "第一书记" } } : {}),
        }
      })
    const studios =
      memberIds.length === 0 || allUnits.length === 0
        ? []
        : Array.from({ length: int(0, 2) }, (_, i) => ({
            id: `st${i}` as Ids.StudioId,
            name: `工作室${i}`,
            leadMemberId: pick(memberIds) as Ids.MemberId,
            memberIds: subset(memberIds, 3) as Array<Ids.MemberId>,
            theme: "主题",
            unitId: pick(allUnits) as Ids.UnitId,
          }))
    const specialCommittees = specialIds.map((id) => ({
      id: id as Ids.SpecialCommitteeId,
      name: `专委会${id}`,
      streetIds: subset(streets) as Array<Ids.UnitId>,
    }))
    const guidance = leaders.flatMap((m) =>
      subset(streets, 2).map((s) => ({ memberId: m as Ids.MemberId, streetId: s as Ids.UnitId })),
    )

    const organisers = [
      { kind: "district" as const },
      ...committees.map((c) => ({ kind: "committee" as const, id: c.id as string })),
      ...studios.map((s) => ({ kind: "studio" as const, id: s.id as string })),
      ...platforms.map((p) => ({ kind: "platform" as const, id: p.id as string })),
      ...partyBranches.map((b) => ({ kind: "party-branch" as const, id: b.id as string })),
      ...specialCommittees.map((s) => ({ kind: "special-committee" as const, id: s.id as string })),
    ]
    const activities = Array.from({ length: int(0, size.maxActivities) }, (_, i) => {
      const halfDays = int(1, 4)
      const platform = platforms.length > 0 && bool() ? pick(platforms) : undefined
      return {
        id: `a${i}` as Ids.ActivityId,
        type: pick(BuiltinActivityType.values) as Ids.ActivityTypeId,
        title: `活动${i}`,
        date: iso(int(-30, 400)) as never,
        halfDays,
        ...(platform !== undefined ? { unitId: platform.unitId, platformId: platform.id } : {}),
        organiser: pick(organisers),
        attendance: subset(memberIds, size.maxAttendance).map((m) => {
          const status = pick(AttendanceStatus.values)
          return {
            memberId: m as Ids.MemberId,
            status,
            ...(status === "partial" ? { halfDays: int(0, halfDays) } : {}),
          }
        }),
        participants: bool() ? [{ kind: "resident" as const, count: int(1, 20), names: [] }] : [],
      }
    })
    const submissions =
      memberIds.length === 0
        ? []
        : Array.from({ length: int(0, size.maxSubmissions) }, (_, i) => {
            const [first, ...rest] = g(fc.shuffledSubarray<string>, memberIds, {
              minLength: 1,
              maxLength: Math.min(4, memberIds.length),
            })
            return {
              id: `x${i}` as Ids.SubmissionId,
              kind: pick(["proposal", "social-conditions"] as const),
              title: `提案${i}`,
              date: iso(int(0, 364)) as never,
              authors: [first, ...rest] as unknown as readonly [Ids.MemberId, ...Array<Ids.MemberId>],
              collective: bool(),
              flags: subset(["accepted", "adopted", "key", "excellent", "leader-instruction"] as const),
            }
          })

    return {
      district: {
        id: "arb" as Ids.DistrictId,
        name: "生成区",
        unitKinds: [...defaultKinds, gridKind],
        sectors,
        activityTypes: [],
      },
      units,
      platforms,
      members,
      committees,
      partyBranches,
      studios,
      specialCommittees,
      guidance,
      activities,
      submissions,
      outcomes: [],
    }
  })

/**
 * A single planted fault and the one issue `District.validate` must report for it.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlantedFault {
  readonly data: DistrictData
  readonly expected: { readonly path: string; readonly code: string }
}

/**
 * The faults {@link plant} knows.
 *
 * @since 0.1.0
 * @category models
 */
export type FaultKind = "dangling-reference" | "duplicate-id" | "cycle" | "wrong-parent-kind"

/**
 * Plants one fault in consistent data, or returns `undefined` when the data has nowhere to put it
 * (no community to re-parent, say).
 *
 * @since 0.1.0
 * @category faults
 */
export const plant = (data: DistrictData, fault: FaultKind): PlantedFault | undefined => {
  switch (fault) {
    case "dangling-reference": {
      // A submission's author: referenced from nowhere else, so exactly one issue follows.
      const i = data.submissions.length - 1
      const s = data.submissions[i]
      if (s === undefined) return undefined
      const authors = [...s.authors]
      const j = authors.length - 1
      authors[j] = "no-such-member" as Ids.MemberId
      const submissions = data.submissions.map((x, k) =>
        k === i ? { ...x, authors: authors as unknown as typeof s.authors } : x,
      )
      return {
        data: { ...data, submissions },
        expected: { path: `submissions[${i}].authors[${j}]`, code: "unknown-reference" },
      }
    }
    case "duplicate-id": {
      const first = data.members[0]
      if (first === undefined) return undefined
      return {
        data: { ...data, members: [...data.members, { ...first, name: "重名" }] },
        expected: { path: `members[${data.members.length}].id`, code: "duplicate-id" },
      }
    }
    case "cycle": {
      const community = data.units.find((u) => u.kind === "community")
      if (community === undefined) return undefined
      // Two new grid cells each under the other: legal kinds, but no root.
      const a = { id: "cycle-a" as Ids.UnitId, kind: gridKind.id, name: "环A", parentId: "cycle-b" as Ids.UnitId }
      const b = { id: "cycle-b" as Ids.UnitId, kind: gridKind.id, name: "环B", parentId: "cycle-a" as Ids.UnitId }
      return {
        data: { ...data, units: [...data.units, a, b] },
        expected: { path: `units[${data.units.length}].parentId`, code: "unit-cycle" },
      }
    }
    case "wrong-parent-kind": {
      const communities = data.units.flatMap((u, i) => (u.kind === "community" || u.kind === "village" ? [i] : []))
      const target = communities.find((i) => data.units.every((u) => u.parentId !== data.units[i]!.id))
      const other = communities.find((i) => i !== target)
      if (target === undefined || other === undefined) return undefined
      const units = data.units.map((u, k) => (k === target ? { ...u, parentId: data.units[other]!.id } : u))
      return { data: { ...data, units }, expected: { path: `units[${target}].parentId`, code: "kind-not-allowed" } }
    }
  }
}

/**
 * A deterministic shuffle (the same seed, the same order), for "order does not matter" properties.
 *
 * @since 0.1.0
 * @category permutations
 */
export const shuffle = <A>(xs: ReadonlyArray<A>, seed: number): Array<A> => {
  let s = seed >>> 0
  const copy = [...xs]
  for (let i = copy.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = Math.floor((s / 4294967296) * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/**
 * The same district with every array shuffled, nested ones (members of committees, attendance of
 * activities…) included. Rules must give the same result for it.
 *
 * @since 0.1.0
 * @category permutations
 */
export const permute = (data: DistrictData, seed: number): DistrictData => {
  let k = 0
  const mix = <A>(xs: ReadonlyArray<A>): Array<A> => shuffle(xs, seed + 7919 * ++k)
  return {
    ...data,
    units: mix(data.units),
    platforms: mix(data.platforms.map((p) => ({ ...p, conveners: mix(p.conveners) }))),
    members: mix(data.members),
    committees: mix(data.committees.map((c) => ({ ...c, memberIds: mix(c.memberIds) }))),
    partyBranches: mix(data.partyBranches.map((b) => ({ ...b, memberIds: mix(b.memberIds) }))),
    studios: mix(data.studios.map((s) => ({ ...s, memberIds: mix(s.memberIds) }))),
    specialCommittees: mix(data.specialCommittees.map((x) => ({ ...x, streetIds: mix(x.streetIds) }))),
    guidance: mix(data.guidance),
    activities: mix(data.activities.map((a) => ({ ...a, attendance: mix(a.attendance) }))),
    submissions: mix(data.submissions),
    outcomes: mix(data.outcomes),
  }
}
