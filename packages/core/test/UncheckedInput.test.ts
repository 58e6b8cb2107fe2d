// Data and rubrics typed in code but not what their types say (issue #20, "wrong answers made
// impossible"): the rules refuse them with every problem named, instead of answering wrongly.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import {
  Assignment,
  AssignmentProblem,
  Coverage,
  CoverageRules,
  District,
  DistrictIndex,
  Period,
  Progress,
  Rubric,
  Scoring,
} from "../src/index.js"

const year = Period.year(2025)
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"))
const qingshan = Result.getOrThrow(District.parse(read("../../../examples/qingshan/data/qingshan.json")))
const rubric = Result.getOrThrow(Scoring.parseRubric(read("../rubrics/qingshan.json")))

const thrown = (f: () => unknown): unknown => {
  try {
    f()
  } catch (e) {
    return e
  }
  throw new Error("expected it to throw")
}

describe("district data that does not have its type's shape", () => {
  // `"false"` is a string, and truthy: counted as a party member if nothing checked it.
  const lying = {
    ...qingshan,
    members: qingshan.members.map((m, i) => (i === 3 ? { ...m, partyMember: "false" as never } : m)),
  }

  it("is refused by every rule, naming the field", () => {
    for (const run of [
      () => Coverage.check(lying, { rules: Coverage.builtins, period: year }),
      () => Scoring.evaluate(rubric, lying, { period: year }),
      () => Progress.rates(lying, { by: "street" }),
      () => DistrictIndex.make(lying),
    ]) {
      const e = thrown(run)
      expect(e).toBeInstanceOf(District.DistrictError)
      expect((e as District.DistrictError).issues.map((i) => i.path)).toEqual(["members[3].partyMember"])
    }
  })

  it("is accepted when right, parsed or not, with the same answer", () => {
    const copy = { ...qingshan, members: [...qingshan.members] }
    expect(() => District.assertShape(copy)).not.toThrow()
    expect(Coverage.check(copy, { rules: Coverage.builtins, period: year })).toEqual(
      Coverage.check(qingshan, { rules: Coverage.builtins, period: year }),
    )
  })
})

describe("a rubric that does not have its type's shape", () => {
  const lying = {
    ...rubric,
    categories: rubric.categories.map((c, i) => (i === 0 ? { ...c, cap: "10" as never } : c)),
  }

  it("is refused by Scoring.evaluate and Scoring.explain, naming the field", () => {
    for (const run of [
      () => Scoring.evaluate(lying, qingshan, { period: year }),
      () => Scoring.explain(lying, qingshan, qingshan.members[0]!.id, { period: year }),
    ]) {
      const e = thrown(run)
      expect(e).toBeInstanceOf(Rubric.RubricError)
      expect((e as Rubric.RubricError).issues.map((i) => i.path)).toEqual(["categories[0].cap"])
    }
  })

  it("is accepted when right, parsed or not", () => {
    const copy = { ...rubric }
    expect(Scoring.evaluate(copy, qingshan, { period: year }).scores).toEqual(
      Scoring.evaluate(rubric, qingshan, { period: year }).scores,
    )
  })
})

describe("a period built in code", () => {
  const lying = { kind: "range", label: "bad", start: "2025-13-01", end: "2025-02-30" } as unknown as Period.Period
  const backwards = { ...year, start: year.end, end: year.start }

  it("is refused by every rule, saying what is wrong", () => {
    for (const run of [
      (p: Period.Period) => Coverage.check(qingshan, { rules: Coverage.builtins, period: p }),
      (p: Period.Period) => Scoring.evaluate(rubric, qingshan, { period: p }),
      (p: Period.Period) => Progress.rates(qingshan, { by: "street", period: p }),
    ]) {
      expect(() => run(lying)).toThrow(
        'the period "bad": start "2025-13-01" is not a date (YYYY-MM-DD); end "2025-02-30" is not a date (YYYY-MM-DD)',
      )
      expect(() => run(backwards)).toThrow("start 2025-12-31 is after end 2025-01-01")
    }
  })

  it("Period.year takes four-digit whole years only; Period.parse never throws", () => {
    for (const y of [2025.5, Number.NaN, -1, 10_000]) expect(() => Period.year(y)).toThrow(RangeError)
    expect(Period.year(0).start).toBe("0000-01-01")
    expect(Result.isSuccess(Period.parse("0000"))).toBe(true)
  })
})

describe("rule parameters given in code", () => {
  it("are checked by with(), which names every problem", () => {
    expect(() => CoverageRules.platformCoverage.with({ tiers: ["county" as never] })).toThrow(
      'rule platform-coverage: the parameters given to with() are not valid:\n  - tiers[0]: must be one of township, village, other; got "county"',
    )
    expect(() => CoverageRules.memberMinimums.with({} as never)).toThrow(
      /levels: is required but missing\n {2}- requirements: is required but missing/,
    )
    expect(CoverageRules.platformCoverage.with({ tiers: ["village"] }).params).toEqual({ tiers: ["village"] })
  })
})

describe("an assignment problem", () => {
  const problem = {
    agents: [{ id: "a" }, { id: "b" }],
    targets: [
      { id: "x", max: 1 },
      { id: "y", max: 1 },
    ],
    pairs: [
      { agent: "a", target: "x", cost: 1 },
      { agent: "a", target: "y", cost: 2 },
      { agent: "b", target: "x", cost: 1 },
      { agent: "b", target: "y", cost: 1 },
    ],
  }

  it("parsed once is remembered, so solve does not check it again; built in code, it is checked", () => {
    const parsed = Result.getOrThrow(AssignmentProblem.parse(problem))
    expect(Result.getOrThrow(AssignmentProblem.parse(parsed))).toBe(parsed)
    expect(Result.getOrThrow(Assignment.solve(parsed)).objective).toBe(2)
    const negative = { ...parsed, pairs: parsed.pairs.map((p, i) => (i === 0 ? { ...p, cost: -5 } : p)) }
    const e = Assignment.solve(negative)
    expect(Result.isFailure(e) && e.failure._tag).toBe("AssignmentProblemError")
  })
})
