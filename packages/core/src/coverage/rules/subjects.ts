// Helpers the built-in rules share: subjects for model entities, and where a member "lives" in the
// unit tree for the street roll-up (their committee's street, else the street of their residence).
import type { DistrictIndex } from "../../model/DistrictIndex.js"
import type { UnitId } from "../../model/Ids.js"
import type { Member } from "../../model/Member.js"
import type { Unit } from "../../model/Unit.js"
import type { Subject } from "../Rule.js"

export const unitSubject = (u: Unit): Subject => ({ kind: "unit", id: u.id, name: u.name })

export const memberSubject = (m: Member): Subject => ({ kind: "member", id: m.id, name: m.name })

export const memberStreet = (index: DistrictIndex, m: Member): UnitId | undefined => {
  const committees = index.committeesOf(m.id)
  if (committees.length === 1) return committees[0]!.streetId
  return m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId)
}

export const byId = <A extends { readonly id: string }>(a: A, b: A): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
