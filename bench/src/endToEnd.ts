// End to end at S, M and L (see country.ts) on SQLite and PostgreSQL: each district is generated,
// imported, loaded back, assigned (members → committees, the run saved), checked for coverage,
// scored (the evaluation saved) and ranked; then all members are ranked together. One district is
// in memory at a time. Baselines from the same run: the raw drivers for the import (every
// district), HiGHS for the assignment and SQL in SQLite for coverage, scoring and the national
// ranking (on a sample of districts, Tongxin timed on the same ones).
import {
  Assignment,
  AssignmentBuilders,
  type AssignmentProblem,
  Coverage,
  CoverageRules,
  type District,
  Period,
  Ranking,
  Scoring,
  Store,
} from "@tongxin/core"
import { PgStore } from "@tongxin/store-postgres"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { cpus, tmpdir, totalmem } from "node:os"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import pg from "pg"
import { toLp } from "./assignment.js"
import { type Size, districts, profiles, records } from "./country.js"
import { peakRssMb } from "./measure.js"
import * as Raw from "./raw.js"
import { benchRubric } from "./scoring.js"
import { grassrootsTotalSql, load, memberMinimumsSql, platformGapsSql, scoringSql } from "./sqlite.js"

const period = Period.year(2025)
const params = { start: period.start, end: period.end }

/** One stage of one run: totals over all districts, and the baseline where one applies. */
export interface StageResult {
  readonly stage: string
  readonly records: number
  readonly ms: number
  readonly peakRssMb: number
  readonly baseline?: {
    readonly label: string
    /** "all" districts, or how many were sampled. */
    readonly districts: number | "all"
    readonly ms: number
    /** Tongxin's time on the same districts. */
    readonly tongxinMs: number
  }
}

export interface RunResult {
  readonly size: Size
  readonly adapter: "sqlite" | "postgres"
  readonly districts: number
  readonly records: number
  readonly attendance: number
  readonly wallMs: number
  readonly peakRssMb: number
  readonly stages: ReadonlyArray<StageResult>
}

// Stage accumulators: time, records, the highest RSS seen right after the stage's step.
class Stage {
  ms = 0
  records = 0
  peak = 0
  base?: { label: string; districts: number | "all"; ms: number; tongxinMs: number }
  constructor(readonly name: string) {}
  time<A>(records: number, f: () => A): A {
    const t0 = performance.now()
    const a = f()
    this.add(performance.now() - t0, records)
    return a
  }
  async timeAsync<A>(records: number, f: () => Promise<A>): Promise<A> {
    const [a, ms] = await elapsedAsync(f)
    this.add(ms, records)
    return a
  }
  add(ms: number, records: number) {
    this.ms += ms
    this.records += records
    this.peak = Math.max(this.peak, process.memoryUsage.rss())
  }
  baseline(label: string, districts: number | "all", ms: number, tongxinMs: number) {
    this.base ??= { label, districts, ms: 0, tongxinMs: 0 }
    this.base.districts = districts
    this.base.ms += ms
    this.base.tongxinMs += tongxinMs
  }
  result(): StageResult {
    const ms = (x: number) => Math.round(x * 10) / 10
    return {
      stage: this.name,
      records: this.records,
      ms: ms(this.ms),
      peakRssMb: Math.round(this.peak / 2 ** 20),
      ...(this.base === undefined
        ? {}
        : { baseline: { ...this.base, ms: ms(this.base.ms), tongxinMs: ms(this.base.tongxinMs) } }),
    }
  }
}

// A line every tenth of a long run, so a national run shows it is alive.
const progress = (what: string, done: number, of: number) => {
  if (of >= 100 && done % Math.floor(of / 10) === 0)
    console.log(`  … ${what} ${done.toLocaleString("en")} of ${of.toLocaleString("en")} districts`)
}

const elapsed = <A>(f: () => A): readonly [A, number] => {
  const t0 = performance.now()
  const a = f()
  return [a, performance.now() - t0]
}

const elapsedAsync = async <A>(f: () => Promise<A>): Promise<readonly [A, number]> => {
  const t0 = performance.now()
  const a = await f()
  return [a, performance.now() - t0]
}

