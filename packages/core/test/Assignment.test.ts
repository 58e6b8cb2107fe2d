import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { Assignment, AssignmentProblem } from "../src/index.js"
import { DistrictArbitrary } from "../src/testing/index.js"
import { highs, toLp } from "./highs.js"
import { seeded } from "./seeded.js"

const problem = (
  p: Partial<AssignmentProblem.Problem> & Pick<AssignmentProblem.Problem, "agents" | "targets" | "pairs">,
): AssignmentProblem.Problem => ({
  forbidden: [],
  locked: [],
  current: [],
  movePenalty: 0,
  ...p,
})

// a and b, one seat each at x and y: a belongs at x and b at y, each costing `near` there and
// `far` at the other.
const crossed = (near: number, far: number) =>
  problem({
    agents: [{ id: "a" }, { id: "b" }],
    targets: [
      { id: "x", max: 1 },
      { id: "y", max: 1 },
    ],
    pairs: [
      { agent: "a", target: "x", cost: near },
      { agent: "a", target: "y", cost: far },
      { agent: "b", target: "x", cost: far },
      { agent: "b", target: "y", cost: near },
    ],
  })

describe("Assignment.solve", () => {
  it("finds the optimum of a small problem and a certificate that verifies", () => {
    const p = problem({
      agents: [{ id: "m1", category: "party" }, { id: "m2", category: "party" }, { id: "m3" }, { id: "m4" }],
      targets: [
        { id: "k1", min: 2, max: 2, categories: { party: { min: 1 } } },
        { id: "k2", min: 2, max: 2, categories: { party: { min: 1 } } },
      ],
      pairs: [
        { agent: "m1", target: "k1", cost: 0 },
        { agent: "m1", target: "k2", cost: 5 },
        { agent: "m2", target: "k1", cost: 0 },
        { agent: "m2", target: "k2", cost: 4 },
        { agent: "m3", target: "k1", cost: 1 },
        { agent: "m3", target: "k2", cost: 0 },
        { agent: "m4", target: "k1", cost: 2 },
        { agent: "m4", target: "k2", cost: 0 },
      ],
    })
    const s = Result.getOrThrow(Assignment.solve(p))
    // Both party members prefer k1, but k2 needs one: m2 (the cheaper move, 4) goes there.
    expect(s.placements.map((x) => x.target)).toEqual(["k1", "k2", "k1", "k2"])
    expect(s.objective).toBe(5)
    expect(Assignment.verify(p, s)).toEqual([])
    const why = Assignment.explain(p, s, "m1")!
    expect(why.alternative).toEqual({ target: "k2", extraCost: 1 })
  })

  it("verify catches a wrong or sub-optimal answer", () => {
    const p = crossed(0, 2)
    const s = Result.getOrThrow(Assignment.solve(p))
    expect(Assignment.verify(p, s)).toEqual([])
    const swapped = {
      ...s,
      placements: [
        { agent: "a", target: "y", cost: 2 },
        { agent: "b", target: "x", cost: 2 },
      ],
      objective: 4,
    }
    expect(Assignment.verify(p, swapped).map((v) => v.kind)).toContain("optimality")
    const overfull = {
      ...s,
      placements: [
        { agent: "a", target: "x", cost: 0 },
        { agent: "b", target: "x", cost: 2 },
      ],
      objective: 2,
    }
    expect(Assignment.verify(p, overfull).map((v) => v.kind)).toContain("feasibility")
  })

  it("explains infeasibility in words with the numbers that conflict", () => {
    const agents = Array.from({ length: 60 }, (_, i) => ({ id: `m${i}`, category: i < 24 ? "party" : "non-party" }))
    const targets = Array.from({ length: 10 }, (_, i) => ({
      id: `k${i}`,
      name: `联络委${i}`,
      min: 5,
      max: 7,
      categories: { party: { min: 3 } },
    }))
    const pairs = agents.flatMap((a) => targets.map((t) => ({ agent: a.id, target: t.id, cost: 1 })))
    const r = Assignment.solve(problem({ agents, targets, pairs }))
    expect(Result.isFailure(r) && r.failure._tag === "Infeasible" && r.failure.conflicts.map((c) => c.message)).toEqual(
      ['the targets need at least 30 "party" in all, but only 24 exist'],
    )

    const few = Assignment.solve(
      problem({
        agents: agents.slice(0, 9),
        targets: [{ id: "x", name: "红卫路街道联络委", min: 12 }],
        pairs: pairs
          .filter((p) => p.target === "k0")
          .slice(0, 9)
          .map((p) => ({ ...p, target: "x" })),
      }),
    )
    expect(
      Result.isFailure(few) &&
        few.failure._tag === "Infeasible" &&
        few.failure.conflicts.map((c) => [c.code, c.message, c.shortBy]),
    ).toEqual([
      ["minimums-exceed-agents", "the targets need at least 12 in all, but only 9 exist", 3],
      ["target-short", "红卫路街道联络委 needs 12, but only 9 may go there", 3],
    ])
  })

  it("rejects bad input with paths, never a wrong answer", () => {
    const r = AssignmentProblem.parse({
      agents: [{ id: "a" }, { id: "a" }],
      targets: [{ id: "x", min: 3, max: 1 }],
      pairs: [
        { agent: "a", target: "x", cost: -1 },
        { agent: "b", target: "y", cost: Number.POSITIVE_INFINITY },
      ],
      forbidden: [{ agent: "a", target: "x" }],
      locked: [{ agent: "a", target: "x" }],
    })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["pairs[0].cost", "invalid"],
      ["pairs[1].cost", "invalid"],
    ])
    const r2 = AssignmentProblem.parse({
      agents: [{ id: "a" }, { id: "a" }],
      targets: [{ id: "x", min: 3, max: 1 }],
      pairs: [
        { agent: "a", target: "x", cost: 1 },
        { agent: "b", target: "y", cost: 2 },
      ],
      forbidden: [{ agent: "a", target: "x" }],
      locked: [{ agent: "a", target: "x" }],
    })
    expect(Result.isFailure(r2) && r2.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["agents[1].id", "duplicate-id"],
      ["targets[0].min", "min-above-max"],
      ["pairs[1].agent", "unknown-reference"],
      ["pairs[1].target", "unknown-reference"],
      ["locked[0]", "locked-and-forbidden"],
    ])
  })

  it("refuses costs it could not solve exactly, and names it could confuse, rather than answering wrongly", () => {
    const r = AssignmentProblem.parse({
      agents: [{ id: "a" }, { id: "a\u0000b", category: "p\u0001" }],
      targets: [{ id: "x" }, { id: "y", categories: { "q\u0000": { max: 1 } } }],
      pairs: [
        { agent: "a", target: "x", cost: 1 / 3 },
        { agent: "a", target: "y", cost: 1e307 },
        { agent: "a\u0000b", target: "x", cost: 0.1234567 },
      ],
      movePenalty: 0.5,
    })
    expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.code])).toEqual([
      ["agents[1].id", "control-character"],
      ["agents[1].category", "control-character"],
      ["targets[1].categories", "control-character"],
      ["pairs[0].cost", "cost-too-precise"],
      ["pairs[2].cost", "cost-too-precise"],
      ["pairs[1].cost", "cost-too-large"],
    ])
    expect(Result.isFailure(r) && r.failure.issues[3]!.message).toBe(
      "0.3333333333333333 has more than 6 decimals; round it to 6 or fewer",
    )
    // Six decimals at any size that fits are exact: 0.1 + 0.2 style noise is not a seventh decimal.
    const fine = AssignmentProblem.parse({
      agents: [{ id: "a" }],
      targets: [{ id: "x" }, { id: "y" }],
      pairs: [
        { agent: "a", target: "x", cost: 0.1 + 0.2 },
        { agent: "a", target: "y", cost: 123456.654321 },
      ],
    })
    expect(Result.isSuccess(fine)).toBe(true)
    // Problems built in code skip parse: solve checks them too, rather than rounding silently.
    const unchecked = problem({
      agents: [{ id: "a" }],
      targets: [{ id: "x" }],
      pairs: [{ agent: "a", target: "x", cost: 1 / 3 }],
    })
    const refused = Assignment.solve(unchecked)
    expect(Result.isFailure(refused) && refused.failure._tag).toBe("AssignmentProblemError")
  })

  it("keeps every decimal of large costs, and verify refuses a worse answer however large the costs", () => {
    const one = problem({
      agents: [{ id: "a" }],
      targets: [{ id: "x" }, { id: "y" }],
      pairs: [
        { agent: "a", target: "x", cost: 1000000000.4 },
        { agent: "a", target: "y", cost: 1000000000.1 },
      ],
    })
    expect(AssignmentProblem.check(one)).toEqual([])
    expect(Result.getOrThrow(Assignment.solve(one)).placements[0]!.target).toBe("y")
    const two = crossed(1e9, 1000000050)
    const s = Result.getOrThrow(Assignment.solve(two))
    expect(s.objective).toBe(2e9)
    expect(Assignment.verify(two, s)).toEqual([])
    const swapped: Assignment.Solution = {
      placements: [
        { agent: "a", target: "y", cost: 1000000050 },
        { agent: "b", target: "x", cost: 1000000050 },
      ],
      objective: 2000000100,
      iterations: 0,
      certificate: { agents: [-1000000050, -1000000050], targets: [0, 0], groups: {}, sink: 0 },
    }
    expect(Assignment.verify(two, swapped).map((v) => v.kind)).toContain("optimality")
  })
})

