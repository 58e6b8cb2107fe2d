/**
 * `pnpm demo`: reads a district file (the Qingshan dataset unless `--data <file>` is given), checks
 * it, and prints a bilingual summary. A bad file prints every problem with file, line and path, and
 * exits 1.
 */
import {
  Assignment,
  AssignmentBuilders,
  Coverage,
  CoverageRules,
  type District,
  DistrictIndex,
  DistrictSource,
  Issue,
  Labels,
  Member,
  Period,
  Progress,
  Ranking,
  Scoring,
  WorkingCalendar,
} from "@tongxin/core"
import { Report } from "@tongxin/report"
import * as Result from "effect/Result"
import { readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { datasetPath } from "./dataset.js"
import { type Persisted, persist } from "./persist.js"
import { table } from "./table.js"

const usage = "usage: pnpm demo [-- --data <district.json|district.yaml>] [--store <file.db>]"

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const args = argv.filter((a) => a !== "--")
  // pnpm runs scripts from the workspace root; resolve against where the user typed the command.
  const cwd = process.env["INIT_CWD"] ?? process.cwd()
  let file = datasetPath
  let storeFile = resolve(cwd, ".tongxin/qingshan.db")
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === "--data" || a.startsWith("--data=")) {
      const value = a === "--data" ? args[++i] : a.slice("--data=".length)
      if (value === undefined || value === "") return fail(`--data needs a file path\n${usage}`)
      file = resolve(cwd, value)
    } else if (a === "--store" || a.startsWith("--store=")) {
      const value = a === "--store" ? args[++i] : a.slice("--store=".length)
      if (value === undefined || value === "") return fail(`--store needs a file path\n${usage}`)
      storeFile = resolve(cwd, value)
    } else if (a === "--help" || a === "-h") {
      console.log(usage)
      return 0
    } else return fail(`unknown option ${a}\n${usage}`)
  }
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e)}`)
  }
  const parsed = DistrictSource.parseText(text, { filename: file })
  if (Result.isFailure(parsed)) {
    const { issues } = parsed.failure
    console.error(`✗ ${file}: ${issues.length} 个问题 / ${issues.length} problem${issues.length === 1 ? "" : "s"}`)
    for (const issue of issues) {
      console.error(`  ${Issue.format(issue, "en")}`)
      console.error(
        `  ${" ".repeat(Math.max(0, Issue.format(issue, "en").length - issue.message.length))}${issue.messageZh}`,
      )
    }
    return 1
  }
  printSummary(parsed.success)
  const assigned = assign(parsed.success)
  const stored = await persist(storeFile, assigned.data, assigned.run)
  printStore(stored)
  // From here on the rules read the district as the store gives it back.
  const coverage = printCoverage(stored.data)
  const evaluation = printScores(stored.data)
  const streetRates = printStreetRanking(stored.data)
  const html = Report.render({
    district: stored.data.district,
    units: stored.data.units,
    generatedAt: new Date().toISOString().slice(0, 10),
    coverage,
    evaluation,
    streetRates,
    cases: Report.caseSummary(stored.cases, {
      asOf: "2025-12-31",
      calendar: WorkingCalendar.china2025,
      topics: stored.topics,
    }),
    committees: Report.committeeSizes(stored.data),
  })
  const reportFile = join(dirname(storeFile), "report.html")
  writeFileSync(reportFile, html)
  console.log(`\n报告 Report (${Math.round(html.length / 1024)} KB, 中文): ${reportFile}`)
  return 0
}

const printStore = (s: Persisted) => {
  const c = s.counts.counts
  console.log(`\n存储 Stored in SQLite: ${s.file}`)
  console.log(
    `  导入 Imported ${c.units} 单位 units, ${c.platforms} 平台 platforms, ${c.members} 委员 members, ${c.activities} 活动 activities (${s.counts.attendance} 出勤 attendance rows), ${c.submissions} 提案信息 submissions, ${c.outcomes} 成果 outcomes in ${s.importMs.toFixed(0)} ms`,
  )
  console.log(
    `\n协商议题 Consultation cases (${s.newCases === 0 ? "已存在，未重复创建 already stored, left as they are" : `新建 ${s.newCases} opened`}; ${s.chainsVerified} 条哈希链已验证 hash chains verified)`,
  )
  console.log(
    table(
      ["阶段 Stage", "议题 Cases"],
      s.stages.map((x) => [`${x.labels["zh-CN"]} ${x.labels.en}`, x.cases]),
    ),
  )
  for (const o of s.overdue)
    console.log(
      `  逾期 Overdue: ${o.caseId} — ${o.command} 应于 ${o.due} 前完成 due ${o.due}, 已逾期 ${o.workingDaysLate} 个工作日 working days late (2025-12-31)`,
    )
}

const fail = (message: string): number => {
  console.error(message)
  return 2
}

const percent = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`)

