// Assignment input that was never parsed: `solve` checks it itself, so a problem built in code can
// fail but never answer wrong; and the hand-written shape check behind `parse`'s fast path agrees
// with the Schema decoder on every input.
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import { isWellFormed } from "../src/internal/problemShape.js"
import { strictAll } from "../src/internal/schema.js"
import { Assignment, AssignmentProblem } from "../src/index.js"

const base: AssignmentProblem.Problem = {
  agents: [{ id: "m1", category: "party" }, { id: "m2" }, { id: "m3", name: "王" }],
  targets: [
    { id: "k1", max: 2, categories: { party: { min: 1 } } },
    { id: "k2", min: 1, name: "红卫路" },
  ],
  pairs: [
    { agent: "m1", target: "k1", cost: 0 },
    { agent: "m1", target: "k2", cost: 3, terms: [{ term: "distance", cost: 3 }] },
    { agent: "m2", target: "k1", cost: 1 },
    { agent: "m2", target: "k2", cost: 1 },
    { agent: "m3", target: "k2", cost: 2 },
  ],
  forbidden: [],
  locked: [],
  current: [{ agent: "m2", target: "k1" }],
  movePenalty: 0.5,
}

describe("solve checks what it is given", () => {
  const cases: ReadonlyArray<readonly [string, AssignmentProblem.Problem, string]> = [
    ["a negative cost", { ...base, pairs: [{ ...base.pairs[0]!, cost: -3 }, ...base.pairs.slice(1)] }, "pairs[0].cost"],
    [
      "a NaN cost",
      { ...base, pairs: [{ ...base.pairs[0]!, cost: Number.NaN }, ...base.pairs.slice(1)] },
      "pairs[0].cost",
    ],
    ["a negative move penalty", { ...base, movePenalty: -5 }, "movePenalty"],
    ["a bound of 1.5", { ...base, targets: [{ ...base.targets[0]!, max: 1.5 }, base.targets[1]!] }, "targets[0].max"],
    ["a bound of −1", { ...base, targets: [base.targets[0]!, { ...base.targets[1]!, min: -1 }] }, "targets[1].min"],
    ["an empty id", { ...base, agents: [{ id: "" }, ...base.agents.slice(1)] }, "agents[0].id"],
    [
      "an unknown target",
      { ...base, pairs: [...base.pairs, { agent: "m3", target: "nowhere", cost: 1 }] },
      "pairs[5].target",
    ],
  ]
  for (const [what, problem, path] of cases)
    it(`${what} is an AssignmentProblemError at ${path}, never a solution`, () => {
      const r = Assignment.solve(problem)
      expect(Result.isFailure(r) && r.failure._tag).toBe("AssignmentProblemError")
      expect(
        Result.isFailure(r) && r.failure._tag === "AssignmentProblemError" && r.failure.issues.map((i) => i.path),
      ).toContain(path)
    })

  it("a good problem solves, and its solution verifies", () => {
    const r = Assignment.solve(base)
    expect(Result.isSuccess(r)).toBe(true)
    if (Result.isSuccess(r)) expect(Assignment.verify(base, r.success)).toEqual([])
  })
})

const decode = Schema.decodeUnknownResult(AssignmentProblem.Problem, strictAll)

// A value that is wrong somewhere: the usual suspects of hand-built input.
const oddValue = fc.constantFrom<unknown>(
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  0,
  2,
  "",
  " x",
  "x",
  null,
  undefined,
  {},
  [],
  true,
  { min: 1 },
  [{ term: "t", cost: 1 }],
)

// Every path into a problem, to one leaf or container.
const paths = (v: unknown, at: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  const out: Array<ReadonlyArray<string | number>> = [at]
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push(...paths(x, [...at, i]))
    })
  else if (typeof v === "object" && v !== null)
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]))
  return out
}

