// Records with user-chosen keys (an assignment target's category bounds) are data: a category
// called `__proto__`, `constructor` or `toString` bounds its agents like any other, and nothing
// inherited from `Object.prototype` counts as a bound (security review, issue #20).
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { Assignment, AssignmentProblem, Issue } from "../src/index.js"
import { prop } from "./prop.js"

const special = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
  "min",
  "max",
]

// Any name an agent's category may have: the special ones, and any other text without spaces
// around it or characters ids may not hold.
const categoryName = fc.oneof(
  fc.constantFrom(...special),
  fc
    .string({ minLength: 1, maxLength: 12, unit: "grapheme" })
    .filter((s) => s.trim() === s && !/[\p{Cc}\p{Cf}]/u.test(s)),
)

// Agents of category `c` and of another category; the first target takes none of `c` and is the
// cheapest for everyone, so only the bound keeps `c` out of it.
const instance = fc
  .record({
    c: categoryName,
    other: categoryName,
    agents: fc.integer({ min: 1, max: 6 }),
    targets: fc.integer({ min: 1, max: 3 }),
    otherBound: fc.boolean(),
  })
  .filter(({ c, other }) => c !== other)
  .map(({ c, other, agents, targets, otherBound }) => ({
    c,
    // As a file would give it: JSON text, so `__proto__` is a key, not the object's prototype.
    json: JSON.stringify({
      agents: Array.from({ length: agents }, (_, i) => ({ id: `a${i}`, category: i % 2 === 0 ? c : other })),
      targets: Array.from({ length: targets + 1 }, (_, t) => ({
        id: `t${t}`,
        categories: Object.fromEntries([
          ...(t === 0 ? [[c, { max: 0 }]] : []),
          ...(otherBound ? [[other, { min: 0 }]] : []),
        ]),
      })),
      pairs: Array.from({ length: agents }, (_, i) =>
        Array.from({ length: targets + 1 }, (_, t) => ({ agent: `a${i}`, target: `t${t}`, cost: t === 0 ? 0 : t })),
      ).flat(),
    }),
  }))

const inBounded = (problem: AssignmentProblem.Problem, solution: Assignment.Solution, c: string) =>
  solution.placements.filter((p) => p.target === "t0" && problem.agents.find((a) => a.id === p.agent)?.category === c)

