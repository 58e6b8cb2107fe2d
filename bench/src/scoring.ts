// Scoring 10,000,000 attendance and submission records over 100,000 members (at scale 1) with a
// rubric that has caps, a joint-author split and a deduction floor, against (a) a hand-written
// typed-array loop computing the same capped totals from the same objects and (b) the same rubric as
// SQL in SQLite. All three must agree on every member's total.
import { type District, Period, type Rubric, Scoring } from "@tongxin/core"
import * as Result from "effect/Result"
import { performance } from "node:perf_hooks"
import { measure, peakRssMb, report } from "./measure.js"
import { generate } from "./national.js"
import { load, scoringSql } from "./sqlite.js"

const period = Period.year(2025)
const meetingTypes = ["liaison-meeting", "training"]
const consultTypes = ["consultation", "research", "inspection"]

export const benchRubric: Rubric.Rubric = Result.getOrThrow(
  Scoring.parseRubric({
    id: "bench",
    name: { "zh-CN": "基准办法", en: "Benchmark rubric" },
    categories: [
      {
        id: "meetings",
        labels: { "zh-CN": "会议", en: "Meetings" },
        cap: 20,
        items: [
          {
            id: "meeting",
            labels: { "zh-CN": "会议", en: "Meeting" },
            select: { from: "attendance", types: meetingTypes, statuses: ["present", "late"] },
            points: 2,
          },
        ],
      },
      {
        id: "consultations",
        labels: { "zh-CN": "协商调研", en: "Consultation and research" },
        cap: 30,
        items: [
          {
            id: "consult",
            labels: { "zh-CN": "协商", en: "Consult" },
            select: { from: "attendance", types: consultTypes, statuses: ["present", "late"] },
            points: 3,
          },
        ],
      },
      {
        id: "proposals",
        labels: { "zh-CN": "提案", en: "Proposals" },
        cap: 25,
        items: [
          {
            id: "proposal",
            labels: { "zh-CN": "提案", en: "Proposal" },
            select: { from: "submissions", kinds: ["proposal"] },
            points: 10,
            split: { policy: "first-share", firstShare: 0.5 },
          },
        ],
      },
      {
        id: "reports",
        labels: { "zh-CN": "信息", en: "Reports" },
        cap: 15,
        items: [
          {
            id: "report",
            labels: { "zh-CN": "信息", en: "Report" },
            select: { from: "submissions", kinds: ["social-conditions"] },
            points: 5,
            split: { policy: "equal" },
          },
        ],
      },
    ],
    deductions: {
      labels: { "zh-CN": "扣分", en: "Deductions" },
      floor: -10,
      categories: [
        {
          id: "absence",
          labels: { "zh-CN": "缺席", en: "Absence" },
          items: [
            {
              id: "absent",
              labels: { "zh-CN": "缺席", en: "Absent" },
              select: { from: "attendance", statuses: ["unexcused"] },
              points: -2,
            },
          ],
        },
      ],
    },
    grades: [
      { id: "pass", labels: { "zh-CN": "合格", en: "Pass" }, min: 60 },
      { id: "fail", labels: { "zh-CN": "不合格", en: "Fail" }, below: 60 },
    ],
  }),
)