const mutate = (
  problem: unknown,
  path: ReadonlyArray<string | number>,
  how: "set" | "delete" | "extra",
  value: unknown,
) => {
  const copy = structuredClone(problem) as Record<string | number, unknown>
  if (path.length === 0) return how === "extra" ? { ...copy, extra: value } : value
  let parent: Record<string | number, unknown> = copy
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (how === "set") parent[last] = value
  else if (how === "delete") delete parent[last]
  else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last]))
    (parent[last] as Record<string, unknown>)["extra"] = value
  else parent[last] = value
  return copy
}

describe("the fast shape check behind parse", () => {
  const all = paths(base)
  it("agrees with the Schema decoder on any one change to a valid problem", () => {
    fc.assert(
      fc.property(
        fc.nat(all.length - 1),
        fc.constantFrom<"set" | "delete" | "extra">("set", "delete", "extra"),
        oddValue,
        (i, how, value) => {
          const input = mutate(base, all[i]!, how, value)
          expect(isWellFormed(input), JSON.stringify(input)).toBe(Result.isSuccess(decode(input)))
        },
      ),
      { numRuns: 3_000 },
    )
  })

  it("gives parse the decoder's answer, defaults included", () => {
    const { forbidden: _, locked: __, current: ___, movePenalty: ____, ...bare } = base
    const parsed = AssignmentProblem.parse(bare)
    expect(Result.isSuccess(parsed) && parsed.success).toEqual({
      ...bare,
      forbidden: [],
      locked: [],
      current: [],
      movePenalty: 0,
    })
    const viaDecoder = decode(bare)
    expect(Result.isSuccess(viaDecoder) && viaDecoder.success).toEqual(Result.isSuccess(parsed) && parsed.success)
  })
})