describe("records with user-chosen keys", () => {
  prop(
    "a category with max 0 at a target never gets a placement there, whatever its name, and verify agrees",
    [instance],
    ([{ c, json }]) => {
      const problem = Result.getOrThrow(AssignmentProblem.parse(JSON.parse(json)))
      expect(Object.hasOwn(problem.targets[0]!.categories!, c)).toBe(true)
      const solution = Result.getOrThrow(Assignment.solve(problem))
      expect(inBounded(problem, solution, c)).toEqual([])
      expect(Assignment.verify(problem, solution)).toEqual([])
      // A solution that breaks the bound is refused.
      const a0 = solution.placements[0]!
      const broken = {
        ...solution,
        placements: [{ ...a0, target: "t0", cost: 0 }, ...solution.placements.slice(1)],
        objective: solution.objective - a0.cost,
      }
      expect(Assignment.verify(problem, broken).map((v) => v.kind)).toContain("feasibility")
    },
    { fastCheck: { numRuns: 300 } },
  )

  it("keeps a `__proto__` category as a key when decoding, with its bound", () => {
    const parsed = AssignmentProblem.parse(
      JSON.parse(`{
        "agents": [{ "id": "a", "category": "__proto__" }],
        "targets": [{ "id": "x", "categories": { "__proto__": { "max": 0 } } }, { "id": "y" }],
        "pairs": [{ "agent": "a", "target": "x", "cost": 0 }, { "agent": "a", "target": "y", "cost": 5 }]
      }`),
    )
    const problem = Result.getOrThrow(parsed)
    const categories = problem.targets[0]!.categories!
    expect(Object.keys(categories)).toEqual(["__proto__"])
    const solution = Result.getOrThrow(Assignment.solve(problem))
    expect(solution.placements.map((p) => p.target)).toEqual(["y"])
    expect(Assignment.verify(problem, solution)).toEqual([])
  })

  it("refuses bounds held in a prototype (`{ __proto__: … }` in JavaScript), and solve refuses them too", () => {
    // What `{ __proto__: { max: 0 } }` written in JavaScript gives: a prototype, not a key.
    const inherited = Object.create({ party: { max: 0 } }) as NonNullable<AssignmentProblem.Target["categories"]>
    const problem: AssignmentProblem.Problem = {
      agents: [{ id: "a", category: "party" }],
      targets: [{ id: "x", categories: inherited }, { id: "y" }],
      pairs: [
        { agent: "a", target: "x", cost: 0 },
        { agent: "a", target: "y", cost: 5 },
      ],
      forbidden: [],
      locked: [],
      current: [],
      movePenalty: 0,
    }
    const parsed = AssignmentProblem.parse(problem)
    for (const issues of [AssignmentProblem.check(problem), Result.isFailure(parsed) ? parsed.failure.issues : []]) {
      expect(issues.map((i) => [i.path, i.code])).toEqual([["targets[0].categories", "inherited-categories"]])
      expect(issues[0]!.message).toContain('write { ["__proto__"]: … }')
    }
    // Built in code and given to solve: refused the same way, never solved with a hidden bound.
    const refused = Assignment.solve(problem)
    expect(Result.isFailure(refused) && refused.failure._tag).toBe("AssignmentProblemError")
    // conflicts reads own keys only, as decoding would have it.
    expect(Assignment.conflicts(problem)).toEqual([])
    // A null-prototype record is a plain record.
    const bare = Object.assign(Object.create(null), { party: { max: 0 } }) as typeof inherited
    const plain = { ...problem, targets: [{ id: "x", categories: bare }, { id: "y" }] }
    expect(AssignmentProblem.check(plain)).toEqual([])
    expect(Result.getOrThrow(Assignment.solve(plain)).placements.map((p) => p.target)).toEqual(["y"])
  })

  it("is not fooled by members added to Object.prototype", () => {
    const problem: AssignmentProblem.Problem = {
      agents: [
        { id: "a", category: "party" },
        { id: "b", category: "toString" },
      ],
      targets: [
        { id: "x", max: 2, categories: {} },
        { id: "y", max: 2 },
      ],
      pairs: ["a", "b"].flatMap((agent) => [
        { agent, target: "x", cost: 0 },
        { agent, target: "y", cost: 1 },
      ]),
      forbidden: [],
      locked: [],
      current: [],
      movePenalty: 0,
    }
    const clean = Result.getOrThrow(Assignment.solve(problem))
    // Say a dependency polluted the prototype: a bound nobody wrote must not appear.
    Object.defineProperty(Object.prototype, "party", { value: { max: 0, min: 0 }, configurable: true })
    try {
      const polluted = Assignment.solve(problem)
      expect(Result.isSuccess(polluted) && polluted.success.placements).toEqual(clean.placements)
      expect(Assignment.verify(problem, clean)).toEqual([])
      expect(Assignment.conflicts(problem)).toEqual([])
    } finally {
      delete (Object.prototype as { party?: unknown }).party
    }
    expect(clean.placements.map((p) => p.target)).toEqual(["x", "x"])
  })

  it("names a category key in issue paths so that the path reads back", () => {
    for (const c of ["__proto__", 'say "hi"', "a.b", "类别"]) {
      const r = AssignmentProblem.parse({
        agents: [{ id: "a" }],
        targets: [{ id: "x", categories: { [c]: { min: 2, max: 1 } } }],
        pairs: [{ agent: "a", target: "x", cost: 0 }],
      })
      const issue = Result.isFailure(r) ? r.failure.issues.find((i) => i.code === "min-above-max") : undefined
      expect(issue && Issue.parsePath(issue.path)).toEqual(["targets", 0, "categories", c, "min"])
    }
  })
})
