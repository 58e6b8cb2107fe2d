/**
 * Lookups over district data that rules share: units by id, each unit's tier and street, who sits
 * in which committee, which branch serves a committee. Each is built once, on first use, in time
 * linear in the data.
 *
 * @since 0.1.0
 */
import type { Activity } from "./Activity.js"
import type { LiaisonCommittee } from "./Committee.js"
import { assertShape, type DistrictData } from "./District.js"
import type { CommitteeId, MemberId, UnitId } from "./Ids.js"
import type { Member } from "./Member.js"
import type { PartyBranch } from "./PartyBranch.js"
import type { Platform } from "./Platform.js"
import type { Unit, UnitTier } from "./Unit.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface DistrictIndex {
  readonly data: DistrictData
  readonly unit: (id: string) => Unit | undefined
  readonly member: (id: string) => Member | undefined
  readonly tierOf: (unitId: string) => UnitTier | undefined
  /** The township-level ancestor of a unit (itself if it is one), if any. */
  readonly streetOf: (unitId: string) => UnitId | undefined
  /** Units of a tier, sorted by id. */
  readonly unitsOfTier: (tier: UnitTier) => ReadonlyArray<Unit>
  /**
   * A unit's position in `data.units` (its first occurrence), or -1. Positions let hot loops keep
   * per-unit state in typed arrays instead of maps.
   */
  readonly unitPosition: (id: string) => number
  readonly tierAt: (position: number) => UnitTier | undefined
  /** The position of the township-level ancestor of the unit at a position, or -1. */
  readonly streetPositionAt: (position: number) => number
  /** The committees a member is listed in (usually one), sorted by id. */
  readonly committeesOf: (memberId: string) => ReadonlyArray<LiaisonCommittee>
  readonly committeeOfStreet: (streetId: string) => LiaisonCommittee | undefined
  /** The branch serving a committee (functional or joint), if any. */
  readonly branchOf: (committeeId: string) => PartyBranch | undefined
  /**
   * A branch's party members: those it lists, plus the party members placed in the committees it
   * serves (a functional branch is made of its committee's party members).
   */
  readonly branchMembers: (branch: PartyBranch) => ReadonlySet<MemberId>
  readonly platformsAt: (unitId: string) => ReadonlyArray<Platform>
  /** Activities whose unit lies in the street's subtree or whose organiser belongs to the street. */
  readonly activitiesOfStreet: (streetId: string) => ReadonlyArray<Activity>
}

const tierCodes: ReadonlyArray<UnitTier> = ["township", "village", "other"]
const townshipCode = tierCodes.indexOf("township")