// Random instances: small enough for HiGHS to be quick, varied enough to hit every constraint.
const instance = fc
  .record({
    agents: fc.integer({ min: 1, max: 14 }),
    targets: fc.integer({ min: 1, max: 5 }),
    density: fc.double({ min: 0.3, max: 1, noNaN: true }),
    seed: fc.integer(),
    bounded: fc.boolean(),
    categories: fc.boolean(),
    extras: fc.boolean(),
  })
  .map(({ agents: A, targets: T, density, seed, bounded, categories, extras }) => {
    const { rnd, int } = seeded(seed)
    const agents = Array.from({ length: A }, (_, i) =>
      categories ? { id: `a${i}`, category: rnd() < 0.4 ? "p" : "q" } : { id: `a${i}` },
    )
    const targets = Array.from({ length: T }, (_, j) => {
      const min = bounded ? int(0, Math.ceil(A / T)) : undefined
      const max = bounded ? (min ?? 0) + int(0, 3) : undefined
      return {
        id: `t${j}`,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...(categories && rnd() < 0.7 ? { categories: { p: { min: int(0, 2) } } } : {}),
      }
    })
    const pairs = agents.flatMap((a) =>
      targets
        .filter(() => rnd() < density)
        .map((t) => ({ agent: a.id, target: t.id, cost: rnd() < 0.3 ? int(0, 40) / 2 : int(0, 20) })),
    )
    const pick = <X>(xs: ReadonlyArray<X>) => xs[int(0, xs.length - 1)]
    const locked = extras && pairs.length > 0 ? [pick(pairs)!].map((p) => ({ agent: p.agent, target: p.target })) : []
    const forbidden =
      extras && pairs.length > 1
        ? [pick(pairs)!]
            .filter((p) => !locked.some((l) => l.agent === p.agent && l.target === p.target))
            .map((p) => ({ agent: p.agent, target: p.target }))
        : []
    const current = extras
      ? agents.filter(() => rnd() < 0.5).map((a) => ({ agent: a.id, target: pick(targets)!.id }))
      : []
    return problem({ agents, targets, pairs, locked, forbidden, current, movePenalty: extras ? int(0, 5) : 0 })
  })

