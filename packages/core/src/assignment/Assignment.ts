/**
 * The assignment engine: an exact minimum-cost placement of agents into targets under size and
 * category bounds, with an optimality certificate anyone can check, explanations in words when no
 * placement exists, and per-agent explanations of where each one went and why.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { costScale, placementCosts } from "../internal/costScale.js"
import { obstructions } from "../internal/obstructions.js"
import * as PlacementFlow from "../internal/placementFlow.js"
import { optional, ownEntry } from "../internal/schema.js"
import type { Problem } from "./Problem.js"
import * as Problems from "./Problem.js"

/**
 * One agent's placement.
 *
 * @since 0.1.0
 * @category models
 */
export interface Placement {
  readonly agent: string
  readonly target: string
  /** The pair's cost, the move penalty included when the agent moves. */
  readonly cost: number
}

/**
 * Dual potentials of the flow network behind the problem: one per agent, per target, per
 * (target, category) group and for the sink. `verify` checks optimality from them alone.
 *
 * @since 0.1.0
 * @category models
 */
export interface Certificate {
  readonly agents: ReadonlyArray<number>
  readonly targets: ReadonlyArray<number>
  /** Keyed `${target}\u0000${category}`. */
  readonly groups: Readonly<Record<string, number>>
  readonly sink: number
}

/**
 * An optimal solution.
 *
 * @since 0.1.0
 * @category models
 */
export interface Solution {
  /** In the order of `problem.agents`. */
  readonly placements: ReadonlyArray<Placement>
  readonly objective: number
  readonly certificate: Certificate
  /** Shortest-path phases the solver took, for the curious. */
  readonly iterations: number
}

/**
 * One reason no placement exists, in words, with the numbers that conflict.
 *
 * @since 0.1.0
 * @category models
 */
