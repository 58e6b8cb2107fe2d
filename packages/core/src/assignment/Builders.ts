/**
 * Ready-made assignment problems over a district, and functions that write a solution back into
 * the district data: members → liaison committees, chairman's-meeting members → streets (分片包街),
 * special committees → streets, conveners → platforms.
 *
 * @since 0.1.0
 */
import type { DistrictData } from "../model/District.js"
import * as DistrictIndex from "../model/DistrictIndex.js"
import type { MemberId, UnitId } from "../model/Ids.js"
import type { Solution } from "./Assignment.js"
import type { Problem } from "./Problem.js"

/**
 * Weights of the preference terms; a term costs its weight when the preference is not met.
 * Weights may have up to 6 decimals (the solver is exact on such costs and refuses finer ones).
 *
 * @since 0.1.0
 * @category models
 */
export interface Weights {
  /** The member does not live in the committee's street. */
  readonly residence: number
  /** The member's workplace is known and not in the street. */
  readonly work: number
  /** The member is in a studio outside the street. */
  readonly studio: number
  /** Per step of unit-tree distance between the member's residence and the street. */
  readonly distance: number
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultWeights: Weights = { residence: 10, work: 4, studio: 3, distance: 1 }

/**
 * @since 0.1.0
 * @category models
 */
export interface MemberOptions {
  readonly weights?: Partial<Weights>
  /** Committee sizes within ±balance of the even share (default 2). */
  readonly balance?: number
  /** The category partition bounded per committee: party members (default) or sectors. */
  readonly partition?: "party" | "sector"
  /** With `partition: "party"`: at least this many party members per committee (default 3). */
  readonly minPartyMembers?: number
  /** With `partition: "sector"`: at most this many members of one sector per committee. */
  readonly maxPerSector?: number
  /** Keep today's placements unless moving saves more than this (default: placements are ignored). */
  readonly movePenalty?: number
}

const NOT_PARTY = "non-party"

/**
 * Members → liaison committees: every member placed in exactly one committee, sizes balanced,
 * each committee with enough party members to form its functional branch (or a cap per sector).
 *
 * @since 0.1.0
 * @category builders
 */
export const membersToCommittees = (data: DistrictData, options: MemberOptions = {}): Problem => {
  const w = { ...defaultWeights, ...options.weights }
  const index = DistrictIndex.make(data)
  const committees = [...data.committees].sort((a, b) => (a.id < b.id ? -1 : 1))
  const members = [...data.members].sort((a, b) => (a.id < b.id ? -1 : 1))
  const balance = options.balance ?? 2
  const share = members.length / Math.max(1, committees.length)
  const partition = options.partition ?? "party"
  const studioStreets = new Map<string, Set<string>>()
  for (const s of data.studios) {
    const street = index.streetOf(s.unitId)
    if (street === undefined) continue
    for (const m of [s.leadMemberId, ...s.memberIds]) {
      const set = studioStreets.get(m) ?? new Set<string>()
      set.add(street)
      studioStreets.set(m, set)
    }
  }
  const depth = (unitId: string): number => {
    let d = 0
    for (let u = index.unit(unitId); u?.parentId !== undefined && d <= data.units.length; u = index.unit(u.parentId))
      d++
    return d
  }
  // Unit-tree distance from a member's residence to a street: up to the street if it is an ancestor,
  // otherwise up to the root and down to the street.
  const distance = (unitId: string | undefined, street: string): number => {
    if (unitId === undefined) return 0
    let d = 0
    for (
      let u = index.unit(unitId);
      u !== undefined && d <= data.units.length;
      u = u.parentId === undefined ? undefined : index.unit(u.parentId)
    ) {
      if (u.id === street) return d
      d++
    }
    return depth(unitId) + 1 + depth(street)
  }
  const pairs = members.flatMap((m) =>
    committees.map((c) => {
      const terms: Array<{ term: string; cost: number }> = []
      const residence = m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId)
      if (residence !== c.streetId && w.residence > 0)
        terms.push({ term: "lives outside the street / 不住在该街道", cost: w.residence })
      const work = m.workUnitId === undefined ? undefined : index.streetOf(m.workUnitId)
      if (work !== undefined && work !== c.streetId && w.work > 0)
        terms.push({ term: "works outside the street / 不在该街道工作", cost: w.work })
      const studios = studioStreets.get(m.id)
      if (studios !== undefined && !studios.has(c.streetId) && w.studio > 0)
        terms.push({ term: "studio outside the street / 工作室不在该街道", cost: w.studio })
      const d = distance(m.residenceUnitId, c.streetId)
      if (d > 0 && w.distance > 0) terms.push({ term: `unit-tree distance ${d} / 层级距离 ${d}`, cost: w.distance * d })
      return { agent: m.id as string, target: c.id as string, cost: terms.reduce((n, t) => n + t.cost, 0), terms }
    }),
  )
  const sectors = [...new Set(members.map((m) => m.sector as string))]
  const categories =
    partition === "party"
      ? { party: { min: options.minPartyMembers ?? 3 } }
      : options.maxPerSector === undefined
        ? undefined
        : Object.fromEntries(sectors.map((s) => [s, { max: options.maxPerSector! }]))
  const current =
    options.movePenalty === undefined
      ? []
      : committees.flatMap((c) => c.memberIds.map((m) => ({ agent: m as string, target: c.id as string })))
  const seen = new Set<string>()
  return {
    agents: members.map((m) => ({
      id: m.id,
      name: m.name,
      category: partition === "party" ? (m.partyMember ? "party" : NOT_PARTY) : m.sector,
    })),
    targets: committees.map((c) => ({
      id: c.id,
      name: c.name,
      min: Math.max(0, Math.floor(share) - balance),
      max: Math.ceil(share) + balance,
      ...(categories === undefined ? {} : { categories }),
    })),
    pairs,
    forbidden: [],
    locked: [],
    // A member listed in several committees today: keep the first as "current".
    current: current.filter((p) => (seen.has(p.agent) ? false : (seen.add(p.agent), true))),
    movePenalty: options.movePenalty ?? 0,
  }
}

