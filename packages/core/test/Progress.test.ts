import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import * as Result from "effect/Result"
import { District, type Ids, type Outcome, Progress, Ranking } from "../src/index.js"

const outcome = (id: string, progress: number, extra: Partial<Outcome.Outcome> = {}): Outcome.Outcome => ({
  id: id as Ids.OutcomeId,
  title: id,
  handlingUnit: "燃气集团",
  status: progress === 100 ? "completed" : "in-progress",
  progress,
  assignedOn: "2025-03-01" as never,
  implemented: false,
  milestones: [],
  ...extra,
})

describe("Progress.rollUp", () => {
  it("takes the weighted mean of children, or the plain mean without weights", () => {
    const tree = [
      outcome("gas", 0),
      outcome("gas-1", 90, { parentId: "gas" as Ids.OutcomeId, weight: 400 }),
      outcome("gas-2", 70, { parentId: "gas" as Ids.OutcomeId, weight: 300 }),
      outcome("gas-3", 65, { parentId: "gas" as Ids.OutcomeId, weight: 200 }),
      outcome("gas-4", 60, { parentId: "gas" as Ids.OutcomeId, weight: 100 }),
      outcome("plain", 0),
      outcome("plain-1", 10, { parentId: "plain" as Ids.OutcomeId }),
      outcome("plain-2", 40, { parentId: "plain" as Ids.OutcomeId, weight: 5 }),
    ]
    const p = Progress.rollUp(tree)
    expect(p.get("gas" as Ids.OutcomeId)).toBeCloseTo(76, 12) // Yejin's 76%
    expect(p.get("plain" as Ids.OutcomeId)).toBe(25)
    expect(p.get("gas-1" as Ids.OutcomeId)).toBe(90)
  })

  const tree = fc
    .array(
      fc.record({
        progress: fc.integer({ min: 0, max: 100 }),
        weight: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
        parent: fc.nat(),
      }),
      { minLength: 1, maxLength: 25 },
    )
    .map((rows) =>
      rows.map((r, i) =>
        outcome(`o${i}`, r.progress, {
          ...(i > 0 ? { parentId: `o${r.parent % i}` as Ids.OutcomeId } : {}),
          ...(r.weight === undefined ? {} : { weight: r.weight }),
        }),
      ),
    )

  it("a roll-up lies between its children's min and max", () =>
    fc.assert(
      fc.property(tree, (outcomes) => {
        const p = Progress.rollUp(outcomes)
        for (const o of outcomes) {
          const kids = outcomes.filter((k) => k.parentId === o.id).map((k) => p.get(k.id)!)
          if (kids.length === 0) expect(p.get(o.id)).toBe(o.progress)
          else {
            expect(p.get(o.id)!).toBeGreaterThanOrEqual(Math.min(...kids))
            expect(p.get(o.id)!).toBeLessThanOrEqual(Math.max(...kids))
          }
        }
      }),
    ))
})

describe("Progress.rates on the Qingshan data", () => {
  const data = Result.getOrThrow(
    District.parse(
      JSON.parse(readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8")),
    ),
  )

  it("ranks Yejin first in gas-pipe renovation, at 76%", () => {
    const gas = Progress.rates(data, { by: "street", filter: (o) => o.id.startsWith("o-gas-") })
    const ranked = Ranking.rank(gas, { by: (g) => g.progress, id: (g) => g.key })
    expect(ranked[0]!.item.key).toBe("street-yejin")
    expect(ranked[0]!.value).toBeCloseTo(76, 9)
    expect(ranked[0]!.rank).toBe(1)
    expect(gas).toHaveLength(10)
  })

  it("computes the five rates per street as fractions of its outcomes", () => {
    const rates = Progress.rates(data, { by: "street", filter: (o) => !o.id.startsWith("o-gas-") })
    for (const g of rates) {
      const own = data.outcomes.filter((o) => o.unitId === g.key && !o.id.startsWith("o-gas-"))
      expect(g.outcomes).toBe(own.length)
      expect(g.rates.completion.count).toBe(own.filter((o) => o.status === "completed").length)
      expect(g.rates.feedback.count).toBe(own.filter((o) => o.feedbackOn !== undefined).length)
      for (const r of Progress.Rate.values) expect(g.rates[r].ratio).toBeGreaterThanOrEqual(0)
    }
    const byHandler = Progress.rates(data, { by: "handling-unit" })
    expect(byHandler.reduce((n, g) => n + g.outcomes, 0)).toBe(
      data.outcomes.filter((o) => o.parentId === undefined).length,
    )
  })
})