const run = <A, E>(e: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(e)

interface Adapter {
  readonly name: "sqlite" | "postgres"
  readonly layer: Layer.Layer<Store.Store, unknown>
  /** The raw driver writing a district into its own copy of the tables. */
  readonly rawImport: (data: District.DistrictData) => Promise<void>
  readonly close: () => Promise<void>
}

const sqliteAdapter = async (dir: string): Promise<Adapter> => {
  const layer = SqliteStore.layer({ filename: join(dir, "tongxin.db") })
  const rawFile = join(dir, "raw.db")
  // The raw copy gets the adapter's own tables from its migrations.
  await run(Effect.scoped(Layer.build(SqliteStore.layer({ filename: rawFile }))))
  const db = new DatabaseSync(rawFile)
  db.exec("PRAGMA journal_mode = WAL")
  db.exec("PRAGMA foreign_keys = ON")
  return {
    name: "sqlite",
    layer,
    rawImport: async (data) => Raw.sqliteImport(db, data),
    close: async () => void db.close(),
  }
}

const postgresAdapter = async (url: string, rawUrl: string): Promise<Adapter> => {
  await run(Effect.scoped(Layer.build(PgStore.layer({ url: rawUrl }))))
  const client = new pg.Client({ connectionString: rawUrl })
  client.on("error", () => undefined)
  await client.connect()
  return {
    name: "postgres",
    layer: PgStore.layer({ url }),
    rawImport: (data) => Raw.pgImport(client, data),
    close: () => client.end(),
  }
}

type Highs = { solve: (lp: string) => { Status: string; ObjectiveValue: number } }

const runOne = async (size: Size, adapter: Adapter, highs: Highs): Promise<RunResult> => {
  const t0 = performance.now()
  const scope = await run(Scope.make())
  const store = Context.get(
    await run(Layer.buildWithScope(adapter.layer, scope) as Effect.Effect<Context.Context<Store.Store>>),
    Store.Store,
  )
  const n = profiles[size].districts
  // Baselines on about 25 districts spread over the run (all of them at S).
  const every = Math.max(1, Math.floor(n / 25))
  const stages = {
    generate: new Stage("generate (not Tongxin: the benchmark's own data)"),
    import: new Stage("import (importDistrict, checks included)"),
    load: new Stage("load back (loadDistrict)"),
    assign: new Stage("assign members → committees, save the run"),
    coverage: new Stage("coverage (9 built-in rules)"),
    scoring: new Stage("scoring (evaluate, save the evaluation)"),
    ranking: new Stage("ranking (per district)"),
    national: new Stage("national ranking (all members)"),
  }
  const ids: Array<string> = []
  let attendance = 0
  let total = 0
  // 1. Generate and import, one district at a time.
  const source = districts(size)
  for (;;) {
    const [next, genMs] = elapsed(() => source.next())
    if (next.done === true) break
    const data = next.value
    const rows = records(data)
    stages.generate.add(genMs, rows)
    const [summary, importMs] = await elapsedAsync(() => run(store.importDistrict(data)))
    stages.import.add(importMs, rows)
    const [, rawMs] = await elapsedAsync(() => adapter.rawImport(data))
    stages.import.baseline(
      adapter.name === "sqlite" ? "raw node:sqlite prepared inserts" : "raw pg COPY",
      "all",
      rawMs,
      importMs,
    )
    ids.push(data.district.id)
    attendance += summary.attendance
    total += rows
    progress("imported", ids.length, n)
  }
  // 2. Per district: load, assign, coverage, scoring, ranking.
  const everyone: Array<{ id: string; total: number }> = []
  const samples = Math.ceil(ids.length / every)
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    const sampled = i % every === 0
    const [loaded, loadMs] = await elapsedAsync(() =>
      run(store.loadDistrict(id as District.DistrictData["district"]["id"])),
    )
    const data = Option.getOrThrow(loaded)
    const rows = records(data)
    stages.load.add(loadMs, rows)
    let problem!: AssignmentProblem.Problem
    const placed = await stages.assign.timeAsync(data.members.length, async () => {
      problem = AssignmentBuilders.membersToCommittees(data)
      const solved = Assignment.solve(problem)
      if (solved._tag === "Failure") throw new Error(`${id}: ${solved.failure.message}`)
      await run(
        store.saveAssignmentRun(data.district.id, {
          id: `committees-${period.label}`,
          kind: "members-to-committees",
          createdAt: "2025-12-31T00:00:00Z",
          objective: solved.success.objective,
          placements: solved.success.placements.map((p) => ({ agent: p.agent, target: p.target })),
          meta: {},
        }),
      )
      return solved.success
    })
    if (sampled) {
      // The solve alone against HiGHS's solve alone (its LP text is built untimed).
      const [, tongxinMs] = elapsed(() => Assignment.solve(problem))
      const lp = toLp(problem)
      const [answer, highsMs] = elapsed(() => highs.solve(lp))
      if (
        answer.Status !== "Optimal" ||
        Math.abs(answer.ObjectiveValue - placed.objective) > 1e-6 * Math.max(1, Math.abs(answer.ObjectiveValue))
      ) {
        throw new Error(`${id}: HiGHS ${answer.Status} ${answer.ObjectiveValue}, Tongxin ${placed.objective}`)
      }
      stages.assign.baseline("HiGHS (highs npm), same optimum", samples, highsMs, tongxinMs)
    }
    const assigned = AssignmentBuilders.applyCommittees(data, placed)
    stages.coverage.time(rows, () => Coverage.check(assigned, { rules: Coverage.builtins, period }))
    const evaluation = await stages.scoring.timeAsync(rows, async () => {
      const e = Scoring.evaluate(benchRubric, assigned, { period })
      await run(
        store.saveEvaluation(data.district.id, {
          rubricId: benchRubric.id,
          period: period.label,
          computedAt: "2025-12-31T00:00:00Z",
          results: e.scores.map((s) => ({ id: s.id, total: s.total, grade: s.grade })),
        }),
      )
      return e
    })
    stages.ranking.time(evaluation.scores.length, () =>
      Ranking.rank(evaluation.scores, { by: (s) => s.total, id: (s) => s.id }),
    )
    for (const s of evaluation.scores) everyone.push({ id: `${id}/${s.id}`, total: s.total })
    if (sampled) sqlBaselines(id, assigned, evaluation, stages, samples)
    progress("analysed", i + 1, n)
  }
  // 3. Everyone in one ranking, against SQL's RANK() over the same totals.
  const ranked = stages.national.time(everyone.length, () =>
    Ranking.rank(everyone, { by: (s) => s.total, id: (s) => s.id }),
  )
  const db = new DatabaseSync(":memory:")
  db.exec("CREATE TABLE totals (id TEXT PRIMARY KEY, total REAL)")
  const insert = db.prepare("INSERT INTO totals VALUES (?, ?)")
  db.exec("BEGIN")
  for (const s of everyone) insert.run(s.id, s.total)
  db.exec("COMMIT")
  const [sqlRanks, sqlMs] = elapsed(
    () =>
      db.prepare("SELECT id, RANK() OVER (ORDER BY total DESC) AS r FROM totals").all() as Array<{
        id: string
        r: number
      }>,
  )
  const byId = new Map(ranked.map((r) => [r.item.id, r.rank]))
  for (const r of sqlRanks)
    if (byId.get(r.id) !== r.r) throw new Error(`national ranking differs at ${r.id}: ${byId.get(r.id)} vs SQL ${r.r}`)
  db.close()
  stages.national.baseline("SQL RANK() OVER in SQLite", "all", sqlMs, stages.national.ms)
  await run(Scope.close(scope, Exit.void))
  return {
    size,
    adapter: adapter.name,
    districts: ids.length,
    records: total,
    attendance,
    wallMs: Math.round(performance.now() - t0),
    peakRssMb: peakRssMb(),
    stages: Object.values(stages).map((s) => s.result()),
  }
}