/**
 * Builds the index. Cheap: nothing is computed until asked for. First checks that the data has its
 * type's shape (`District.assertShape`; free for data from `District.parse`), and throws a
 * `DistrictError` listing every problem when it does not.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (data: DistrictData): DistrictIndex => {
  assertShape(data)
  const lazy = <A>(f: () => A): (() => A) => {
    let value: A | undefined
    let done = false
    return () => {
      if (!done) {
        value = f()
        done = true
      }
      return value as A
    }
  }
  const byId = <A extends { readonly id: string }>(xs: ReadonlyArray<A>) => {
    const m = new Map<string, A>()
    for (const x of xs) if (!m.has(x.id)) m.set(x.id, x)
    return m
  }
  const groupBy = <A>(xs: ReadonlyArray<A>, keys: (a: A) => Iterable<string>) => {
    const m = new Map<string, Array<A>>()
    for (const x of xs) {
      for (const k of keys(x)) {
        const list = m.get(k)
        if (list === undefined) m.set(k, [x])
        else list.push(x)
      }
    }
    return m
  }

  // Units by position: one id → position map, and parent, tier and street as typed arrays, so the
  // tree walks that national-size data needs touch no other map.
  const unitTree = lazy(() => {
    const list = data.units
    const position = new Map<string, number>()
    list.forEach((u, i) => {
      if (!position.has(u.id)) position.set(u.id, i)
    })
    const tierCode = new Map<string, number>(
      data.district.unitKinds.map((k) => [k.id as string, tierCodes.indexOf(k.tier)]),
    )
    const tier = new Int8Array(list.length)
    const parent = new Int32Array(list.length)
    for (let i = 0; i < list.length; i++) {
      const u = list[i]!
      tier[i] = tierCode.get(u.kind) ?? -1
      parent[i] = u.parentId === undefined ? -1 : (position.get(u.parentId) ?? -1)
    }
    // street[i]: position of the township-level ancestor (or self), -1 for none, -2 not yet known.
    const street = new Int32Array(list.length).fill(-2)
    const path: Array<number> = []
    for (let i = 0; i < list.length; i++) {
      let j = i
      let found = -1
      for (let steps = 0; j >= 0 && steps <= list.length; steps++) {
        if (street[j] !== -2) {
          found = street[j]!
          break
        }
        path.push(j)
        if (tier[j] === townshipCode) {
          found = j
          break
        }
        j = parent[j]!
      }
      for (const k of path) street[k] = found
      path.length = 0
    }
    return { list, position, tier, street }
  })
  const members = lazy(() => byId(data.members))
  const unit = (id: string) => {
    const t = unitTree()
    const i = t.position.get(id)
    return i === undefined ? undefined : t.list[i]
  }
  const tierOf = (unitId: string) => {
    const t = unitTree()
    const i = t.position.get(unitId)
    return i === undefined || t.tier[i]! < 0 ? undefined : tierCodes[t.tier[i]!]
  }
  const streetOf = (unitId: string): UnitId | undefined => {
    const t = unitTree()
    const i = t.position.get(unitId)
    const s = i === undefined ? -1 : t.street[i]!
    return s < 0 ? undefined : t.list[s]!.id
  }
  // Units of each tier, sorted by id only when that tier is first asked for.
  const tierLists = new Map<UnitTier, ReadonlyArray<Unit>>()
  const unitsOfTier = (tier: UnitTier): ReadonlyArray<Unit> => {
    let list = tierLists.get(tier)
    if (list === undefined) {
      const t = unitTree()
      const code = tierCodes.indexOf(tier)
      const out: Array<Unit> = []
      t.position.forEach((i) => {
        if (t.tier[i] === code) out.push(t.list[i]!)
      })
      out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      list = out
      tierLists.set(tier, list)
    }
    return list
  }
  // Sorted by id, so a member listed in several committees sees them in the same order however the
  // input is ordered.
  const committeesByMember = lazy(() =>
    groupBy(
      [...data.committees].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      (c) => new Set(c.memberIds),
    ),
  )
  const committeeByStreet = lazy(() => {
    const m = new Map<string, LiaisonCommittee>()
    for (const c of [...data.committees].sort((a, b) => (a.id < b.id ? -1 : 1)))
      if (!m.has(c.streetId)) m.set(c.streetId, c)
    return m
  })
  const branchByCommittee = lazy(() => {
    const m = new Map<string, PartyBranch>()
    for (const b of [...data.partyBranches].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const c of b.committeeIds) if (!m.has(c)) m.set(c, b)
    }
    return m
  })
  const committeesById = lazy(() => byId(data.committees))
  const branchMemberSets = new WeakMap<PartyBranch, ReadonlySet<MemberId>>()
  const platformsByUnit = lazy(() => groupBy(data.platforms, (p) => [p.unitId]))
  const activitiesByStreet = lazy(() => {
    // An organiser belongs to one street, or several for a joint branch serving several committees.
    const organiserStreets = new Map<string, Array<string>>()
    const add = (key: string, street: string | undefined) => {
      if (street !== undefined) organiserStreets.set(key, [...(organiserStreets.get(key) ?? []), street])
    }
    for (const c of data.committees) add(`committee:${c.id}`, c.streetId)
    for (const p of data.platforms) add(`platform:${p.id}`, streetOf(p.unitId))
    for (const b of data.partyBranches)
      for (const c of b.committeeIds) add(`party-branch:${b.id}`, committeesById().get(c)?.streetId)
    return groupBy(data.activities, (a) => {
      const keys = new Set<string>()
      if (a.unitId !== undefined) {
        const s = streetOf(a.unitId)
        if (s) keys.add(s)
      }
      for (const s of organiserStreets.get(`${a.organiser.kind}:${a.organiser.id ?? ""}`) ?? []) keys.add(s)
      return keys
    })
  })

  return {
    data,
    unit,
    member: (id) => members().get(id),
    tierOf,
    streetOf,
    unitsOfTier,
    unitPosition: (id) => unitTree().position.get(id) ?? -1,
    tierAt: (position) => {
      const code = unitTree().tier[position]
      return code === undefined || code < 0 ? undefined : tierCodes[code]
    },
    streetPositionAt: (position) => unitTree().street[position] ?? -1,
    committeesOf: (memberId) => committeesByMember().get(memberId) ?? [],
    committeeOfStreet: (streetId) => committeeByStreet().get(streetId),
    branchOf: (committeeId) => branchByCommittee().get(committeeId),
    branchMembers: (branch) => {
      let set = branchMemberSets.get(branch)
      if (set === undefined) {
        const s = new Set<MemberId>(branch.memberIds)
        for (const c of branch.committeeIds) {
          for (const m of committeesById().get(c as CommitteeId)?.memberIds ?? [])
            if (members().get(m)?.partyMember) s.add(m)
        }
        set = s
        branchMemberSets.set(branch, set)
      }
      return set
    },
    platformsAt: (unitId) => platformsByUnit().get(unitId) ?? [],
    activitiesOfStreet: (streetId) => activitiesByStreet().get(streetId) ?? [],
  }
}