// What a developer would write by hand for this one rubric: typed arrays, one pass each.
export const handWritten = (data: District.DistrictData): Float64Array => {
  const slot = new Map<string, number>()
  data.members.forEach((m, i) => {
    slot.set(m.id, i)
  })
  const n = data.members.length
  const meetings = new Float64Array(n)
  const consult = new Float64Array(n)
  const absent = new Float64Array(n)
  const proposals = new Float64Array(n)
  const reports = new Float64Array(n)
  const meetingSet = new Set(meetingTypes)
  const consultSet = new Set(consultTypes)
  for (const a of data.activities) {
    if (a.date < period.start || a.date > period.end) continue
    const isMeeting = meetingSet.has(a.type)
    const isConsult = consultSet.has(a.type)
    for (const r of a.attendance) {
      const i = slot.get(r.memberId)
      if (i === undefined) continue
      const attended = r.status === "present" || r.status === "late"
      if (attended && isMeeting) meetings[i]! += 2
      if (attended && isConsult) consult[i]! += 3
      if (r.status === "unexcused") absent[i]! -= 2
    }
  }
  for (const s of data.submissions) {
    if (s.date < period.start || s.date > period.end) continue
    const k = s.authors.length
    s.authors.forEach((m, p) => {
      const i = slot.get(m)
      if (i === undefined) return
      if (s.kind === "proposal") proposals[i]! += 10 * (k === 1 ? 1 : p === 0 ? 0.5 : 0.5 / (k - 1))
      else reports[i]! += 5 / k
    })
  }
  const total = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    total[i] =
      Math.min(meetings[i]!, 20) +
      Math.min(consult[i]!, 30) +
      Math.min(proposals[i]!, 25) +
      Math.min(reports[i]!, 15) +
      Math.max(absent[i]!, -10)
  }
  return total
}

export const run = (scale: number) => {
  const members = Math.max(10, Math.round(100_000 * scale))
  const t0 = performance.now()
  // 2 submissions per member (about 1.3 authors each); the rest attendance, 10,000,000 records in all.
  const data = generate({
    streets: Math.max(1, Math.round(members / 20)),
    grassroots: Math.max(1, Math.round(members / 2)),
    members,
    attendance: Math.round(10_000_000 * scale) - 2 * members,
  })
  const attendance = data.activities.reduce((n, a) => n + a.attendance.length, 0)
  const authorRows = data.submissions.reduce((n, s) => n + s.authors.length, 0)
  const records = attendance + data.submissions.length
  console.log(
    `\nScoring at scale ${scale}: ${members.toLocaleString()} members, ${attendance.toLocaleString()} attendance rows, ${data.submissions.length.toLocaleString()} submissions (${authorRows.toLocaleString()} author rows) — ${records.toLocaleString()} records (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  )
  const ours = measure("Tongxin Scoring.evaluate", () => Scoring.evaluate(benchRubric, data, { period }), 3)
  const hand = measure("hand-written typed-array loop", () => handWritten(data), 3)
  const db = load(data)
  const sql = db.prepare(scoringSql)
  const params = { start: period.start, end: period.end }
  const bySql = measure("SQLite, same rubric as SQL", () => sql.all(params), 3)

  // All three agree on every member's total.
  const evaluation = Scoring.evaluate(benchRubric, data, { period })
  const expected = handWritten(data)
  const slot = new Map(data.members.map((m, i) => [m.id as string, i]))
  let worst = 0
  for (const s of evaluation.scores) worst = Math.max(worst, Math.abs(s.total - expected[slot.get(s.id)!]!))
  for (const row of sql.all(params) as Array<{ id: string; total: number }>)
    worst = Math.max(worst, Math.abs(row.total - expected[slot.get(row.id)!]!))
  if (worst > 1e-6) throw new Error(`totals differ by up to ${worst}`)
  console.log(
    `  all three agree on all ${members.toLocaleString()} totals (largest difference ${worst.toExponential(1)})`,
  )
  report("  capped totals", [ours, hand, bySql], hand)
  console.log(
    `  Tongxin runs at ${((100 * hand.medianMs) / ours.medianMs).toFixed(0)}% of the hand-written loop's speed (goal ≥ 33%); ${(bySql.medianMs / ours.medianMs).toFixed(1)}× faster than SQLite`,
  )
  const one = measure(
    "explain one member",
    () => Scoring.explain(benchRubric, data, data.members[0]!.id, { period }),
    3,
  )
  console.log(`  explaining one member on demand: ${one.medianMs.toFixed(0)} ms; peak RSS ${peakRssMb()} MiB`)
  db.close()
}
