/**
 * The demo's storage part: the district goes into the embedded SQLite store, the assignment is
 * kept as a run, a year of consultation cases (simulate.ts) runs through the standard workflow and
 * the gas-renovation plugin, and what the rules read comes back out of the store. Re-running changes nothing: the import replaces
 * the district with the same data, and cases that exist are left as they are.
 */
import {
  type Assignment,
  type District,
  type Ids,
  Outcomes,
  PluginHost,
  Store,
  Workflow,
  WorkingCalendar,
} from "@tongxin/core"
import { gasRenovation } from "@tongxin/example-plugin-gas-renovation"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import { articleCases, gasCases, streetCases } from "./simulate.js"

// The standard workflow and the gas-renovation plugin's.
const registry = Result.getOrThrow(PluginHost.make([gasRenovation()]))
const engine = registry.engine()
const activityTypes = registry.activityTypes.map((t) => t.id)
const office = { id: "qingshan-cppcc-office", name: "区政协办公室", roles: ["office"] }

/** What the demo prints about the store. */
export interface Persisted {
  readonly file: string
  readonly importMs: number
  readonly counts: Store.ImportSummary
  /** The district as the store gives it back, placements included. */
  readonly data: District.DistrictData
  readonly stages: ReadonlyArray<{
    readonly stage: string
    readonly labels: { readonly "zh-CN": string; readonly en: string }
    readonly cases: number
  }>
  readonly overdue: ReadonlyArray<Workflow.Overdue>
  readonly chainsVerified: number
  readonly newCases: number
  /** The cases as the engine loads them, and their topics, for the report. */
  readonly cases: ReadonlyArray<{ readonly definition: Workflow.Any; readonly state: Workflow.CaseState }>
  readonly topics: { readonly [caseId: string]: string }
}

/** Writes everything into the SQLite file and reads the district back. */
export const persist = (
  file: string,
  assigned: District.DistrictData,
  run: { readonly solution: Assignment.Solution; readonly ms: number } | undefined,
): Promise<Persisted> => {
  mkdirSync(dirname(file), { recursive: true })
  const program = Effect.gen(function* () {
    const store = yield* Store.Store
    const d = assigned.district.id
    // The import replaces the district's collections; outcome items that cases created are not in
    // the dataset, so carry them over.
    const document = yield* Outcomes.withCaseOutcomes(assigned)
    const t0 = performance.now()
    const counts = yield* store.importDistrict(document, { activityTypes })
    const importMs = performance.now() - t0
    if (run !== undefined) {
      yield* store.saveAssignmentRun(d, {
        id: "members-to-committees",
        kind: "members-to-committees",
        createdAt: new Date().toISOString(),
        objective: run.solution.objective,
        placements: run.solution.placements.map((p) => ({ agent: p.agent, target: p.target })),
        meta: { solveMs: Math.round(run.ms * 10) / 10 },
      })
    }
    let newCases = 0
    const scripts = [...articleCases, ...streetCases(assigned), ...gasCases(assigned)]
    for (const c of scripts) {
      const caseId = c.id as Ids.CaseId
      if ((yield* store.readCase(d, caseId)).length > 0) continue
      newCases++
      const record = {
        id: caseId,
        topic: c.topic,
        source: c.source,
        workflow: c.workflow,
        openedOn: c.openedAt.slice(0, 10) as never,
        ...(c.unitId !== undefined ? { unitId: c.unitId as Ids.UnitId } : {}),
      }
      yield* engine.open(d, record, office, { at: c.openedAt })
      for (const [command, actor, payload, at] of c.steps)
        yield* engine.dispatch(d, caseId, { type: command, payload }, actor, { at })
      const outcomeId = `o-${c.id}` as Ids.OutcomeId
      if (c.progress !== undefined && Option.isSome(yield* store.get(d, "outcomes", outcomeId))) {
        const on = (c.steps.at(-1)?.[3] ?? c.openedAt).slice(0, 10) as never
        yield* Outcomes.recordProgress(d, { outcomeId, progress: c.progress, on })
      }
    }
    const loaded = yield* Effect.forEach(scripts, (c) => engine.load(d, c.id as Ids.CaseId))
    // Stages of every workflow, in each workflow's order.
    const stages = registry.workflows.flatMap((def) =>
      Object.entries(def.stages)
        .map(([stage, s]) => ({
          stage,
          // Stages of plugin workflows carry the workflow's name: both workflows have a "closed".
          labels:
            def.id === "consultation"
              ? s.labels
              : { "zh-CN": `${def.labels["zh-CN"]}·${s.labels["zh-CN"]}`, en: `${s.labels.en} (${def.labels.en})` },
          cases: loaded.filter((l) => l.definition.id === def.id && l.state.stage === stage).length,
        }))
        .filter((s) => s.cases > 0),
    )
    const overdue = Workflow.overdue(loaded, "2025-12-31" as never, WorkingCalendar.china2025)
    const data = Option.getOrThrow(yield* store.loadDistrict(d))
    const topics = Object.fromEntries(scripts.map((c) => [c.id, c.topic]))
    return {
      file,
      importMs,
      counts,
      data,
      stages,
      overdue,
      chainsVerified: loaded.length,
      newCases,
      cases: loaded,
      topics,
    } satisfies Persisted
  })
  return Effect.runPromise(program.pipe(Effect.provide(SqliteStore.layer({ filename: file }))))
}
