/**
 * The collections a `Store` keeps for each district, described once so every adapter stores, filters
 * and orders them the same way: the item's Schema, its key, the fields `list` may filter on and the
 * date `list` may range over.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { Activity } from "../model/Activity.js"
import { Case } from "../model/Case.js"
import { LiaisonCommittee } from "../model/Committee.js"
import { Guidance } from "../model/Guidance.js"
import { Member } from "../model/Member.js"
import { Outcome } from "../model/Outcome.js"
import { PartyBranch } from "../model/PartyBranch.js"
import { Platform } from "../model/Platform.js"
import { SpecialCommittee } from "../model/SpecialCommittee.js"
import { Studio } from "../model/Studio.js"
import { Submission } from "../model/Submission.js"
import { Unit } from "../model/Unit.js"

/**
 * How one collection is stored.
 *
 * @since 0.1.0
 * @category models
 */
export interface Descriptor<A, I = A> {
  readonly name: string
  readonly schema: Schema.Codec<A, I>
  /** The item's key within its district; `list` orders by it (code-point order). */
  readonly key: (item: A) => string
  /** Fields `list` and `stream` can filter on by equality, at most three, in a fixed order. */
  readonly filters: ReadonlyArray<string>
  /** The value of each filter field (`undefined` when the item has none). */
  readonly filterValues: (item: A) => ReadonlyArray<string | undefined>
  /** The date `from`/`to` range over, if the collection has one. */
  readonly date?: (item: A) => string
}

const describe = <A, I, const F extends ReadonlyArray<keyof A & string>>(d: {
  readonly name: string
  readonly schema: Schema.Codec<A, I>
  readonly key: (item: A) => string
  readonly filters: F
  readonly date?: (item: A) => string
}): Descriptor<A, I> => ({
  ...d,
  filterValues: (item) =>
    d.filters.map((f) => {
      const v = item[f]
      return v === undefined ? undefined : String(v)
    }),
})

/**
 * Every collection, by name. Activities keep their attendance rows with them: adapters may store
 * those in a table of their own, but `get`, `list` and `stream` return whole activities.
 *
 * @since 0.1.0
 * @category collections
 */
export const collections = {
  units: describe({ name: "units", schema: Unit, key: (u) => u.id, filters: ["parentId", "kind"] }),
  platforms: describe({ name: "platforms", schema: Platform, key: (p) => p.id, filters: ["unitId"] }),
  members: describe({
    name: "members",
    schema: Member,
    key: (m) => m.id,
    filters: ["sector", "level", "residenceUnitId"],
  }),
  committees: describe({ name: "committees", schema: LiaisonCommittee, key: (c) => c.id, filters: ["streetId"] }),
  partyBranches: describe({
    name: "partyBranches",
    schema: PartyBranch,
    key: (b) => b.id,
    filters: ["kind", "secretaryId"],
  }),
  studios: describe({ name: "studios", schema: Studio, key: (s) => s.id, filters: ["unitId", "leadMemberId"] }),
  specialCommittees: describe({ name: "specialCommittees", schema: SpecialCommittee, key: (s) => s.id, filters: [] }),
  // Guidance has no id of its own: a member guides a street once. Ids never contain spaces.
  guidance: describe({
    name: "guidance",
    schema: Guidance,
    key: (g) => `${g.memberId} ${g.streetId}`,
    filters: ["memberId", "streetId"],
  }),
  activities: describe({
    name: "activities",
    schema: Activity,
    key: (a) => a.id,
    filters: ["type", "unitId", "platformId"],
    date: (a) => a.date,
  }),
  submissions: describe({
    name: "submissions",
    schema: Submission,
    key: (s) => s.id,
    filters: ["kind"],
    date: (s) => s.date,
  }),
  outcomes: describe({
    name: "outcomes",
    schema: Outcome,
    key: (o) => o.id,
    filters: ["caseId", "unitId", "status"],
    date: (o) => o.assignedOn,
  }),
  cases: describe({
    name: "cases",
    schema: Case,
    key: (c) => c.id,
    filters: ["unitId", "platformId", "source"],
    date: (c) => c.openedOn,
  }),
} as const

/**
 * @since 0.1.0
 * @category collections
 */
export type Collections = typeof collections

/**
 * A collection's name.
 *
 * @since 0.1.0
 * @category collections
 */
export type Name = keyof Collections

/**
 * The item type of a collection.
 *
 * @since 0.1.0
 * @category collections
 */
export type Item<K extends Name> = Collections[K] extends Descriptor<infer A, infer _I> ? A : never

/**
 * Collection names in a fixed order: parents before the things that point at them, so an adapter
 * with foreign keys can insert in this order and delete in reverse.
 *
 * @since 0.1.0
 * @category collections
 */
export const names: ReadonlyArray<Name> = [
  "units",
  "platforms",
  "members",
  "committees",
  "partyBranches",
  "studios",
  "specialCommittees",
  "guidance",
  "activities",
  "submissions",
  "outcomes",
  "cases",
]

/**
 * The collections a `DistrictData` document holds (all but `cases`, which the workflow engine
 * creates).
 *
 * @since 0.1.0
 * @category collections
 */
export const districtDataNames = names.filter((n): n is Exclude<Name, "cases"> => n !== "cases")

/**
 * Whether a string names a collection.
 *
 * @since 0.1.0
 * @category collections
 */
export const isName = (name: unknown): name is Name => typeof name === "string" && Object.hasOwn(collections, name)

/**
 * Compares keys by Unicode code point, which is the order of their UTF-8 bytes: what SQLite's
 * BINARY and PostgreSQL's `"C"` collation use. (JavaScript's `<` compares UTF-16 units, which puts
 * characters above U+FFFF before U+E000–U+FFFF.)
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareKeys = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (D800–DFFF) stand for code points above FFFF: they sort after E000–FFFF.
    const sx = x >= 0xd800 && x <= 0xdfff
    const sy = y >= 0xd800 && y <= 0xdfff
    if (sx !== sy && (x >= 0xe000 || y >= 0xe000)) return sx ? 1 : -1
    return x - y
  }
  return a.length - b.length
}