const printSummary = (data: District.DistrictData) => {
  const d = data.district
  const kinds = new Map(d.unitKinds.map((k) => [k.id as string, k]))
  const tierOf = (kind: string) => kinds.get(kind)?.tier
  const unitById = new Map(data.units.map((u) => [u.id as string, u]))
  const streets = data.units.filter((u) => tierOf(u.kind) === "township")
  const grassroots = data.units.filter((u) => tierOf(u.kind) === "village")
  const countBy = <A>(xs: ReadonlyArray<A>, key: (a: A) => string) => {
    const m = new Map<string, number>()
    for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1)
    return m
  }

  console.log(`\n${d.name}${d.nameEn ? ` ${d.nameEn}` : ""}${d.region ? `（${d.region}）` : ""}`)
  console.log("═".repeat(40))

  console.log("\n行政单位与平台 Units and platforms")
  const platformTier = countBy(data.platforms, (p) => tierOf(unitById.get(p.unitId)?.kind ?? "") ?? "other")
  console.log(
    table(
      ["层级 Tier", "单位 Units", "平台 Platforms"],
      [
        ["街道/乡镇 Streets/towns", streets.length, platformTier.get("township") ?? 0],
        ["社区/村 Communities/villages", grassroots.length, platformTier.get("village") ?? 0],
      ],
    ),
  )
  const byKind = countBy(data.units, (u) => u.kind)
  console.log(`  ${[...byKind].map(([k, n]) => `${Labels.both(kinds.get(k)!.labels)} ${n}`).join(" · ")}`)

  const members = data.members
  console.log(`\n委员 Members: ${members.length}`)
  const byLevel = countBy(members, (m) => m.level)
  console.log(
    table(
      ["级别 Level", "人数 Count", "占比 Share"],
      Member.MemberLevel.values
        .filter((l) => byLevel.has(l))
        .map((l) => [
          Labels.both(Member.MemberLevel.labels[l]),
          byLevel.get(l)!,
          percent(byLevel.get(l)!, members.length),
        ]),
    ),
  )
  const party = members.filter((m) => m.partyMember).length
  const standing = members.filter((m) => m.standingCommittee).length
  const chair = members.filter((m) => m.chairmansMeeting).length
  console.log(
    `  中共党员 Party members ${party} (${percent(party, members.length)}) · 常委 Standing committee ${standing} · 主席会议成员 Chairman's meeting ${chair}`,
  )
  console.log("")
  const bySector = countBy(members, (m) => m.sector)
  console.log(
    table(
      ["界别 Sector", "人数 Count", "中共党员 Party"],
      d.sectors
        .filter((s) => bySector.has(s.id))
        .map((s) => [
          Labels.both(s.labels),
          bySector.get(s.id)!,
          members.filter((m) => m.sector === s.id && m.partyMember).length,
        ]),
    ),
  )

  const placed = new Set(data.committees.flatMap((c) => c.memberIds))
  console.log(`\n组织 Organisation`)
  console.log(
    table(
      ["项目 Item", "数量 Count"],
      [
        ["街道联络委 Liaison committees", data.committees.length],
        ["功能型党支部 Party branches", data.partyBranches.length],
        ["委员工作室 Member studios", data.studios.length],
        ["专委会 Special committees", data.specialCommittees.length],
        ["已编入联络委的委员 Members placed in a committee", placed.size],
        ["分片包街 Leader guidance assignments", data.guidance.length],
      ],
    ),
  )
  if (placed.size < members.length) {
    console.log(
      `  尚有 ${members.length - placed.size} 名委员未编入联络委（待分配）/ ${members.length - placed.size} members are not yet placed in a committee (assignment pending)`,
    )
  }

  const attendance = data.activities.reduce((n, a) => n + a.attendance.length, 0)
  const bySubmission = countBy(data.submissions, (s) => s.kind)
  console.log(`\n履职记录 Records`)
  console.log(
    table(
      ["项目 Item", "数量 Count"],
      [
        ["活动 Activities", data.activities.length],
        ["出勤记录 Attendance rows", attendance],
        ["提案 Proposals", bySubmission.get("proposal") ?? 0],
        ["社情民意信息 Social-conditions reports", bySubmission.get("social-conditions") ?? 0],
        ["协商成果 Outcomes", data.outcomes.length],
      ],
    ),
  )
  console.log(`\n✓ 数据校验通过 The district data is valid.`)
}

