/**
 * Rankings (排名) of members, streets or handling units by a number, with ties handled the way a
 * district announces them.
 *
 * @since 0.1.0
 */

/**
 * How tied values are ranked: competition ranking ("1, 2, 2, 4") skips after a tie; dense ranking
 * ("1, 2, 2, 3") does not.
 *
 * @since 0.1.0
 * @category models
 */
export type Ties = "competition" | "dense"

/**
 * @since 0.1.0
 * @category models
 */
export interface RankOptions<A> {
  /** The value ranked on; must be a finite number. */
  readonly by: (item: A) => number
  /** `"desc"` (default): the highest value ranks first. */
  readonly order?: "desc" | "asc"
  readonly ties?: Ties
  /** Orders tied items in the output (ascending), so the output never depends on input order. */
  readonly id?: (item: A) => string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Ranked<A> {
  readonly item: A
  readonly value: number
  /** 1 for the first; tied items share a rank. */
  readonly rank: number
}

/**
 * Ranks items. The output is sorted by rank, ties by `id`.
 *
 * @example
 * import { Ranking } from "@tongxin/core"
 *
 * Ranking.rank([{ s: "冶金", r: 0.76 }, { s: "厂前", r: 0.59 }], { by: (x) => x.r, id: (x) => x.s })
 * // [{ item: { s: "冶金", … }, value: 0.76, rank: 1 }, { …, rank: 2 }]
 *
 * @since 0.1.0
 * @category ranking
 */
export const rank = <A>(items: ReadonlyArray<A>, options: RankOptions<A>): ReadonlyArray<Ranked<A>> => {
  const sign = options.order === "asc" ? 1 : -1
  const keyed = items.map((item) => {
    const value = options.by(item)
    if (!Number.isFinite(value)) throw new RangeError(`Ranking.rank: value ${value} is not a finite number`)
    return { item, value, id: options.id?.(item) ?? "" }
  })
  keyed.sort((a, b) => (a.value !== b.value ? sign * (a.value - b.value) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const dense = options.ties === "dense"
  const out: Array<Ranked<A>> = []
  let current = 0
  for (let i = 0; i < keyed.length; i++) {
    const k = keyed[i]!
    if (i === 0 || k.value !== keyed[i - 1]!.value) current = dense ? current + 1 : i + 1
    out.push({ item: k.item, value: k.value, rank: current })
  }
  return out
}
