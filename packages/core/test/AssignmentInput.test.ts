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
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])))
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
