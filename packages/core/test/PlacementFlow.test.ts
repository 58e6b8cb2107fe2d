import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as PlacementFlow from "../src/internal/placementFlow.js"
import { seeded } from "./seeded.js"

// Small trees (root, 1–3 targets, 0–2 groups under each; targets numbered before their groups) with
// up to 7 agents of 1–3 arcs each: few enough placements (at most 3^7) to try them all.
const network = fc
  .record({
    targets: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
    agents: fc.integer({ min: 1, max: 7 }),
    candidates: fc.integer({ min: 0, max: 3 }),
    // Large costs go through coarse rounds first (costs cut to a tenth) and warm starts.
    largest: fc.constantFrom(6, 5_000, 10 ** 9),
    // Costs sharing a factor are solved divided by it.
    unit: fc.constantFrom(1, 1_000),
    seed: fc.integer(),
  })
  .map(({ targets, agents: A, candidates, largest, unit, seed }) => {
    const { int } = seeded(seed)
    const parent: Array<number> = []
    const nodes: Array<number> = [] // non-root nodes, each target before its groups
    targets.forEach((groups) => {
      const t = parent.length
      parent.push(-1) // the root, filled in below
      nodes.push(t)
      for (let g = 0; g < groups; g++) {
        parent.push(t)
        nodes.push(parent.length - 1)
      }
    })
    const R = parent.length + 1
    const lower = new Float64Array(R)
    const upper = new Float64Array(R)
    for (let r = 0; r < R - 1; r++) {
      if (parent[r] === -1) parent[r] = R - 1
      lower[r] = int(0, 2) === 0 ? int(1, 2) : 0
      upper[r] = int(0, 2) === 0 ? Infinity : lower[r]! + int(0, 4)
    }
    const arcStart = [0]
    const arcHead: Array<number> = []
    const arcCost: Array<number> = []
    for (let a = 0; a < A; a++) {
      const heads = new Set(Array.from({ length: int(1, 3) }, () => nodes[int(0, nodes.length - 1)]!))
      for (const h of heads) {
        arcHead.push(h)
        arcCost.push(int(0, largest) * unit)
      }
      arcStart.push(arcHead.length)
    }
    return {
      agents: A,
      nodes: R,
      parent: Int32Array.from([...parent, -1]),
      lower,
      upper,
      arcStart: Int32Array.from(arcStart),
      arcHead: Int32Array.from(arcHead),
      arcCost: Float64Array.from(arcCost),
      candidates,
    } satisfies PlacementFlow.Network
  })

// The cheapest feasible placement by trying every one, or undefined when none is feasible.
const bruteForce = (net: PlacementFlow.Network): number | undefined => {
  let best: number | undefined
  const choice = new Int32Array(net.agents)
  const visit = (a: number) => {
    if (a === net.agents) {
      const flow = new Float64Array(net.nodes)
      let cost = 0
      for (let i = 0; i < net.agents; i++) {
        flow[net.arcHead[choice[i]!]!]!++
        cost += net.arcCost[choice[i]!]!
      }
      // Children come after their parents, so a backwards sweep adds each subtree up.
      for (let r = net.nodes - 2; r >= 0; r--) {
        if (flow[r]! < net.lower[r]! || flow[r]! > net.upper[r]!) return
        if (net.parent[r] !== net.nodes - 1) flow[net.parent[r]!]! += flow[r]!
      }
      if (best === undefined || cost < best) best = cost
      return
    }
    for (let k = net.arcStart[a]!; k < net.arcStart[a + 1]!; k++) {
      choice[a] = k
      visit(a + 1)
    }
  }
  visit(0)
  return best
}

describe("PlacementFlow.solve", () => {
  it("finds the cheapest placement there is, or none exactly when none exists, with potentials that prove it", () => {
    fc.assert(
      fc.property(network, (net) => {
        const expected = bruteForce(net)
        const result = PlacementFlow.solve(net)
        expect(result.status).toBe(expected === undefined ? "infeasible" : "optimal")
        if (expected === undefined) {
          expect(result.unrouted).toBeGreaterThan(0)
          return
        }
        let cost = 0
        const flow = new Float64Array(net.nodes)
        const pi = result.potential
        for (let a = 0; a < net.agents; a++) {
          const e = result.arc[a]!
          expect(e >= net.arcStart[a]! && e < net.arcStart[a + 1]!).toBe(true)
          cost += net.arcCost[e]!
          flow[net.arcHead[e]!]!++
          // The agent's potential makes its arc's reduced cost 0; no other arc of it may be cheaper.
          const value = net.arcCost[e]! - pi[net.arcHead[e]!]!
          for (let k = net.arcStart[a]!; k < net.arcStart[a + 1]!; k++)
            expect(net.arcCost[k]! - pi[net.arcHead[k]!]!).toBeGreaterThanOrEqual(value)
        }
        expect(cost).toBe(expected)
        for (let r = net.nodes - 2; r >= 0; r--) {
          const p = net.parent[r]!
          if (p !== net.nodes - 1) flow[p]! += flow[r]!
          const reduced = pi[r]! - pi[p]!
          if (flow[r]! < net.upper[r]!) expect(reduced).toBeGreaterThanOrEqual(0)
          if (flow[r]! > net.lower[r]!) expect(reduced).toBeLessThanOrEqual(0)
        }
      }),
      { numRuns: 1500 },
    )
  })

  it("calls an agent with no arcs infeasible rather than placing it anywhere", () => {
    const result = PlacementFlow.solve({
      agents: 2,
      nodes: 2,
      parent: Int32Array.from([1, -1]),
      lower: Float64Array.from([0, 0]),
      upper: Float64Array.from([Infinity, 0]),
      arcStart: Int32Array.from([0, 1, 1]),
      arcHead: Int32Array.from([0]),
      arcCost: Float64Array.from([0]),
      candidates: 0,
    })
    expect(result.status).toBe("infeasible")
    expect(result.unrouted).toBe(1)
  })
})
