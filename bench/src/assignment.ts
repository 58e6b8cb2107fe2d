// The assignment engine against HiGHS (the LP solver a user would otherwise reach for) on the same
// instances: members → committees with balanced sizes (±2) and at least 3 party members each. Each
// solver runs in its own child process so its peak memory is its own; both must reach the same
// optimum.
import { Assignment, AssignmentProblem } from "@tongxin/core"
import { execFileSync } from "node:child_process"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"

export interface Size {
  readonly agents: number
  readonly targets: number
  /** Allowed targets per agent; all when undefined (dense). */
  readonly perAgent?: number
}

export const sizes: ReadonlyArray<Size> = [
  { agents: 233, targets: 10 },
  { agents: 2_000, targets: 100 },
  { agents: 20_000, targets: 1_000, perAgent: 20 },
  { agents: 100_000, targets: 5_000, perAgent: 20 },
]

export const instance = (size: Size, seed = 7): AssignmentProblem.Problem => {
  let s = seed >>> 0
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
  const { agents: A, targets: T } = size
  const agents = Array.from({ length: A }, (_, i) => ({ id: `a${i}`, category: rnd() < 0.45 ? "party" : "other" }))
  const per = A / T
  const targets = Array.from({ length: T }, (_, j) => ({
    id: `t${j}`,
    min: Math.max(0, Math.floor(per) - 2),
    max: Math.ceil(per) + 2,
    categories: { party: { min: 3 } },
  }))
  const pairs: Array<{ agent: string; target: string; cost: number }> = []
  for (let i = 0; i < A; i++) {
    if (size.perAgent === undefined) {
      for (let j = 0; j < T; j++) pairs.push({ agent: `a${i}`, target: `t${j}`, cost: Math.floor(rnd() * 101) })
    } else {
      // Targets near the agent's "home" target, as geography would give.
      const home = Math.floor(rnd() * T)
      const seen = new Set<number>()
      while (seen.size < size.perAgent) seen.add((home + Math.floor(rnd() * size.perAgent * 3)) % T)
      for (const j of seen) pairs.push({ agent: `a${i}`, target: `t${j}`, cost: Math.floor(rnd() * 101) })
    }
  }
  return { agents, targets, pairs, forbidden: [], locked: [], current: [], movePenalty: 0 }
}

// The LP a HiGHS user writes: one column per allowed pair.
export const toLp = (p: AssignmentProblem.Problem): string => {
  const out: Array<string> = ["Minimize", " obj:"]
  const byAgent = new Map<string, Array<number>>()
  const byTarget = new Map<string, Array<number>>()
  const party = new Set(p.agents.filter((a) => a.category === "party").map((a) => a.id))
  const partyByTarget = new Map<string, Array<number>>()
  let line = ""
  p.pairs.forEach((x, i) => {
    line += ` + ${x.cost} x${i}`
    if (line.length > 200) {
      out.push(line)
      line = ""
    }
    const a = byAgent.get(x.agent) ?? []
    a.push(i)
    byAgent.set(x.agent, a)
    const t = byTarget.get(x.target) ?? []
    t.push(i)
    byTarget.set(x.target, t)
    if (party.has(x.agent)) {
      const pt = partyByTarget.get(x.target) ?? []
      pt.push(i)
      partyByTarget.set(x.target, pt)
    }
  })
  out.push(line, "Subject To")
  const row = (name: string, vars: ReadonlyArray<number>, rel: string) => {
    const chunks: Array<string> = []
    for (let k = 0; k < vars.length; k += 50)
      chunks.push(
        vars
          .slice(k, k + 50)
          .map((v) => `x${v}`)
          .join(" + "),
      )
    out.push(` ${name}: ${chunks.join("\n + ")} ${rel}`)
  }
  // Rows are named by position: ids may hold characters the LP format does not allow in names.
  p.agents.forEach((a, i) => {
    row(`a${i}`, byAgent.get(a.id) ?? [], "= 1")
  })
  p.targets.forEach((t, j) => {
    const vars = byTarget.get(t.id) ?? []
    if ((t.min ?? 0) > 0) row(`l${j}`, vars, `>= ${t.min}`)
    if (t.max !== undefined) row(`u${j}`, vars, `<= ${t.max}`)
    row(`p${j}`, partyByTarget.get(t.id) ?? [], `>= ${t.categories?.["party"]?.min ?? 0}`)
  })
  // x ≤ 1 follows from each agent's row (Σ x = 1, x ≥ 0, the default bound): no Bounds section.
  out.push("End")
  return out.join("\n")
}