// The year the data covers: the year most activities fall in (the Qingshan data: 2025).
const dataYear = (data: District.DistrictData): number => {
  const years = new Map<string, number>()
  for (const a of data.activities) years.set(a.date.slice(0, 4), (years.get(a.date.slice(0, 4)) ?? 0) + 1)
  const best = [...years].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0]
  return best === undefined ? new Date().getUTCFullYear() : Number(best[0])
}

const printCoverage = (data: District.DistrictData): Coverage.CoverageReport => {
  const period = Period.year(dataYear(data))
  // Platforms are reported per tier, as districts report them: streets, then communities/villages.
  const rules = [
    {
      ...CoverageRules.platformCoverage.with({ tiers: ["township"] }),
      id: "platforms-streets",
      labels: { "zh-CN": "街道平台覆盖", en: "Platforms in streets" },
    },
    {
      ...CoverageRules.platformCoverage.with({ tiers: ["village"] }),
      id: "platforms-communities",
      labels: { "zh-CN": "社区（村）平台覆盖", en: "Platforms in communities/villages" },
    },
    ...Coverage.builtins.filter((r) => r.id !== "platform-coverage"),
  ]
  const report = Coverage.check(data, { rules, period })
  console.log(`
覆盖情况 Coverage (${period.label})`)
  console.log(
    table(
      ["规则 Rule", "已覆盖 Covered", "总数 Total", "覆盖率 Ratio"],
      report.results.map((r) => [Labels.both(r.labels), r.covered, r.total, percent(r.covered, r.total)]),
    ),
  )
  for (const r of report.results) {
    if (r.gaps.length === 0) continue
    const reasons = new Map<string, number>()
    for (const g of r.gaps) reasons.set(g.reason, (reasons.get(g.reason) ?? 0) + 1)
    const first = r.gaps[0]!
    console.log(
      `  ${r.labels["zh-CN"]}: ${[...reasons].map(([k, n]) => `${k} ×${n}`).join(", ")} — 例 e.g. ${first.message["zh-CN"]} / ${first.message.en}`,
    )
  }
  const shown = report.results.map((r) => r.id)
  console.log(`
街道覆盖率 Coverage by street`)
  console.log(
    table(
      ["街道 Street", ...report.results.map((r) => r.labels["zh-CN"])],
      report.streets.map((s) => [
        s.name,
        ...shown.map((id) => {
          const c = s.results.find((x) => x.ruleId === id)!
          return c.total === 0 ? "—" : `${c.covered}/${c.total}`
        }),
      ]),
    ),
  )
  return report
}