/**
 * Writes a members → committees solution into the data: each committee's `memberIds` become the
 * members placed in it (sorted by id). Party branches then consist of their committees' party
 * members.
 *
 * @since 0.1.0
 * @category applying
 */
export const applyCommittees = (data: DistrictData, solution: Solution): DistrictData => {
  const byCommittee = new Map<string, Array<MemberId>>()
  for (const p of solution.placements)
    byCommittee.set(p.target, [...(byCommittee.get(p.target) ?? []), p.agent as MemberId])
  return {
    ...data,
    committees: data.committees.map((c) => ({ ...c, memberIds: [...(byCommittee.get(c.id) ?? [])].sort() })),
  }
}

/**
 * Chairman's-meeting members → streets (分片包街): every street gets exactly one leader, and
 * leaders take a balanced share of streets; a leader living or working in a street costs less.
 *
 * @since 0.1.0
 * @category builders
 */
export const leadersToStreets = (
  data: DistrictData,
  options: { readonly weights?: Partial<Weights> } = {},
): Problem => {
  const w = { ...defaultWeights, ...options.weights }
  const index = DistrictIndex.make(data)
  const streets = index.unitsOfTier("township")
  const leaders = data.members.filter((m) => m.chairmansMeeting).sort((a, b) => (a.id < b.id ? -1 : 1))
  const share = streets.length / Math.max(1, leaders.length)
  return {
    agents: streets.map((s) => ({ id: s.id, name: s.name })),
    targets: leaders.map((l) => ({ id: l.id, name: l.name, min: Math.floor(share), max: Math.ceil(share) })),
    pairs: streets.flatMap((s) =>
      leaders.map((l) => {
        const terms: Array<{ term: string; cost: number }> = []
        if (l.residenceUnitId === undefined || index.streetOf(l.residenceUnitId) !== s.id)
          terms.push({ term: "leader lives elsewhere / 领导不住在该街道", cost: w.residence })
        if (l.workUnitId !== undefined && index.streetOf(l.workUnitId) !== s.id)
          terms.push({ term: "leader works elsewhere / 领导不在该街道工作", cost: w.work })
        return { agent: s.id as string, target: l.id as string, cost: terms.reduce((n, t) => n + t.cost, 0), terms }
      }),
    ),
    forbidden: [],
    locked: [],
    current: data.guidance
      .map((g) => ({ agent: g.streetId as string, target: g.memberId as string }))
      .filter((p, i, all) => all.findIndex((q) => q.agent === p.agent) === i),
    movePenalty: 0,
  }
}

/**
 * Writes a leaders → streets solution into the data as its `guidance`.
 *
 * @since 0.1.0
 * @category applying
 */