// Child process entry: `worker <solver> <size index>` prints one JSON line.
export const worker = async (solver: string, sizeIndex: number) => {
  const problem = instance(sizes[sizeIndex]!)
  const baseline = process.resourceUsage().maxRSS
  let ms = 0
  let objective = NaN
  let buildMs = 0
  // tongxin-json only: JSON.parse of the text, and the solve after AssignmentProblem.parse (buildMs).
  let jsonMs = 0
  let solveMs = 0
  let peak = baseline
  if (solver === "tongxin" || solver === "tongxin-warm") {
    // Cold: the first solve in a fresh process. Warm, as a long-running service sees it: the median
    // of several solves after a first one.
    const t0 = performance.now()
    let result = Assignment.solve(problem)
    ms = performance.now() - t0
    if (solver === "tongxin-warm") {
      const times: Array<number> = []
      for (let k = 0; k < (problem.agents.length <= 233 ? 60 : problem.agents.length <= 2_000 ? 15 : 3); k++) {
        const t1 = performance.now()
        result = Assignment.solve(problem)
        times.push(performance.now() - t1)
      }
      ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
    }
    if (result._tag === "Failure") throw new Error(result.failure.message)
    objective = result.success.objective
    // The peak so far is the solver's; checking the certificate below builds maps of its own.
    peak = process.resourceUsage().maxRSS
    const violations = Assignment.verify(problem, result.success)
    if (violations.length > 0) throw new Error(`certificate does not verify: ${violations[0]!.message}`)
  } else if (solver === "tongxin-json") {
    // What a user of a file or an HTTP body waits for: JSON text to a checked problem to the answer.
    const text = JSON.stringify(problem)
    const once = () => {
      const t0 = performance.now()
      const json: unknown = JSON.parse(text)
      const t1 = performance.now()
      const parsed = AssignmentProblem.parse(json)
      const t2 = performance.now()
      if (parsed._tag === "Failure") throw new Error(parsed.failure.message)
      const solved = Assignment.solve(parsed.success)
      if (solved._tag === "Failure") throw new Error(solved.failure.message)
      const t3 = performance.now()
      return { json: t1 - t0, parse: t2 - t1, solve: t3 - t2, total: t3 - t0, objective: solved.success.objective }
    }
    once()
    const times = Array.from({ length: problem.agents.length <= 2_000 ? 9 : 3 }, once).sort((a, b) => a.total - b.total)
    const median = times[Math.floor(times.length / 2)]!
    ms = median.total
    buildMs = median.parse
    jsonMs = median.json
    solveMs = median.solve
    objective = median.objective
  } else if (solver === "highs") {
    const t0 = performance.now()
    const lp = toLp(problem)
    buildMs = performance.now() - t0
    const highs = await (
      createRequire(import.meta.url)("highs") as () => Promise<{
        solve: (lp: string) => { Status: string; ObjectiveValue: number }
      }>
    )()
    const t1 = performance.now()
    let r: { Status: string; ObjectiveValue: number }
    try {
      r = highs.solve(lp)
    } catch (e) {
      console.log(
        JSON.stringify({
          error: `HiGHS failed: ${e instanceof Error ? e.message : String(e)}`,
          lpMb: Math.round(lp.length / 2 ** 20),
        }),
      )
      return
    }
    ms = performance.now() - t1
    peak = process.resourceUsage().maxRSS
    if (r.Status !== "Optimal") throw new Error(`HiGHS: ${r.Status}`)
    objective = r.ObjectiveValue
  }
  console.log(
    JSON.stringify({
      ms,
      buildMs,
      jsonMs,
      solveMs,
      objective,
      peakMb: Math.round(peak / 1024),
      extraMb: Math.round((peak - baseline) / 1024),
    }),
  )
}

