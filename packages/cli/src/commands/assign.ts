/**
 * `tongxin assign`: places every member of the stored district in a street liaison committee
 * (min-cost flow: near where they live and work, sizes balanced, enough party members for each
 * committee's functional branch), verifies the solution is optimal, and writes it back.
 */
import { Assignment, AssignmentBuilders, type District, DistrictIndex, Store } from "@tongxin/core"
import * as Command from "effect/cli/Command"
import * as Flag from "effect/cli/Flag"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { type CliError, inputError, orCliError } from "../internal/errors.js"
import { common, dryRun } from "../internal/options.js"
import { interactive, printJson, progress, table } from "../internal/output.js"
import { type Session, withDistrict } from "../internal/store.js"

/** What an assignment did. */
export interface Assigned {
  readonly district: string
  readonly runId: string | null
  readonly objective: number
  readonly verified: boolean
  readonly members: number
  readonly placedAtHome: number
  readonly committees: ReadonlyArray<{
    readonly id: string
    readonly name: string
    readonly streetId: string
    readonly members: number
    readonly partyMembers: number
    readonly liveHere: number
  }>
  readonly ms: number
}

export interface AssignOptions {
  readonly dryRun: boolean
  readonly minPartyMembers: number
  readonly balance: number
  readonly json: boolean
}

/** Solves, verifies and (unless a dry run) writes the committees and the run. */
export const run = (session: Session, options: AssignOptions): Effect.Effect<Assigned, CliError, Store.Store> =>
  Effect.gen(function* () {
    const { data } = session
    if (data.committees.length === 0) {
      return yield* inputError(`the district "${data.district.id}" has no liaison committees to place members in`, {
        details: ["add committees (one per street) to the district file and import it again"],
      })
    }
    const bar = progress("编入 Assigning", 3, interactive(options.json))
    yield* bar.step(`solving for ${data.members.length} members and ${data.committees.length} committees`)
    const problem = AssignmentBuilders.membersToCommittees(data, {
      minPartyMembers: options.minPartyMembers,
      balance: options.balance,
    })
    const t0 = performance.now()
    const result = Assignment.solve(problem)
    const ms = performance.now() - t0
    if (Result.isFailure(result)) {
      yield* bar.done
      const failure = result.failure
      // A problem the options made invalid (a negative minimum, …) is refused before solving.
      const reasons = failure._tag === "Infeasible" ? failure.conflicts : failure.issues
      return yield* inputError(
        failure._tag === "Infeasible"
          ? "the members cannot be placed: the constraints contradict each other / 无法编入委员"
          : "the assignment options give an invalid problem / 编入选项构成的问题无效",
        { details: reasons.map((c) => `${c.message} / ${c.messageZh}`) },
      )
    }
    const solution = result.success
    yield* bar.step("verifying optimality")
    const verified = Assignment.verify(problem, solution).length === 0
    const placed = AssignmentBuilders.applyCommittees(data, solution)
    const createdAt = new Date().toISOString()
    const runId = `members-to-committees-${createdAt.replace(/[-:.]/g, "")}`
    if (!options.dryRun) {
      yield* bar.step(`writing to ${session.target.display}`)
      yield* orCliError(
        Effect.gen(function* () {
          const store = yield* Store.Store
          yield* store.transaction(
            Effect.gen(function* () {
              yield* store.upsert(data.district.id, "committees", placed.committees)
              yield* store.saveAssignmentRun(data.district.id, {
                id: runId,
                kind: "members-to-committees",
                createdAt,
                objective: solution.objective,
                placements: solution.placements.map((p) => ({ agent: p.agent, target: p.target })),
                meta: { solveMs: Math.round(ms * 10) / 10, verified },
              })
            }),
          )
        }),
      ).pipe(Effect.ensuring(bar.done))
    }
    yield* bar.done
    const committees = summarise(data, placed)
    return {
      district: data.district.id,
      runId: options.dryRun ? null : runId,
      objective: solution.objective,
      verified,
      members: solution.placements.length,
      placedAtHome: committees.reduce((n, c) => n + c.liveHere, 0),
      committees,
      ms,
    }
  })

const summarise = (data: District.DistrictData, placed: District.DistrictData): Assigned["committees"] => {
  const party = new Set(data.members.filter((m) => m.partyMember).map((m) => m.id as string))
  const index = DistrictIndex.make(data)
  const home = new Map(
    data.members.map((m) => [
      m.id as string,
      m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId),
    ]),
  )
  return placed.committees.map((c) => ({
    id: c.id,
    name: c.name,
    streetId: c.streetId,
    members: c.memberIds.length,
    partyMembers: c.memberIds.filter((m) => party.has(m)).length,
    liveHere: c.memberIds.filter((m) => home.get(m) === c.streetId).length,
  }))
}

export const print = (r: Assigned, json: boolean): Effect.Effect<void> =>
  json
    ? printJson({
        ok: true,
        district: r.district,
        runId: r.runId,
        objective: r.objective,
        verified: r.verified,
        members: r.members,
        placedAtHome: r.placedAtHome,
        committees: r.committees,
      })
    : Effect.gen(function* () {
        yield* Console.log(
          `委员编入联络委 Members placed in liaison committees (${r.ms.toFixed(1)} ms, ${r.verified ? "最优性已验证 optimality verified" : "未通过验证 NOT verified"})`,
        )
        yield* Console.log(
          table(
            ["联络委 Committee", "委员 Members", "中共党员 Party", "住在本街道 Live here"],
            r.committees.map((c) => [c.name, c.members, c.partyMembers, c.liveHere]),
          ),
        )
        yield* Console.log(
          `  总成本 Total cost ${r.objective}; ${r.placedAtHome}/${r.members} 名委员编入居住地街道 placed in the street they live in`,
        )
        yield* Console.log(
          r.runId === null
            ? "  试运行，未写入 Dry run: nothing written"
            : `  已保存 Saved as assignment run ${r.runId}`,
        )
      })

export const command = Command.make(
  "assign",
  {
    ...common,
    dryRun,
    minPartyMembers: Flag.Int("min-party-members").pipe(
      Flag.withMetavar("n"),
      Flag.withDescription(
        "At least this many party members in each committee, to form its functional party branch (default 3).",
      ),
      Flag.withDefault(3),
    ),
    balance: Flag.Int("balance").pipe(
      Flag.withMetavar("n"),
      Flag.withDescription("Committee sizes stay within ±n of an even share (default 2)."),
      Flag.withDefault(2),
    ),
  },
  (o) =>
    withDistrict(o, (session) =>
      Effect.gen(function* () {
        const r = yield* run(session, {
          dryRun: o.dryRun,
          minPartyMembers: o.minPartyMembers,
          balance: o.balance,
          json: o.json,
        })
        yield* print(r, o.json)
      }),
    ),
).pipe(
  Command.withDescription(
    "Place every member of the stored district in a street liaison committee: near where they live and work, sizes balanced, at least --min-party-members party members each. The solution is verified optimal, the committees are written back and the run is saved (unless --dry-run). Exits 1 when the constraints cannot all be met, listing the conflicts.",
  ),
  Command.withShortDescription("Place every member in a street liaison committee"),
)