export const applyGuidance = (data: DistrictData, solution: Solution): DistrictData => ({
  ...data,
  guidance: solution.placements.map((p) => ({ memberId: p.target as MemberId, streetId: p.agent as UnitId })),
})

/**
 * Special committees → streets: every street contacted by exactly one special committee, the work
 * shared evenly; a committee with more members living in a street costs less there.
 *
 * @since 0.1.0
 * @category builders
 */
export const specialCommitteesToStreets = (data: DistrictData): Problem => {
  const index = DistrictIndex.make(data)
  const streets = index.unitsOfTier("township")
  const specials = [...data.specialCommittees].sort((a, b) => (a.id < b.id ? -1 : 1))
  const share = streets.length / Math.max(1, specials.length)
  const living = new Map<string, number>()
  for (const m of data.members) {
    const street = m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId)
    if (street === undefined) continue
    for (const sc of m.specialCommitteeIds)
      living.set(`${sc}\u0000${street}`, (living.get(`${sc}\u0000${street}`) ?? 0) + 1)
  }
  const most = Math.max(0, ...living.values())
  return {
    agents: streets.map((s) => ({ id: s.id, name: s.name })),
    targets: specials.map((sc) => ({ id: sc.id, name: sc.name, min: Math.floor(share), max: Math.ceil(share) })),
    pairs: streets.flatMap((s) =>
      specials.map((sc) => {
        const n = living.get(`${sc.id}\u0000${s.id}`) ?? 0
        return {
          agent: s.id as string,
          target: sc.id as string,
          cost: most - n,
          terms: [{ term: `${n} of its members live here / ${n} 名委员住在该街道`, cost: most - n }],
        }
      }),
    ),
    forbidden: [],
    locked: [],
    current: [],
    movePenalty: 0,
  }
}

/**
 * Writes a special committees → streets solution into each special committee's `streetIds`.
 *
 * @since 0.1.0
 * @category applying
 */
export const applySpecialCommittees = (data: DistrictData, solution: Solution): DistrictData => {
  const streets = new Map<string, Array<UnitId>>()
  for (const p of solution.placements) streets.set(p.target, [...(streets.get(p.target) ?? []), p.agent as UnitId])
  return {
    ...data,
    specialCommittees: data.specialCommittees.map((sc) => ({
      ...sc,
      streetIds: [...(streets.get(sc.id) ?? [])].sort(),
    })),
  }
}

/**
 * Conveners → platforms: every platform gets one convener from the members living in its street,
 * each member convening at most `maxPerMember` platforms; living in the platform's own unit costs
 * nothing, elsewhere in the street 1.
 *
 * @since 0.1.0
 * @category builders
 */
export const convenersToPlatforms = (data: DistrictData, options: { readonly maxPerMember?: number } = {}): Problem => {
  const index = DistrictIndex.make(data)
  const platforms = [...data.platforms].sort((a, b) => (a.id < b.id ? -1 : 1))
  const byStreet = new Map<string, Array<(typeof data.members)[number]>>()
  for (const m of data.members) {
    const street = m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId)
    if (street !== undefined) byStreet.set(street, [...(byStreet.get(street) ?? []), m])
  }
  const used = new Set<string>()
  const pairs = platforms.flatMap((p) => {
    const street = index.streetOf(p.unitId)
    return (street === undefined ? [] : (byStreet.get(street) ?? [])).map((m) => {
      used.add(m.id)
      const cost = m.residenceUnitId === p.unitId ? 0 : 1
      return {
        agent: p.id as string,
        target: m.id as string,
        cost,
        terms: cost === 0 ? [] : [{ term: "lives elsewhere in the street / 住在街道内其他社区", cost }],
      }
    })
  })
  return {
    agents: platforms.map((p) => ({ id: p.id, name: p.name })),
    targets: data.members
      .filter((m) => used.has(m.id))
      .map((m) => ({ id: m.id, name: m.name, max: options.maxPerMember ?? 2 })),
    pairs,
    forbidden: [],
    locked: [],
    current: [],
    movePenalty: 0,
  }
}

/**
 * Writes a conveners → platforms solution into each platform's `conveners`.
 *
 * @since 0.1.0
 * @category applying
 */
export const applyConveners = (data: DistrictData, solution: Solution): DistrictData => {
  const convener = new Map(solution.placements.map((p) => [p.agent, p.target as MemberId]))
  return {
    ...data,
    platforms: data.platforms.map((p) => (convener.has(p.id) ? { ...p, conveners: [convener.get(p.id)!] } : p)),
  }
}