// Coverage (platform-coverage, member-minimums) and scoring as SQL over one district loaded into
// SQLite with indexes (loading not timed), Tongxin timed on the same district; same answers required.
const sqlBaselines = (
  id: string,
  data: District.DistrictData,
  evaluation: Scoring.Evaluation,
  stages: { coverage: Stage; scoring: Stage },
  sampled: number,
) => {
  const db = load(data, false)
  const [ours, coverageMs] = elapsed(() =>
    Coverage.check(data, { rules: [CoverageRules.platformCoverage, CoverageRules.memberMinimums], period }),
  )
  const [sql, sqlMs] = elapsed(() => ({
    gaps: db.prepare(platformGapsSql).all(params).length,
    total: db.prepare(grassrootsTotalSql).get(),
    minimums: db.prepare(memberMinimumsSql).all(params).length,
  }))
  if (ours.results[0]!.gaps.length !== sql.gaps || ours.results[1]!.gaps.length !== sql.minimums)
    throw new Error(`${id}: coverage differs from SQL`)
  stages.coverage.baseline("SQL in SQLite (platform-coverage + member-minimums)", sampled, sqlMs, coverageMs)
  const [, scoringMs] = elapsed(() => Scoring.evaluate(benchRubric, data, { period }))
  const [totals, scoringSqlMs] = elapsed(
    () => db.prepare(scoringSql).all(params) as Array<{ id: string; total: number }>,
  )
  const expected = new Map(evaluation.scores.map((s) => [s.id, s.total]))
  for (const t of totals)
    if (Math.abs(expected.get(t.id)! - t.total) > 1e-6) throw new Error(`${id}: score of ${t.id} differs from SQL`)
  stages.scoring.baseline("SQL in SQLite (same rubric)", sampled, scoringSqlMs, scoringMs)
  db.close()
}