// Places members in committees, leaders on streets and special committees on streets, when the
// data does not already have them, and prints what the assignment engine decided.
const assign = (
  data: District.DistrictData,
): {
  readonly data: District.DistrictData
  readonly run?: { readonly solution: Assignment.Solution; readonly ms: number }
} => {
  let out = data
  let run: { readonly solution: Assignment.Solution; readonly ms: number } | undefined
  if (data.committees.length > 0 && data.committees.every((c) => c.memberIds.length === 0)) {
    const problem = AssignmentBuilders.membersToCommittees(data)
    const t0 = performance.now()
    const result = Assignment.solve(problem)
    const ms = performance.now() - t0
    if (Result.isFailure(result)) {
      console.log(`\n✗ 无法编入委员 Members cannot be placed:`)
      const reasons = result.failure._tag === "Infeasible" ? result.failure.conflicts : result.failure.issues
      for (const c of reasons) console.log(`  ${c.messageZh} / ${c.message}`)
      return { data }
    }
    const solution = result.success
    run = { solution, ms }
    const verified = Assignment.verify(problem, solution).length === 0
    out = AssignmentBuilders.applyCommittees(out, solution)
    const party = new Set(data.members.filter((m) => m.partyMember).map((m) => m.id as string))
    const unitName = new Map(data.units.map((u) => [u.id as string, u.name]))
    // The street each member lives in, for "placed where they live".
    const index = DistrictIndex.make(data)
    const home = new Map(
      data.members.map((m) => [
        m.id as string,
        m.residenceUnitId === undefined ? undefined : index.streetOf(m.residenceUnitId),
      ]),
    )
    const livesHere = (c: District.DistrictData["committees"][number]) =>
      c.memberIds.filter((m) => home.get(m) === c.streetId).length
    const atHome = out.committees.reduce((n, c) => n + livesHere(c), 0)
    console.log(
      `\n委员编入联络委 Members placed in liaison committees (${ms.toFixed(1)} ms, ${verified ? "最优性已验证 optimality verified" : "未通过验证 NOT verified"})`,
    )
    console.log(
      table(
        ["联络委 Committee", "委员 Members", "中共党员 Party", "住在本街道 Live here"],
        out.committees.map((c) => [
          unitName.get(c.streetId) ?? c.name,
          c.memberIds.length,
          c.memberIds.filter((m) => party.has(m)).length,
          livesHere(c),
        ]),
      ),
    )
    console.log(
      `  总成本 Total cost ${solution.objective}; ${atHome}/${solution.placements.length} 名委员编入居住地街道 placed in the street they live in`,
    )
  }
  if (data.guidance.length === 0 && data.members.some((m) => m.chairmansMeeting)) {
    const problem = AssignmentBuilders.leadersToStreets(out)
    const result = Assignment.solve(problem)
    if (Result.isSuccess(result)) {
      out = AssignmentBuilders.applyGuidance(out, result.success)
      const names = new Map(data.members.map((m) => [m.id as string, m.name]))
      const byLeader = new Map<string, Array<string>>()
      for (const p of result.success.placements)
        byLeader.set(p.target, [
          ...(byLeader.get(p.target) ?? []),
          problem.agents.find((a) => a.id === p.agent)!.name ?? p.agent,
        ])
      console.log(`\n主席会议成员分片包街 Leaders guiding streets`)
      console.log(
        table(
          ["主席会议成员 Leader", "包联街道 Streets"],
          [...byLeader].map(([l, s]) => [names.get(l) ?? l, s.join("、")]),
        ),
      )
    }
  }
  if (data.specialCommittees.length > 0 && data.specialCommittees.every((s) => s.streetIds.length === 0)) {
    const result = Assignment.solve(AssignmentBuilders.specialCommitteesToStreets(out))
    if (Result.isSuccess(result)) out = AssignmentBuilders.applySpecialCommittees(out, result.success)
  }
  return run === undefined ? { data: out } : { data: out, run }
}