describe("Assignment properties", () => {
  it("matches HiGHS on random instances, feasible and infeasible; certificates verify", async () => {
    const lpSolver = await highs()
    fc.assert(
      fc.property(instance, (p) => {
        expect(AssignmentProblem.check(p)).toEqual([])
        const lp = lpSolver.solve(toLp(p))
        const ours = Assignment.solve(p)
        if (lp.Status === "Infeasible") {
          expect(Result.isFailure(ours)).toBe(true)
          return
        }
        expect(lp.Status).toBe("Optimal")
        expect(Result.isSuccess(ours)).toBe(true)
        const s = Result.getOrThrow(ours)
        expect(s.objective).toBeCloseTo(lp.ObjectiveValue, 6)
        expect(Assignment.verify(p, s)).toEqual([])
        // Every agent exactly once.
        expect(s.placements.map((x) => x.agent)).toEqual(p.agents.map((a) => a.id))
      }),
      { numRuns: 400 },
    )
  })

  it("solving from a few candidate pairs per agent reaches the same optimum, proven for all pairs", async () => {
    const lpSolver = await highs()
    fc.assert(
      fc.property(instance, fc.integer({ min: 1, max: 3 }), (p, k) => {
        const lp = lpSolver.solve(toLp(p))
        const ours = Assignment.solve(p, { candidatePairs: k })
        expect(Result.isSuccess(ours)).toBe(lp.Status === "Optimal")
        if (Result.isSuccess(ours)) {
          expect(ours.success.objective).toBeCloseTo(lp.ObjectiveValue, 6)
          expect(Assignment.verify(p, ours.success)).toEqual([])
        }
      }),
      { numRuns: 300 },
    )
  })

  it("permuting agents or targets does not change the objective", () => {
    fc.assert(
      fc.property(instance, fc.integer(), (p, seed) => {
        const r = Assignment.solve(p)
        const q = {
          ...p,
          agents: DistrictArbitrary.shuffle(p.agents, seed),
          targets: DistrictArbitrary.shuffle(p.targets, seed + 1),
          pairs: DistrictArbitrary.shuffle(p.pairs, seed + 2),
        }
        const r2 = Assignment.solve(q)
        expect(Result.isSuccess(r2)).toBe(Result.isSuccess(r))
        if (Result.isSuccess(r) && Result.isSuccess(r2)) {
          expect(r2.success.objective).toBeCloseTo(r.success.objective, 9)
          expect(Assignment.verify(q, r2.success)).toEqual([])
        }
      }),
    )
  })

  it("matches HiGHS on larger, tight instances: long chains of moves, category maximums, few candidates", async () => {
    const lpSolver = await highs()
    fc.assert(
      fc.property(tight, fc.constantFrom(0, 1, 2, 4), (p, k) => {
        const lp = lpSolver.solve(toLp(p))
        const ours = Assignment.solve(p, { candidatePairs: k })
        expect(lp.Status === "Optimal" || lp.Status === "Infeasible").toBe(true)
        expect(Result.isSuccess(ours)).toBe(lp.Status === "Optimal")
        if (Result.isSuccess(ours)) {
          expect(ours.success.objective).toBeCloseTo(lp.ObjectiveValue, 6)
          expect(Assignment.verify(p, ours.success)).toEqual([])
        }
      }),
      { numRuns: 120 },
    )
  })

  it("matches trying every placement on small problems whose costs have six decimals or are large", () => {
    fc.assert(
      fc.property(precise, (p) => {
        expect(AssignmentProblem.check(p)).toEqual([])
        const best = cheapestByTrying(p)
        const ours = Assignment.solve(p)
        expect(Result.isSuccess(ours)).toBe(best !== undefined)
        if (Result.isSuccess(ours)) {
          expect(Math.abs(ours.success.objective - best!)).toBeLessThanOrEqual(1e-12 * Math.max(1, best!))
          expect(Assignment.verify(p, ours.success)).toEqual([])
        }
      }),
      { numRuns: 1000 },
    )
  })

  it("looks beyond the candidate pairs before calling a problem infeasible", () => {
    // Both prefer x, which takes one: with one candidate each, only all pairs show the way out.
    const p = problem({
      agents: [{ id: "a" }, { id: "b" }],
      targets: [
        { id: "x", max: 1 },
        { id: "y", max: 1 },
      ],
      pairs: [
        { agent: "a", target: "x", cost: 0 },
        { agent: "a", target: "y", cost: 5 },
        { agent: "b", target: "x", cost: 1 },
        { agent: "b", target: "y", cost: 3 },
      ],
    })
    const s = Result.getOrThrow(Assignment.solve(p, { candidatePairs: 1 }))
    expect(s.placements.map((x) => x.target)).toEqual(["x", "y"])
    expect(s.objective).toBe(3)
    expect(Assignment.verify(p, s)).toEqual([])
  })
})