const seconds = (ms: number) => (ms < 1_000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`)

/** The run as a table: per stage, time, rows/s, peak RSS, and the baseline's ratio. */
export const print = (r: RunResult) => {
  console.log(
    `\n${r.size} on ${r.adapter}: ${r.districts.toLocaleString("en")} district(s), ${r.records.toLocaleString("en")} records (${r.attendance.toLocaleString("en")} attendance rows); wall ${seconds(r.wallMs)}, peak RSS ${r.peakRssMb} MiB`,
  )
  console.log(
    `  ${"stage".padEnd(50)} ${"time".padStart(9)} ${"records/s".padStart(12)} ${"RSS MiB".padStart(8)}   baseline (same run; ratio = Tongxin's time / the baseline's)`,
  )
  for (const s of r.stages) {
    const rate = s.ms > 0 ? Math.round(s.records / (s.ms / 1000)).toLocaleString("en") : "—"
    const b = s.baseline
    // The ratio is Tongxin's time over the baseline's: below 1 means Tongxin is faster.
    const base =
      b === undefined
        ? ""
        : `${b.label}${b.districts === "all" ? "" : ` (${b.districts} sampled district${b.districts === 1 ? "" : "s"})`}: ${seconds(b.ms)}, Tongxin ${seconds(b.tongxinMs)}, ratio ${(b.tongxinMs / Math.max(b.ms, 1e-9)).toFixed(2)}×`
    console.log(
      `  ${s.stage.padEnd(50)} ${seconds(s.ms).padStart(9)} ${rate.padStart(12)} ${String(s.peakRssMb).padStart(8)}   ${base}`,
    )
  }
}

const resultsDir = fileURLToPath(new URL("../results/", import.meta.url))

/** Adds the runs to `bench/results/<date>.json`, replacing earlier runs of the same size and adapter that day. */
export const save = (runs: ReadonlyArray<RunResult>): string => {
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}.json`)
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { runs: Array<RunResult> }).runs : []
  const kept = before.filter((b) => !runs.some((r) => r.size === b.size && r.adapter === b.adapter))
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  }
  writeFileSync(file, `${JSON.stringify({ machine, runs: [...kept, ...runs] }, null, 2)}\n`)
  return file
}

/** `pnpm bench e2e [--size S,M,L] [--adapter sqlite,postgres]`. */
export const runAll = async (sizes: ReadonlyArray<Size>, adapters: ReadonlyArray<"sqlite" | "postgres">) => {
  const highs = await (createRequire(import.meta.url)("highs") as () => Promise<Highs>)()
  const pgUp = adapters.includes("postgres") && (await Raw.pgReachable())
  if (adapters.includes("postgres") && !pgUp)
    console.log(`\nPostgreSQL: no server at ${Raw.pgUrl} (set TONGXIN_PG_URL); skipped`)
  const results: Array<RunResult> = []
  for (const size of sizes) {
    console.log(`\nEnd to end, size ${size}: ${profiles[size].description}`)
    if (adapters.includes("sqlite")) {
      const dir = mkdtempSync(join(tmpdir(), "tongxin-e2e-"))
      const adapter = await sqliteAdapter(dir)
      try {
        results.push(await runOne(size, adapter, highs))
        print(results.at(-1)!)
      } finally {
        await adapter.close()
        rmSync(dir, { recursive: true, force: true })
      }
    }
    if (pgUp) {
      await Raw.withThrowawayDatabase((url) =>
        Raw.withThrowawayDatabase(async (rawUrl) => {
          const adapter = await postgresAdapter(url, rawUrl)
          try {
            results.push(await runOne(size, adapter, highs))
            print(results.at(-1)!)
          } finally {
            await adapter.close()
          }
        }),
      )
    }
  }
  console.log(`\nresults written to ${save(results)}`)
}
