// An independent LP solver for the assignment properties: the same problem written as a linear
// program for HiGHS (WebAssembly). The constraint matrix is a network matrix, so the LP optimum is
// the integer optimum.
import type { AssignmentProblem } from "../src/index.js"
import { createRequire } from "node:module"

type Highs = { solve: (lp: string) => { Status: string; ObjectiveValue: number } }
let instance: Promise<Highs> | undefined
export const highs = (): Promise<Highs> =>
  (instance ??= (createRequire(import.meta.url)("highs") as () => Promise<Highs>)())

export const toLp = (problem: AssignmentProblem.Problem): string => {
  const forbidden = new Set(problem.forbidden.map((p) => `${p.agent}\u0000${p.target}`))
  const locked = new Map(problem.locked.map((p) => [p.agent, p.target]))
  const current = new Map(problem.current.map((p) => [p.agent, p.target]))
  const vars = problem.pairs
    .filter(
      (p) =>
        !forbidden.has(`${p.agent}\u0000${p.target}`) && (!locked.has(p.agent) || locked.get(p.agent) === p.target),
    )
    .map((p, i) => ({
      ...p,
      name: `x${i}`,
      c: p.cost + (current.has(p.agent) && current.get(p.agent) !== p.target ? problem.movePenalty : 0),
    }))
  const category = new Map(problem.agents.map((a) => [a.id, a.category ?? ""]))
  const sum = (xs: ReadonlyArray<{ name: string }>) => (xs.length === 0 ? "z" : xs.map((x) => x.name).join(" + "))
  const rows: Array<string> = []
  problem.agents.forEach((a, i) => {
    rows.push(` a${i}: ${sum(vars.filter((v) => v.agent === a.id))} = 1`)
  })
  problem.targets.forEach((t, i) => {
    const here = vars.filter((v) => v.target === t.id)
    if ((t.min ?? 0) > 0) rows.push(` tl${i}: ${sum(here)} >= ${t.min}`)
    if (t.max !== undefined) rows.push(` tu${i}: ${sum(here)} <= ${t.max}`)
    Object.entries(t.categories ?? {}).forEach(([c, b], j) => {
      const hc = here.filter((v) => category.get(v.agent) === c)
      if ((b.min ?? 0) > 0) rows.push(` cl${i}_${j}: ${sum(hc)} >= ${b.min}`)
      if (b.max !== undefined) rows.push(` cu${i}_${j}: ${sum(hc)} <= ${b.max}`)
    })
  })
  problem.locked.forEach((l, i) => {
    const v = vars.find((x) => x.agent === l.agent && x.target === l.target)
    rows.push(` l${i}: ${v ? v.name : "z"} = 1`)
  })
  const objective = vars.length === 0 ? "0 z" : vars.map((v) => `${v.c} ${v.name}`).join(" + ")
  return [
    "Minimize",
    ` obj: ${objective}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...vars.map((v) => ` 0 <= ${v.name} <= 1`),
    " 0 <= z <= 0",
    "End",
  ].join("\n")
}