// Members on a line of committees, each allowed a window around home: placing one member where it
// is wanted pushes another along, so optimal answers need long chains of moves. Tight sizes, many
// equal costs, and a category with a minimum and one with a maximum.
const tight = fc
  .record({
    agents: fc.integer({ min: 30, max: 220 }),
    targets: fc.integer({ min: 3, max: 16 }),
    slack: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer(),
    extras: fc.boolean(),
  })
  .map(({ agents: A, targets: T, slack, seed, extras }) => {
    const { rnd, int } = seeded(seed)
    const agents = Array.from({ length: A }, (_, i) => ({ id: `a${i}`, category: ["p", "q", "r"][int(0, 2)]! }))
    const per = A / T
    const targets = Array.from({ length: T }, (_, j) => ({
      id: `t${j}`,
      min: Math.max(0, Math.floor(per) - slack),
      max: Math.ceil(per) + slack,
      ...(rnd() < 0.8
        ? { categories: { p: { min: int(0, 3) }, ...(rnd() < 0.5 ? { q: { max: Math.ceil(per / 2) } } : {}) } }
        : {}),
    }))
    const pairs = agents.flatMap((a) => {
      const home = int(0, T - 1)
      const width = int(1, Math.min(T, 5))
      return Array.from({ length: width }, (_, d) => ({
        agent: a.id,
        target: `t${(home + d) % T}`,
        cost: rnd() < 0.2 ? int(0, 20) / 4 : int(0, 8),
      }))
    })
    const pick = <X>(xs: ReadonlyArray<X>) => xs[int(0, xs.length - 1)]!
    const locked = extras ? [pick(pairs)].map((p) => ({ agent: p.agent, target: p.target })) : []
    const forbidden = extras
      ? [pick(pairs)]
          .filter((p) => !locked.some((l) => l.agent === p.agent))
          .map((p) => ({ agent: p.agent, target: p.target }))
      : []
    const current = extras
      ? agents.filter(() => rnd() < 0.3).map((a) => ({ agent: a.id, target: pick(targets).id }))
      : []
    return problem({ agents, targets, pairs, locked, forbidden, current, movePenalty: extras ? int(0, 4) : 0 })
  })

