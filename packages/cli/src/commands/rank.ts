/**
 * `tongxin rank`: the members of the stored district ranked by their evaluation total.
 */
import * as Command from "effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { common, period, resolvePeriod, rubric, top } from "../internal/options.js"
import { both, printJson } from "../internal/output.js"
import { withDistrict } from "../internal/store.js"
import { evaluate, rankTable, rankedJson, ranking } from "./score.js"

export const command = Command.make("rank", { ...common, rubric, period, top: top(20) }, (o) =>
  withDistrict(o, (session) =>
    Effect.gen(function* () {
      const p = yield* resolvePeriod(o.period, session.data)
      const e = yield* evaluate(session, { rubric: o.rubric, period: p, json: o.json, save: false })
      const ranked = ranking(e)
      const shown = o.top > 0 ? ranked.slice(0, o.top) : ranked
      if (o.json) {
        return yield* printJson({
          ok: true,
          district: session.data.district.id,
          rubric: { id: e.rubric.id, name: { "zh-CN": e.rubric.name["zh-CN"], en: e.rubric.name.en } },
          period: e.period.label,
          subjects: e.scores.length,
          ranking: shown.map(rankedJson),
        })
      }
      yield* Console.log(`排名 Ranking: ${both(e.rubric.name)}, ${e.period.label} (${shown.length}/${ranked.length})`)
      yield* Console.log(rankTable(e, shown))
    }),
  ),
).pipe(
  Command.withDescription(
    "Rank the members of the stored district by their total under a rubric for a period (competition ranking: tied members share a rank, ties listed by id). --top 0 lists everyone. Writes nothing.",
  ),
  Command.withShortDescription("Rank the members by their total under a rubric"),
)