interface Run {
  readonly ms: number
  readonly buildMs: number
  readonly jsonMs: number
  readonly solveMs: number
  readonly objective: number
  readonly extraMb: number
  readonly error?: string
}

export const run = (largest: number) => {
  console.log("\nAssignment: members → committees, balanced ±2, ≥3 party members per committee")
  console.log(
    "  size                        Tongxin ms (warm)   HiGHS ms   ratio   JSON→answer ms (JSON.parse + parse + solve)   parse÷solve   LP text→answer ms   ratio   Tongxin MB*  HiGHS MB*   optimum",
  )
  const self = fileURLToPath(import.meta.url)
  sizes.slice(0, largest).forEach((size, i) => {
    const call = (solver: string): Run =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [...process.execArgv, self.replace(/assignment\.ts$/, "assignment-worker.ts"), solver, String(i)],
          {
            encoding: "utf8",
            maxBuffer: 1 << 20,
          },
        ).trim(),
      ) as Run
    // Best of three for the small sizes, one run for the big ones (HiGHS takes seconds there).
    const runs = size.agents <= 2_000 ? 3 : 1
    const best = (solver: string) => Array.from({ length: runs }, () => call(solver)).sort((a, b) => a.ms - b.ms)[0]!
    const ours = best("tongxin")
    const warm = best("tongxin-warm")
    const lp = best("highs")
    const json = best("tongxin-json")
    const label = `${size.agents.toLocaleString()}×${size.targets.toLocaleString()}${size.perAgent === undefined ? " dense" : `, ${size.perAgent}/agent`}`
    const fromJson = `${json.ms.toFixed(1).padStart(14)} (${json.jsonMs.toFixed(1)} + ${json.buildMs.toFixed(1)} + ${json.solveMs.toFixed(1)})`
    const parseRatio = `${(json.buildMs / json.solveMs).toFixed(2)}×`
    if (lp.error !== undefined) {
      console.log(
        `  ${label.padEnd(26)} ${ours.ms.toFixed(1).padStart(10)} (${warm.ms.toFixed(1)})   ${lp.error}; Tongxin optimum ${ours.objective}, verified by its certificate, ${ours.extraMb} MB; JSON→answer ${fromJson}, parse÷solve ${parseRatio}`,
      )
      return
    }
    if (Math.abs(ours.objective - lp.objective) > 1e-6 * Math.max(1, Math.abs(lp.objective))) {
      throw new Error(`optimum differs at ${label}: Tongxin ${ours.objective}, HiGHS ${lp.objective}`)
    }
    console.log(
      `  ${label.padEnd(26)} ${ours.ms.toFixed(1).padStart(10)} (${warm.ms.toFixed(1).padStart(7)}) ${lp.ms.toFixed(1).padStart(10)} ${(lp.ms / ours.ms).toFixed(1).padStart(6)}× ${fromJson.padEnd(44)} ${parseRatio.padStart(12)} ${lp.ms.toFixed(1).padStart(19)} ${(lp.ms / json.ms).toFixed(1).padStart(6)}× ${String(ours.extraMb).padStart(11)} ${String(lp.extraMb).padStart(10)}   ${ours.objective} (same)`,
    )
  })
  console.log(
    "  * memory the solve added to the process's peak RSS. Tongxin's time includes checking the problem, building the network and",
  )
  console.log(
    "    solving, in a fresh process (warm: the median of repeated solves in one process); HiGHS's excludes building its LP text.",
  )
  console.log(
    "    JSON→answer: JSON.parse of the problem's text, AssignmentProblem.parse and solve (warm median, each part in brackets), against",
  )
  console.log("    HiGHS reading its LP text and solving: what a user waits for from a file to the answer.")
}