export const Conflict = Schema.Struct({
  code: Schema.String,
  message: Schema.String,
  messageZh: Schema.String,
  /** How far apart the conflicting numbers are. */
  shortBy: Schema.Number,
  /** The targets a `demand-obstruction` or `capacity-obstruction` names, by id. */
  targets: optional(Schema.Array(Schema.String)),
  /** The category whose bounds it names, if any. */
  category: optional(Schema.String),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Conflict extends Schema.Schema.Type<typeof Conflict> {}

/**
 * No placement satisfies every constraint; `conflicts` say which and by how much.
 *
 * @since 0.1.0
 * @category errors
 */
export class Infeasible extends Schema.TaggedError<Infeasible>()("Infeasible", {
  conflicts: Schema.Array(Conflict),
}) {
  override get message(): string {
    return `No placement satisfies every constraint:\n${this.conflicts.map((c) => `  - ${c.message}`).join("\n")}`
  }
}

// The flow network of a problem: agents → (target, category) groups or targets → sink.
interface Compiled {
  readonly network: PlacementFlow.Network
  readonly scale: number
  /** Per arc: the agent's target and the pair's original cost (penalty included). */
  readonly arcTarget: Int32Array
  readonly arcCost: Float64Array
  readonly groupNodes: ReadonlyArray<{ readonly target: number; readonly category: string; readonly node: number }>
  readonly targetNode: (t: number) => number
  readonly sink: number
}

const NO_CATEGORY = ""

// Positions shared by the counting checks and the flow network, looked up once: each pair's agent
// and target, or −1 for both when the pair is forbidden, outside its agent's lock, or names an
// unknown id. A locked agent keeps only its locked pair.
interface Indexed {
  readonly pairAgent: Int32Array
  readonly pairTarget: Int32Array
  /** Sorted. */
  readonly categories: ReadonlyArray<string>
  readonly agentCategory: Int32Array
}

const indexPairs = (problem: Problem): Indexed => {
  const agentIndex = new Map(problem.agents.map((a, i) => [a.id, i]))
  const targetIndex = new Map(problem.targets.map((t, i) => [t.id, i]))
  const forbidden = new Set(problem.forbidden.map((p) => `${p.agent}\u0000${p.target}`))
  const locked = new Map(problem.locked.map((p) => [p.agent, p.target]))
  const P = problem.pairs.length
  const pairAgent = new Int32Array(P).fill(-1)
  const pairTarget = new Int32Array(P).fill(-1)
  // Pairs usually come grouped by agent: the previous lookup often answers the next one.
  let lastAgent: string | undefined
  let lastIndex: number | undefined
  for (let i = 0; i < P; i++) {
    const p = problem.pairs[i]!
    if (forbidden.size > 0 && forbidden.has(`${p.agent}\u0000${p.target}`)) continue
    if (locked.size > 0 && locked.has(p.agent) && locked.get(p.agent) !== p.target) continue
    if (p.agent !== lastAgent) {
      lastAgent = p.agent
      lastIndex = agentIndex.get(p.agent)
    }
    const a = lastIndex
    const t = targetIndex.get(p.target)
    if (a === undefined || t === undefined) continue
    pairAgent[i] = a
    pairTarget[i] = t
  }
  const categories = [...new Set(problem.agents.map((a) => a.category ?? NO_CATEGORY))].sort()
  const categoryIndex = new Map(categories.map((c, i) => [c, i]))
  const agentCategory = Int32Array.from(problem.agents, (a) => categoryIndex.get(a.category ?? NO_CATEGORY)!)
  return { pairAgent, pairTarget, categories, agentCategory }
}

const compile = (
  problem: Problem,
  { pairAgent, pairTarget, categories, agentCategory }: Indexed,
  candidates: number,
): Compiled => {
  const A = problem.agents.length
  const T = problem.targets.length

  // Tree nodes: groups of categorised targets, then targets, then the sink.
  let next = 0
  const groupNodes: Array<{ target: number; category: string; node: number }> = []
  // A categorised target's groups are consecutive nodes, one per category in sorted order.
  const groupBase = new Int32Array(T).fill(-1)
  problem.targets.forEach((t, ti) => {
    if (t.categories === undefined) return
    groupBase[ti] = next
    for (const c of categories) groupNodes.push({ target: ti, category: c, node: next++ })
  })
  const firstTarget = next
  const sink = firstTarget + T
  const nodes = sink + 1
  const parent = new Int32Array(nodes)
  const lower = new Float64Array(nodes)
  const upper = new Float64Array(nodes)
  for (const g of groupNodes) {
    // Categories are user data: `toString` or `__proto__` must find the target's own bound or none.
    const b = ownEntry(problem.targets[g.target]!.categories, g.category)
    parent[g.node] = firstTarget + g.target
    lower[g.node] = b?.min ?? 0
    upper[g.node] = b?.max ?? Infinity
  }
  problem.targets.forEach((t, ti) => {
    parent[firstTarget + ti] = sink
    lower[firstTarget + ti] = t.min ?? 0
    upper[firstTarget + ti] = t.max ?? Infinity
  })

  // Costs as exact integers (`Problem.check` has made sure they can be).
  const P = problem.pairs.length
  const costs = placementCosts(problem)
  const { scale, tooPrecise, tooLarge } = costScale(costs, nodes)
  // A programming error, not bad input: input goes through `Problem.parse`, which reports these.
  if (tooPrecise.length + tooLarge.length > 0) {
    throw new Error(
      `Assignment.solve: ${tooPrecise.length} cost(s) have more than 6 decimals and ${tooLarge.length} are too large to solve exactly; AssignmentProblem.check(problem) lists them`,
    )
  }

  // Arcs grouped by agent (counting sort), keeping the pairs' order within an agent.
  const arcStart = new Int32Array(A + 1)
  for (let i = 0; i < P; i++) if (pairAgent[i]! >= 0) arcStart[pairAgent[i]! + 1]!++
  for (let a = 0; a < A; a++) arcStart[a + 1]! += arcStart[a]!
  const M = arcStart[A]!
  const arcHead = new Int32Array(M)
  const arcCost = new Float64Array(M)
  const arcTarget = new Int32Array(M)
  const arcOriginalCost = new Float64Array(M)
  const fill = arcStart.slice(0, A)
  for (let i = 0; i < P; i++) {
    const a = pairAgent[i]!
    if (a < 0) continue
    const t = pairTarget[i]!
    const e = fill[a]!++
    arcHead[e] = groupBase[t]! < 0 ? firstTarget + t : groupBase[t]! + agentCategory[a]!
    arcCost[e] = Math.round(costs[i]! * scale)
    arcTarget[e] = t
    arcOriginalCost[e] = costs[i]!
  }
  return {
    network: { agents: A, nodes, parent, lower, upper, arcStart, arcHead, arcCost, candidates },
    scale,
    arcTarget,
    arcCost: arcOriginalCost,
    groupNodes,
    targetNode: (t) => firstTarget + t,
    sink,
  }
}

/**
 * Finds a minimum-cost placement of every agent, or explains why none exists. Exact: the optimum
 * comes with dual potentials (`certificate`) that `verify` checks independently.
 *
 * The problem is checked first, as `AssignmentProblem.parse` does — shape (a negative or NaN cost, a
 * bound of 1.5, an empty id) and integrity (unknown ids, duplicates, min above max, costs too
 * precise or too large to solve exactly) — so a problem built in code cannot produce a wrong answer:
 * it fails with `AssignmentProblemError` and every problem's path. A problem returned by
 * `AssignmentProblem.parse` is not checked again (a lookup); a problem built in code costs one pass
 * over it, about 0.4–0.6× the solve on dense problems and less on sparse ones.
 *
 * @example
 * import { Assignment } from "@tongxin/core"
 *
 * const result = Assignment.solve({
 *   agents: [{ id: "m1" }, { id: "m2" }],
 *   targets: [{ id: "k1", max: 1 }, { id: "k2", max: 1 }],
 *   pairs: [
 *     { agent: "m1", target: "k1", cost: 0 }, { agent: "m1", target: "k2", cost: 3 },
 *     { agent: "m2", target: "k1", cost: 1 }, { agent: "m2", target: "k2", cost: 1 },
 *   ],
 *   forbidden: [], locked: [], current: [], movePenalty: 0,
 * })
 * // Success({ placements: [{ agent: "m1", target: "k1", cost: 0 }, { agent: "m2", target: "k2", cost: 1 }], objective: 1, … })
 *
 * @since 0.1.0
 * @category solving
 */
export const solve = (
  problem: Problem,
  options: SolveOptions = {},
): Result.Result<Solution, Problems.ProblemError | Infeasible> =>
  Result.flatMap(Problems.parse(problem), (checked) => solveChecked(checked, options))

// `solve` on a problem `parse` accepted.
const solveChecked = (problem: Problem, options: SolveOptions = {}): Result.Result<Solution, Infeasible> => {
  const indexed = indexPairs(problem)
  const precheck = countingConflicts(problem, indexed)
  if (precheck.length > 0) return Result.fail(new Infeasible({ conflicts: precheck }))
  const c = compile(problem, indexed, options.candidatePairs ?? (problem.pairs.length > 20_000 ? 4 : 0))
  const result = PlacementFlow.solve(c.network)
  if (result.status === "infeasible") {
    const named = obstructions({
      agents: problem.agents,
      targets: problem.targets,
      pairAgent: indexed.pairAgent,
      pairTarget: indexed.pairTarget,
      bound: (t, category) => ownEntry(problem.targets[t]!.categories, category),
    })
    if (named.length > 0) return Result.fail(new Infeasible({ conflicts: named }))
    // Only how demands and capacities interact: no set of targets or agents alone explains it.
    const short = result.unrouted
    return Result.fail(
      new Infeasible({
        conflicts: [
          {
            code: "combined-constraints",
            message: `the size, category and pair constraints cannot all hold together: at best ${short} agent(s) stay unplaced or a minimum stays unmet`,
            messageZh: `规模、类别和配对约束无法同时满足：至少有 ${short} 个对象无法编入或某项下限无法满足`,
            shortBy: Math.max(1, short),
          },
        ],
      }),
    )
  }
  const pi = result.potential
  const placements: Array<Placement> = new Array(problem.agents.length)
  const agentPotential: Array<number> = new Array(problem.agents.length)
  let objective = 0
  problem.agents.forEach((agent, a) => {
    const e = result.arc[a]!
    placements[a] = { agent: agent.id, target: problem.targets[c.arcTarget[e]!]!.id, cost: c.arcCost[e]! }
    objective += c.arcCost[e]!
    // The placed pair's reduced cost is 0; every other pair's is ≥ 0 (the solver keeps it so).
    agentPotential[a] = (pi[c.network.arcHead[e]!]! - c.network.arcCost[e]!) / c.scale
  })
  const groups: Record<string, number> = {}
  for (const g of c.groupNodes) groups[`${problem.targets[g.target]!.id}\u0000${g.category}`] = pi[g.node]! / c.scale
  return Result.succeed({
    placements,
    objective,
    iterations: result.phases,
    certificate: {
      agents: agentPotential,
      targets: problem.targets.map((_, t) => pi[c.targetNode(t)]! / c.scale),
      groups,
      sink: pi[c.sink]! / c.scale,
    },
  })
}

/**
 * @since 0.1.0
 * @category models
 */
export interface SolveOptions {
  /**
   * Each agent starts from its N cheapest pairs; when the flow is done, every left-out pair is
   * priced with the potentials, and an agent with a left-out pair that would lower the cost gets
   * all its pairs and the solver goes on — so the answer is optimal for all pairs either way, and
   * the certificate proves it. Default: 4 when there are over 20,000 pairs (fastest on the
   * benchmark's instances), else 0, which starts from all pairs.
   */
  readonly candidatePairs?: number
}

/**
 * A problem found by {@link verify}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Violation {
  readonly kind: "feasibility" | "optimality"
  readonly message: string
}

/**
 * Checks a solution against the problem without trusting the solver: every agent placed exactly
 * once on an allowed, unforbidden pair, locks kept, sizes and category bounds held, the objective
 * summed right — and optimality from the certificate: every pair and bound satisfies complementary
 * slackness with the potentials, which proves no cheaper placement exists. An empty list means
 * the solution is feasible, and no placement is cheaper by more than (agents + bounds) ×
 * `tolerance` × the largest cost — far less than a cost's last decimal, so it is optimal.
 *
 * @since 0.1.0
 * @category verification
 */
export const verify = (problem: Problem, solution: Solution, tolerance = 1e-9): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const feas = (message: string) => out.push({ kind: "feasibility", message })
  const opt = (message: string) => out.push({ kind: "optimality", message })
  const A = problem.agents.length
  if (solution.placements.length !== A) feas(`${solution.placements.length} placements for ${A} agents`)
  const forbidden = new Set(problem.forbidden.map((p) => `${p.agent}\u0000${p.target}`))
  const locked = new Map(problem.locked.map((p) => [p.agent, p.target]))
  const current = new Map(problem.current.map((p) => [p.agent, p.target]))
  const pairCost = new Map(problem.pairs.map((p) => [`${p.agent}\u0000${p.target}`, p.cost]))
  const placedAt = new Map<string, string>()
  const size = new Map<string, number>()
  const groupSize = new Map<string, number>()
  let objective = 0
  problem.agents.forEach((agent, a) => {
    const p = solution.placements[a]
    if (p === undefined || p.agent !== agent.id) {
      feas(`agent ${agent.id} is not placed (or out of order)`)
      return
    }
    const key = `${p.agent}\u0000${p.target}`
    const base = pairCost.get(key)
    if (base === undefined) {
      feas(`${p.agent} → ${p.target} is not an allowed pair`)
      return
    }
    if (forbidden.has(key)) feas(`${p.agent} → ${p.target} is forbidden`)
    if (locked.has(p.agent) && locked.get(p.agent) !== p.target) feas(`${p.agent} is locked to ${locked.get(p.agent)}`)
    const c = base + (current.has(p.agent) && current.get(p.agent) !== p.target ? problem.movePenalty : 0)
    objective += c
    placedAt.set(p.agent, p.target)
    size.set(p.target, (size.get(p.target) ?? 0) + 1)
    const g = `${p.target}\u0000${agent.category ?? NO_CATEGORY}`
    groupSize.set(g, (groupSize.get(g) ?? 0) + 1)
  })
  if (Math.abs(objective - solution.objective) > tolerance * Math.max(1, Math.abs(objective))) {
    feas(`objective is ${solution.objective} but the placements cost ${objective}`)
  }
  const categories = [...new Set(problem.agents.map((a) => a.category ?? NO_CATEGORY))]
  const cert = solution.certificate
  // The tolerance follows the costs, not the potentials: shifting every potential by a constant
  // leaves a certificate exactly as valid, and must not loosen the check.
  let maxCost = problem.movePenalty
  for (const p of problem.pairs) if (p.cost > maxCost) maxCost = p.cost
  const scaleTol = tolerance * Math.max(1, maxCost)
  if (cert.agents.length !== problem.agents.length || cert.targets.length !== problem.targets.length) {
    opt(
      `the certificate has ${cert.agents.length} agent and ${cert.targets.length} target potentials for ${problem.agents.length} agents and ${problem.targets.length} targets`,
    )
  }
  // Reduced cost of an arc with bounds [lo, hi] carrying f: ≥ 0 unless at hi, ≤ 0 unless at lo.
  const slack = (what: string, rc: number, f: number, lo: number, hi: number) => {
    if (!Number.isFinite(rc)) return void opt(`${what}: the certificate has no finite potential for it`)
    if (f < hi && rc < -scaleTol) opt(`${what}: reduced cost ${rc} < 0 although it could carry more`)
    if (f > lo && rc > scaleTol) opt(`${what}: reduced cost ${rc} > 0 although it could carry less`)
  }
  const agentPotential = new Map(problem.agents.map((a, i) => [a.id, cert.agents[i] ?? NaN]))
  const targetPotential = new Map(problem.targets.map((t, i) => [t.id, cert.targets[i] ?? NaN]))
  const categoryOf = new Map(problem.agents.map((a) => [a.id, a.category ?? NO_CATEGORY]))
  const categorised = new Map(problem.targets.map((t) => [t.id, t.categories !== undefined]))
  for (const p of problem.pairs) {
    const key = `${p.agent}\u0000${p.target}`
    if (forbidden.has(key) || (locked.has(p.agent) && locked.get(p.agent) !== p.target)) continue
    const c = p.cost + (current.has(p.agent) && current.get(p.agent) !== p.target ? problem.movePenalty : 0)
    const head = categorised.get(p.target)
      ? (ownEntry(cert.groups, `${p.target}\u0000${categoryOf.get(p.agent)}`) ?? NaN)
      : targetPotential.get(p.target)!
    const f = placedAt.get(p.agent) === p.target ? 1 : 0
    const lo = locked.get(p.agent) === p.target ? 1 : 0
    slack(`pair ${p.agent} → ${p.target}`, c + agentPotential.get(p.agent)! - head, f, lo, 1)
  }
  for (const t of problem.targets) {
    const n = size.get(t.id) ?? 0
    if (n < (t.min ?? 0) || n > (t.max ?? Infinity))
      feas(`target ${t.id} has ${n}, outside [${t.min ?? 0}, ${t.max ?? "∞"}]`)
    slack(`size of ${t.id}`, targetPotential.get(t.id)! - cert.sink, n, t.min ?? 0, t.max ?? Infinity)
    if (t.categories === undefined) continue
    for (const c of categories) {
      const b = ownEntry(t.categories, c)
      const k = groupSize.get(`${t.id}\u0000${c}`) ?? 0
      if (k < (b?.min ?? 0) || k > (b?.max ?? Infinity))
        feas(`target ${t.id} has ${k} of category "${c}", outside [${b?.min ?? 0}, ${b?.max ?? "∞"}]`)
      slack(
        `category ${c} of ${t.id}`,
        (ownEntry(cert.groups, `${t.id}\u0000${c}`) ?? NaN) - targetPotential.get(t.id)!,
        k,
        b?.min ?? 0,
        b?.max ?? Infinity,
      )
    }
    // Bounds on categories no agent has must still be met (by zero agents).
    for (const [c, b] of Object.entries(t.categories)) {
      if (!categories.includes(c) && (b.min ?? 0) > 0)
        feas(`target ${t.id} needs ${b.min} of category "${c}", and no agent has it`)
    }
  }
  return out
}

/**
 * Why no placement exists, found by counting before solving: agents with nowhere to go, minimums
 * that add up to more agents than exist, maximums that add up to fewer, targets that too few agents
 * may join, category minimums beyond the category's size, locks beyond a maximum. Empty when the
 * counts do not rule the problem out (the solver may still find it infeasible).
 *
 * @since 0.1.0
 * @category diagnosis
 */
export const conflicts = (problem: Problem): ReadonlyArray<Conflict> => countingConflicts(problem, indexPairs(problem))

const countingConflicts = (
  problem: Problem,
  { pairAgent, pairTarget, categories: categoryList, agentCategory }: Indexed,
): ReadonlyArray<Conflict> => {
  const out: Array<Conflict> = []
  const add = (code: string, shortBy: number, message: string, messageZh: string) =>
    out.push({ code, message, messageZh, shortBy })
  const name = (t: Problem["targets"][number]) => t.name ?? t.id
  const agentName = (a: Problem["agents"][number]) => a.name ?? a.id
  // Counts by index: how many targets each agent may go to, how many agents (of each category) may
  // go to each target.
  const categoryIndex = new Map(categoryList.map((c, i) => [c, i]))
  const C = categoryList.length
  const options = new Int32Array(problem.agents.length)
  const may = new Int32Array(problem.targets.length)
  const mayByCategory = new Int32Array(problem.targets.length * C)
  for (let i = 0; i < pairAgent.length; i++) {
    const a = pairAgent[i]!
    const t = pairTarget[i]!
    if (a < 0) continue
    options[a]!++
    may[t]!++ // pairs are unique, so no agent is counted twice
    mayByCategory[t * C + agentCategory[a]!]!++
  }
  const A = problem.agents.length
  for (const [i, a] of problem.agents.entries()) {
    if (options[i] === 0)
      add("agent-without-target", 1, `${agentName(a)} has no target it may go to`, `${agentName(a)}没有可以编入的目标`)
  }
  const sumMin = problem.targets.reduce((n, t) => n + (t.min ?? 0), 0)
  if (sumMin > A)
    add(
      "minimums-exceed-agents",
      sumMin - A,
      `the targets need at least ${sumMin} in all, but only ${A} exist`,
      `各目标下限合计 ${sumMin}，但只有 ${A} 个对象`,
    )
  const sumMax = problem.targets.reduce((n, t) => n + (t.max ?? Infinity), 0)
  if (sumMax < A)
    add(
      "maximums-below-agents",
      A - sumMax,
      `the targets take at most ${sumMax} in all, but ${A} must be placed`,
      `各目标上限合计 ${sumMax}，但需要编入 ${A} 个对象`,
    )
  const byCategory = new Map<string, number>()
  for (const a of problem.agents)
    byCategory.set(a.category ?? NO_CATEGORY, (byCategory.get(a.category ?? NO_CATEGORY) ?? 0) + 1)
  const categoryOf = new Map(problem.agents.map((a) => [a.id, a.category ?? NO_CATEGORY]))
  const categoriesInBounds = new Set(problem.targets.flatMap((t) => Object.keys(t.categories ?? {})))
  for (const c of categoriesInBounds) {
    const need = problem.targets.reduce((n, t) => n + (ownEntry(t.categories, c)?.min ?? 0), 0)
    const have = byCategory.get(c) ?? 0
    if (need > have)
      add(
        "category-minimums-exceed",
        need - have,
        `the targets need at least ${need} "${c}" in all, but only ${have} exist`,
        `各目标对“${c}”的下限合计 ${need}，但只有 ${have} 个`,
      )
  }
  const lockedByTarget = new Map<string, Array<string>>()
  for (const p of problem.locked) {
    const list = lockedByTarget.get(p.target)
    if (list === undefined) lockedByTarget.set(p.target, [p.agent])
    else list.push(p.agent)
  }
  for (const [ti, t] of problem.targets.entries()) {
    const mayHere = may[ti]!
    if ((t.min ?? 0) > mayHere)
      add(
        "target-short",
        (t.min ?? 0) - mayHere,
        `${name(t)} needs ${t.min}, but only ${mayHere} may go there`,
        `${name(t)}至少需要 ${t.min} 个，但只有 ${mayHere} 个可以编入`,
      )
    const lockedHere = lockedByTarget.get(t.id) ?? []
    if (lockedHere.length > (t.max ?? Infinity))
      add(
        "locked-over-max",
        lockedHere.length - t.max!,
        `${lockedHere.length} are locked into ${name(t)}, which takes at most ${t.max}`,
        `${lockedHere.length} 个对象被锁定在${name(t)}，但其上限为 ${t.max}`,
      )
    if (t.categories === undefined) continue
    let minSum = 0
    let maxSum = 0
    for (const c of new Set([...Object.keys(t.categories), ...byCategory.keys()])) {
      const b = ownEntry(t.categories, c)
      minSum += b?.min ?? 0
      maxSum += b?.max ?? Infinity
      const ci = categoryIndex.get(c)
      const mayC = ci === undefined ? 0 : mayByCategory[ti * C + ci]!
      if ((b?.min ?? 0) > mayC)
        add(
          "target-category-short",
          (b?.min ?? 0) - mayC,
          `${name(t)} needs at least ${b!.min} "${c}", but only ${mayC} of them may go there`,
          `${name(t)}至少需要 ${b!.min} 个“${c}”，但只有 ${mayC} 个可以编入`,
        )
      const lockedC = lockedHere.filter((a) => categoryOf.get(a) === c).length
      if (lockedC > (b?.max ?? Infinity))
        add(
          "locked-over-max",
          lockedC - b!.max!,
          `${lockedC} "${c}" are locked into ${name(t)}, which takes at most ${b!.max} of them`,
          `${lockedC} 个“${c}”被锁定在${name(t)}，但其上限为 ${b!.max}`,
        )
    }
    if (minSum > (t.max ?? Infinity))
      add(
        "target-bounds-conflict",
        minSum - t.max!,
        `${name(t)} needs at least ${minSum} by category but takes at most ${t.max}`,
        `${name(t)}按类别至少需要 ${minSum} 个，但上限为 ${t.max}`,
      )
    if (maxSum < (t.min ?? 0))
      add(
        "target-bounds-conflict",
        t.min! - maxSum,
        `${name(t)} needs ${t.min} but its categories allow at most ${maxSum}`,
        `${name(t)}至少需要 ${t.min} 个，但按类别最多 ${maxSum} 个`,
      )
  }
  return out
}

/**
 * Why an agent went where it did: the cost terms of its pair, and the cheapest alternative — the
 * target it would go to if barred from this one, with the exact extra cost of the whole solution
 * (found by solving again).
 *
 * @since 0.1.0
 * @category explanation
 */
export const explain = (
  problem: Problem,
  solution: Solution,
  agentId: string,
):
  | {
      readonly placement: Placement
      readonly terms: ReadonlyArray<{ readonly term: string; readonly cost: number }>
      readonly alternative?: { readonly target: string; readonly extraCost: number }
    }
  | undefined => {
  const placement = solution.placements.find((p) => p.agent === agentId)
  if (placement === undefined) return undefined
  const pair = problem.pairs.find((p) => p.agent === agentId && p.target === placement.target)
  const terms = pair?.terms ?? []
  if (problem.locked.some((l) => l.agent === agentId)) return { placement, terms }
  const barred = solveChecked({
    ...problem,
    forbidden: [...problem.forbidden, { agent: agentId, target: placement.target }],
  })
  if (Result.isFailure(barred)) return { placement, terms }
  const moved = barred.success.placements.find((p) => p.agent === agentId)!
  return {
    placement,
    terms,
    alternative: { target: moved.target, extraCost: barred.success.objective - solution.objective },
  }
}

/**
 * Parses and solves in one step: bad input gives `ProblemError`, an impossible problem `Infeasible`.
 *
 * @since 0.1.0
 * @category solving
 */
export const parseAndSolve = (input: unknown): Result.Result<Solution, Problems.ProblemError | Infeasible> =>
  Result.flatMap(Problems.parse(input), (problem) => solveChecked(problem))