const printScores = (data: District.DistrictData): Scoring.Evaluation => {
  const period = Period.year(dataYear(data))
  const file = createRequire(import.meta.url).resolve("@tongxin/core/rubrics/qingshan.json")
  const rubric = Result.getOrThrow(
    Scoring.parseRubric(JSON.parse(readFileSync(file, "utf8")), {
      activityTypes: data.district.activityTypes.map((t) => t.id),
    }),
  )
  const evaluation = Scoring.evaluate(rubric, data, { period })
  console.log(`\n履职考评 Evaluation: ${Labels.both(rubric.name)}, ${period.label}`)
  console.log(
    table(
      ["等次 Grade", "人数 Members", "占比 Share"],
      evaluation.distribution.map((d) => [Labels.both(d.labels), d.count, percent(d.count, evaluation.scores.length)]),
    ),
  )
  const lowered = evaluation.scores.filter((s) => s.grade !== s.scoreGrade).length
  if (lowered > 0) console.log(`  其中 ${lowered} 人因未达到基本要求而降等 / ${lowered} lowered for unmet minimums`)
  const top = Ranking.rank(evaluation.scores, { by: (s) => s.total, id: (s) => s.id }).slice(0, 10)
  const gradeLabel = new Map(rubric.grades.map((g) => [g.id, g.labels["zh-CN"]]))
  console.log(`\n前十名 Top ten`)
  console.log(
    table(
      ["名次 Rank", "委员 Member", "总分 Total", "加分 Rewards", "扣分 Deductions", "等次 Grade"],
      top.map((r) => [
        r.rank,
        r.item.name,
        Number(r.item.total.toFixed(2)),
        Number(r.item.rewards.toFixed(2)),
        Number(r.item.deductions.toFixed(2)),
        gradeLabel.get(r.item.grade)!,
      ]),
    ),
  )
  return evaluation
}

const printStreetRanking = (data: District.DistrictData): ReadonlyArray<Progress.GroupRates> => {
  const names = new Map(data.units.map((u) => [u.id as string, u.name]))
  // The gas-pipe campaign: one outcome tree per street, rolled up from its communities.
  const isGasCampaign = (o: { readonly title: string }) => o.title.endsWith("燃气管道老化更新改造")
  const gas = Progress.rates(data, { by: "street", filter: isGasCampaign })
  if (gas.length > 0) {
    console.log(`\n燃气管道老化更新改造进度排名 Gas-pipe renovation progress by street`)
    console.log(
      table(
        ["名次 Rank", "街道 Street", "改造率 Progress"],
        Ranking.rank(gas, { by: (g) => g.progress, id: (g) => g.key }).map((r) => [
          r.rank,
          names.get(r.item.key) ?? r.item.key,
          `${r.value.toFixed(1)}%`,
        ]),
      ),
    )
  }
  const rates = Progress.rates(data, { by: "street", filter: (o) => !isGasCampaign(o) })
  if (rates.length === 0) return rates
  console.log(`\n协商成果办理排名（按办结率）Outcome handling by street, ranked by completion rate`)
  const pct = (f: Progress.Fraction) => (f.total === 0 ? "—" : `${(100 * f.ratio).toFixed(0)}%`)
  console.log(
    table(
      [
        "名次 Rank",
        "街道 Street",
        "成果 Outcomes",
        ...Progress.Rate.values.map((r) => Progress.Rate.labels[r]["zh-CN"]),
      ],
      Ranking.rank(rates, { by: (g) => g.rates.completion.ratio, id: (g) => g.key }).map((r) => [
        r.rank,
        names.get(r.item.key) ?? r.item.key,
        r.item.outcomes,
        ...Progress.Rate.values.map((k) => pct(r.item.rates[k])),
      ]),
    ),
  )
  return rates
}

process.exitCode = await main(process.argv.slice(2))