describe("infeasibility explained exactly", () => {
  it("names the committees whose party minimums the members who may go there cannot meet together", () => {
    // Each of the two committees alone could find its 12 among the 19 who may go there; together
    // they need 24. Eleven more party members may only go to a third committee.
    const party = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, category: "party" }))
    const others = Array.from({ length: 30 }, (_, i) => ({ id: `o${i}` }))
    const targets = [
      { id: "hongwei", name: "红卫路街道", categories: { party: { min: 12 } } },
      { id: "ganghua", name: "钢花村街道", categories: { party: { min: 12 } } },
      { id: "wudong", name: "武东街道" },
    ]
    const pairs = [
      ...party.slice(0, 19).flatMap((a) => [
        { agent: a.id, target: "hongwei", cost: 1 },
        { agent: a.id, target: "ganghua", cost: 1 },
      ]),
      ...party.slice(19).map((a) => ({ agent: a.id, target: "wudong", cost: 1 })),
      ...others.flatMap((a) => targets.map((t) => ({ agent: a.id, target: t.id, cost: 1 }))),
    ]
    const r = Assignment.solve({
      agents: [...party, ...others],
      targets,
      pairs,
      forbidden: [],
      locked: [],
      current: [],
      movePenalty: 0,
    })
    expect(Result.isFailure(r) && r.failure._tag).toBe("Infeasible")
    if (Result.isFailure(r) && r.failure._tag === "Infeasible") {
      expect(r.failure.conflicts.map((c) => [c.code, c.targets, c.category, c.shortBy])).toEqual([
        ["demand-obstruction", ["hongwei", "ganghua"], "party", 5],
      ])
      expect(r.failure.conflicts[0]!.message).toBe(
        '红卫路街道 and 钢花村街道 need at least 24 "party" between them; only 19 may go there: lower their categories.party.min (with the builders: minPartyMembers, `tongxin assign --min-party-members`) or allow more pairs to them',
      )
      expect(r.failure.conflicts[0]!.messageZh).toContain(
        "红卫路街道、钢花村街道合计至少需要 24 名“party”，但只有 19 个可以编入",
      )
    }
  })

  // Small random problems: whatever solve names as an obstruction must be one, counted by hand.
  const small = fc
    .record({
      agents: fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }),
      targets: fc.array(
        fc.record({
          min: fc.option(fc.nat(4), { nil: undefined }),
          max: fc.option(fc.nat(4), { nil: undefined }),
          partyMin: fc.option(fc.nat(3), { nil: undefined }),
          partyMax: fc.option(fc.nat(3), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      density: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
      seed: fc.nat(),
    })
    .map(({ agents, targets, density, seed }): AssignmentProblem.Problem => {
      let x = seed
      const rand = () => {
        x = (x * 1103515245 + 12345) % 2147483648
        return x / 2147483648
      }
      return {
        agents: agents.map((p, i) => (p ? { id: `a${i}`, category: "party" } : { id: `a${i}` })),
        targets: targets.map((t, j) => ({
          id: `t${j}`,
          ...(t.min === undefined || (t.max !== undefined && t.min > t.max) ? {} : { min: t.min }),
          ...(t.max === undefined ? {} : { max: t.max }),
          ...(t.partyMin === undefined && t.partyMax === undefined
            ? {}
            : {
                categories: {
                  party: {
                    ...(t.partyMin === undefined || (t.partyMax !== undefined && t.partyMin > t.partyMax)
                      ? {}
                      : { min: t.partyMin }),
                    ...(t.partyMax === undefined ? {} : { max: t.partyMax }),
                  },
                },
              }),
        })),
        pairs: agents.flatMap((_, i) =>
          targets.flatMap((_, j) =>
            rand() < density || j === i % targets.length ? [{ agent: `a${i}`, target: `t${j}`, cost: 1 }] : [],
          ),
        ),
        forbidden: [],
        locked: [],
        current: [],
        movePenalty: 0,
      }
    })

  it("property: a named obstruction is a real one", () => {
    let seen = 0
    fc.assert(
      fc.property(small, (problem) => {
        const r = Assignment.solve(problem)
        if (Result.isSuccess(r) || r.failure._tag !== "Infeasible") return
        for (const c of r.failure.conflicts) {
          if (c.targets === undefined) continue
          seen++
          const inSet = new Set(c.targets)
          const counts = (a: AssignmentProblem.Agent) => c.category === undefined || a.category === c.category
          const bound = (t: AssignmentProblem.Target) =>
            c.category === undefined
              ? t
              : (t.categories as Record<string, { min?: number; max?: number }> | undefined)?.[c.category]
          const targetsOf = (a: AssignmentProblem.Agent) =>
            problem.pairs.filter((p) => p.agent === a.id).map((p) => p.target)
          const listed = problem.targets.filter((t) => inSet.has(t.id))
          if (c.code === "demand-obstruction") {
            const need = listed.reduce((n, t) => n + (bound(t)?.min ?? 0), 0)
            const may = problem.agents.filter((a) => counts(a) && targetsOf(a).some((t) => inSet.has(t))).length
            expect(may, c.message).toBeLessThan(need)
            expect(need - may).toBe(c.shortBy)
          } else {
            const room = listed.reduce((n, t) => n + (bound(t)?.max ?? Number.POSITIVE_INFINITY), 0)
            const stuck = problem.agents.filter((a) => counts(a) && targetsOf(a).every((t) => inSet.has(t))).length
            expect(stuck, c.message).toBeGreaterThan(room)
          }
        }
      }),
      { numRuns: 2_000 },
    )
    // The generator makes enough infeasible problems for the property to mean something.
    expect(seen).toBeGreaterThan(50)
  })
})

describe("check, for problems built in code", () => {
  it("reports what the decoder would, not only integrity", () => {
    const issues = AssignmentProblem.check({
      ...base,
      movePenalty: Number.NaN,
      targets: [{ ...base.targets[0]!, max: 1.5 }, base.targets[1]!],
    })
    expect(issues.map((i) => i.path).sort()).toEqual(["movePenalty", "targets[0].max"])
  })
})