// Up to 6 agents and 3 targets (at most 729 placements to try), with costs of one of four kinds:
// small integers, six decimals, a billion and tenths, or a trillion and units.
const precise = fc
  .record({
    agents: fc.integer({ min: 1, max: 6 }),
    targets: fc.integer({ min: 1, max: 3 }),
    kind: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer(),
    extras: fc.boolean(),
  })
  .map(({ agents: A, targets: T, kind, seed, extras }) => {
    const { rnd, int } = seeded(seed)
    const cost = () => [int(0, 9), int(0, 10_000_000) / 1_000_000, 1e9 + int(0, 100) / 10, 1e12 + int(0, 1000)][kind]!
    const agents = Array.from({ length: A }, (_, i) => ({ id: `a${i}`, category: rnd() < 0.5 ? "p" : "q" }))
    const targets = Array.from({ length: T }, (_, j) => {
      const min = int(0, 2)
      const pMin = int(0, 1)
      return {
        id: `t${j}`,
        ...(rnd() < 0.5 ? { min } : {}),
        ...(rnd() < 0.6 ? { max: min + int(0, 2) } : {}),
        ...(rnd() < 0.5 ? { categories: { p: { min: pMin, ...(rnd() < 0.5 ? { max: pMin + int(0, 1) } : {}) } } } : {}),
      }
    })
    const pairs = agents.flatMap((a) =>
      targets.filter(() => rnd() < 0.8).map((t) => ({ agent: a.id, target: t.id, cost: cost() })),
    )
    const pick = <X>(xs: ReadonlyArray<X>) => xs[int(0, xs.length - 1)]!
    const locked = extras && pairs.length > 0 ? [pick(pairs)].map((p) => ({ agent: p.agent, target: p.target })) : []
    const forbidden =
      extras && pairs.length > 0
        ? [pick(pairs)]
            .filter((p) => !locked.some((l) => l.agent === p.agent && l.target === p.target))
            .map((p) => ({ agent: p.agent, target: p.target }))
        : []
    const current = extras
      ? agents.filter(() => rnd() < 0.5).map((a) => ({ agent: a.id, target: pick(targets).id }))
      : []
    return problem({
      agents,
      targets,
      pairs,
      locked,
      forbidden,
      current,
      movePenalty: extras ? [int(0, 3), int(0, 1000) / 1000, 0.5, 7][kind]! : 0,
    })
  })

// The cheapest feasible placement found by trying them all, or undefined when there is none.
const cheapestByTrying = (p: AssignmentProblem.Problem): number | undefined => {
  const options = p.agents.map((a) =>
    p.pairs.filter(
      (x) =>
        x.agent === a.id &&
        !p.forbidden.some((f) => f.agent === a.id && f.target === x.target) &&
        p.locked.every((l) => l.agent !== a.id || l.target === x.target),
    ),
  )
  const moved = (x: AssignmentProblem.Pair) => p.current.some((c) => c.agent === x.agent && c.target !== x.target)
  let best: number | undefined
  const chosen: Array<AssignmentProblem.Pair> = []
  const visit = (i: number) => {
    if (i === p.agents.length) {
      const fits = p.targets.every((t) => {
        const here = chosen.filter((x) => x.target === t.id)
        if (here.length < (t.min ?? 0) || here.length > (t.max ?? Infinity)) return false
        return Object.entries(t.categories ?? {}).every(([c, b]) => {
          const n = here.filter((x) => p.agents.find((a) => a.id === x.agent)!.category === c).length
          return n >= (b.min ?? 0) && n <= (b.max ?? Infinity)
        })
      })
      if (!fits) return
      const total = chosen.reduce((sum, x) => sum + x.cost + (moved(x) ? p.movePenalty : 0), 0)
      if (best === undefined || total < best) best = total
      return
    }
    for (const x of options[i]!) {
      chosen.push(x)
      visit(i + 1)
      chosen.pop()
    }
  }
  visit(0)
  return best
}
