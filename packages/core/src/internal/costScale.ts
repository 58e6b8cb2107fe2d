// Assignment costs as exact integers: the solver adds and compares costs and potentials, which is
// exact in a Float64 only for integers below 2^53. Costs are decimals, so they are multiplied by
// 10^d for the fewest decimals d (at most 6) that represent every one of them, and the products
// must stay small enough that no path through the network can add up past 2^53.

import type { Problem } from "../assignment/Problem.js"

export const MAX_DECIMALS = 6

// How far (in units of the last decimal) a product may sit from an integer and still count as one:
// room for binary floating point (0.1 × 10 = 1.0000000000000002), none for a real seventh decimal.
const NOISE = 1e-4

// Products from 2^53 up hold no fraction a Float64 could show; the size limit refuses them anyway.
const fitsDecimals = (cost: number, scale: number) => {
  const x = cost * scale
  return !(x < Number.MAX_SAFE_INTEGER) || Math.abs(x - Math.round(x)) <= NOISE
}

export interface CostScale {
  /** 10^d. */
  readonly scale: number
  /** Indices of the costs that need more than MAX_DECIMALS decimals (then `scale` is 10^6). */
  readonly tooPrecise: ReadonlyArray<number>
  /** The largest scaled cost a problem of this size can take and stay exact. */
  readonly limit: number
  /** Indices of the costs whose scaled value is above `limit`. */
  readonly tooLarge: ReadonlyArray<number>
}

/**
 * `costs` should hold every cost a placement can have (penalties included); `nodes` is how many
 * groups, targets and sinks the flow network has: a path visits each at most once, and each step
 * costs at most the largest cost (twice, with the potentials), so 2 · nodes · largest < 2^53 keeps
 * every sum exact.
 */
export const costScale = (costs: ArrayLike<number>, nodes: number): CostScale => {
  let scale = 1
  let decimals = 0
  for (let i = 0; i < costs.length; i++) {
    while (decimals < MAX_DECIMALS && !fitsDecimals(costs[i]!, scale)) {
      decimals++
      scale *= 10
    }
  }
  const tooPrecise: Array<number> = []
  const tooLarge: Array<number> = []
  const limit = Math.floor(Number.MAX_SAFE_INTEGER / (2 * (nodes + 1)))
  for (let i = 0; i < costs.length; i++) {
    if (!fitsDecimals(costs[i]!, scale)) tooPrecise.push(i)
    if (costs[i]! * scale > limit) tooLarge.push(i)
  }
  return { scale, tooPrecise, limit, tooLarge }
}

/**
 * What each pair costs when used (the move penalty included for an agent leaving its current
 * target), and last the move penalty itself: every cost `costScale` must fit.
 */
export const placementCosts = (problem: Problem): Float64Array => {
  const current = new Map(problem.current.map((p) => [p.agent, p.target]))
  const P = problem.pairs.length
  const costs = new Float64Array(P + 1)
  for (let i = 0; i < P; i++) {
    const p = problem.pairs[i]!
    costs[i] =
      current.size > 0 && current.has(p.agent) && current.get(p.agent) !== p.target
        ? p.cost + problem.movePenalty
        : p.cost
  }
  costs[P] = problem.movePenalty
  return costs
}
