/**
 * A year of consultation cases for the demo, the same every run (seeded): the cases from the
 * article, topics in every street taken through the standard workflow to different stages, and
 * Yejin's ageing gas-pipe renovation run community by community through the gas-renovation plugin.
 */
import type { District, Workflow } from "@tongxin/core"
import { prng } from "./generate.js"

/** One command of a case: what, by whom, with what, and when. */
export type Step = readonly [command: string, actor: Workflow.Actor, payload: unknown, at: string]

/** A case and the commands it goes through. */
export interface Script {
  readonly id: string
  readonly topic: string
  readonly workflow: { readonly id: string; readonly version: number }
  readonly unitId?: string
  readonly source: "residents" | "member" | "committee"
  readonly openedAt: string
  readonly steps: ReadonlyArray<Step>
  /** Progress to report on the case's outcome item after its commands. */
  readonly progress?: number
}

const office = { id: "qingshan-cppcc-office", name: "区政协办公室", roles: ["office"] }
const chair = { id: "yang-xin", name: "杨新", roles: ["chairmansMeeting"] }
const member = { id: "member-representative", name: "委员代表", roles: ["member"] }
const handling = { id: "qingshan-handling-unit", name: "承办单位", roles: ["handlingUnit"] }

// A time on a working morning in Wuhan, `days` after 2025-01-06 (a Monday), skipping weekends.
const at = (days: number): string => {
  const weeks = Math.floor(days / 5)
  const date = new Date(Date.UTC(2025, 0, 6 + weeks * 7 + (days % 5), 1))
  return date.toISOString()
}
const day = (days: number) => at(days).slice(0, 10)

const topics = [
  "老旧小区加装电梯",
  "背街小巷环境整治",
  "社区停车难",
  "垃圾分类设施",
  "社区食堂建设",
  "雨污管网改造",
  "口袋公园改造",
  "便民菜场规范",
]

/** The cases from the article: what the demo has always shown. */
export const articleCases: ReadonlyArray<Script> = [
  {
    id: "2025-guangming-lifts",
    topic: "健吾公馆加装电梯",
    workflow: { id: "consultation", version: 1 },
    source: "residents",
    openedAt: "2025-05-06T01:00:00.000Z",
    steps: [
      ["approve", chair, { note: "列入一线协商" }, "2025-05-08T01:00:00.000Z"],
      [
        "startResearch",
        { id: "guangming-convener", name: "光明社区召集人", roles: ["convener", "member"] },
        { members: [], plan: "入户走访 24 户" },
        "2025-05-12T01:00:00.000Z",
      ],
      [
        "scheduleMeeting",
        { id: "guangming-convener", roles: ["convener"] },
        { noticeOn: "2025-05-23", meetingOn: "2025-06-15", venue: "光明社区健吾公馆" },
        "2025-05-23T01:00:00.000Z",
      ],
      [
        "holdMeeting",
        { id: "guangming-convener", roles: ["convener"] },
        { heldOn: "2025-06-15", attendees: [], speeches: 9 },
        "2025-06-15T08:00:00.000Z",
      ],
      [
        "report",
        { id: "guangming-convener", roles: ["convener"] },
        {
          summary: "居民、物业、住建部门就加装电梯达成共识",
          outcomes: [{ id: "o-2025-guangming-lifts", title: "健吾公馆加装电梯", handlingUnit: "区住建局", weight: 1 }],
        },
        "2025-06-20T01:00:00.000Z",
      ],
      [
        "reply",
        { id: "qingshan-housing-bureau", name: "区住建局", roles: ["handlingUnit"] },
        { repliedOn: "2025-08-01", summary: "已立项，9 月开工", metProposers: true },
        "2025-08-01T01:00:00.000Z",
      ],
      ["evaluate", member, { satisfaction: "satisfied" }, "2025-08-15T01:00:00.000Z"],
    ],
    progress: 100,
  },
  {
    id: "2025-yejin-gas-pipes",
    topic: "冶金街道老旧燃气管道改造",
    workflow: { id: "consultation", version: 1 },
    source: "committee",
    openedAt: "2025-02-10T01:00:00.000Z",
    steps: [
      ["approve", chair, {}, "2025-02-12T01:00:00.000Z"],
      ["startResearch", { id: "yejin-convener", roles: ["convener"] }, { members: [] }, "2025-02-14T01:00:00.000Z"],
      [
        "scheduleMeeting",
        { id: "yejin-convener", roles: ["convener"] },
        { noticeOn: "2025-02-17", meetingOn: "2025-03-10", venue: "冶金街道办事处" },
        "2025-02-17T01:00:00.000Z",
      ],
      [
        "holdMeeting",
        { id: "yejin-convener", roles: ["convener"] },
        { heldOn: "2025-03-10", attendees: [] },
        "2025-03-10T07:00:00.000Z",
      ],
      [
        "report",
        { id: "yejin-convener", roles: ["convener"] },
        {
          summary: "三个月内完成主要楼栋改造",
          outcomes: [{ id: "o-2025-yejin-gas-pipes", title: "老旧燃气管道改造", handlingUnit: "区燃气办", weight: 3 }],
        },
        "2025-03-14T01:00:00.000Z",
      ],
    ],
    progress: 76,
  },
  {
    id: "2025-qingshan-parking",
    topic: "老旧小区停车难",
    workflow: { id: "consultation", version: 1 },
    source: "residents",
    openedAt: "2025-11-20T01:00:00.000Z",
    steps: [],
  },
  {
    id: "2025-private-dispute",
    topic: "邻里装修纠纷",
    workflow: { id: "consultation", version: 1 },
    source: "residents",
    openedAt: "2025-03-03T01:00:00.000Z",
    steps: [["reject", chair, { reason: "属民事纠纷，转人民调解" }, "2025-03-05T01:00:00.000Z"]],
  },
]

/** Topics in every street, each taken as far through the standard workflow as its dice say. */
export const streetCases = (data: District.DistrictData, seed = 2025): ReadonlyArray<Script> => {
  const r = prng(seed)
  const streets = data.committees.map((c) => ({ committee: c, street: data.units.find((u) => u.id === c.streetId)! }))
  const out: Array<Script> = []
  for (const { committee, street } of streets) {
    for (let k = 0; k < 2; k++) {
      const id = `2025-${street.id}-${k + 1}`
      const convener = { id: committee.memberIds[0] ?? `${street.id}-convener`, roles: ["convener", "member"] }
      const start = r.int(0, 200)
      const reach = r.int(0, 8) // how many of the eight commands the case gets through
      const attendees = committee.memberIds.slice(0, 6)
      const t = (offset: number) => at(start + offset)
      const all: ReadonlyArray<Step> = [
        r.chance(0.15)
          ? ["reject", chair, { reason: "已纳入政府年度民生实事，不再协商" }, t(3)]
          : ["approve", chair, {}, t(3)],
        ["startResearch", convener, { members: attendees.slice(0, 3) }, t(6)],
        [
          "scheduleMeeting",
          convener,
          { noticeOn: day(start + 10), meetingOn: day(start + 28), venue: `${street.name}协商议事厅` },
          t(10),
        ],
        ["holdMeeting", convener, { heldOn: day(start + 28), attendees, speeches: r.int(3, 12) }, t(28)],
        [
          "report",
          convener,
          {
            summary: "形成协商共识并报送",
            outcomes: [
              {
                id: `o-${id}`,
                title: `${street.name}${topics[(out.length + k) % topics.length]!}`,
                handlingUnit: "区城管局",
                unitId: street.id,
              },
            ],
          },
          t(r.int(29, 40)),
        ],
        ["track", office, {}, t(45)],
        ["reply", handling, { repliedOn: day(start + r.int(50, 90)), summary: "已按协商意见办理" }, t(90)],
        [
          "evaluate",
          convener,
          { satisfaction: r.pick(["satisfied", "satisfied", "basically-satisfied", "unsatisfied"]) },
          t(95),
        ],
      ]
      // A rejected topic stops there.
      const steps = all[0]![0] === "reject" ? all.slice(0, 1) : all.slice(0, reach)
      out.push({
        id,
        topic: `${street.name}${topics[(out.length + k) % topics.length]!}`,
        workflow: { id: "consultation", version: 1 },
        unitId: street.id,
        source: r.pick(["residents", "member", "committee"] as const),
        openedAt: at(start),
        steps: steps.filter((s) => s[3] <= "2025-12-31T23:59:59Z"),
      })
    }
  }
  return out
}

/** Yejin's gas-pipe renovation: one case per community through the gas-renovation plugin. */
export const gasCases = (data: District.DistrictData, seed = 76): ReadonlyArray<Script> => {
  const r = prng(seed)
  const communities = data.units.filter((u) => u.parentId === "street-yejin").slice(0, 6)
  const community = { id: "yejin-community", roles: ["community"] }
  const street = { id: "yejin-street-office", name: "冶金街道办", roles: ["streetOffice"] }
  const gas = { id: "wuhan-gas", name: "燃气公司", roles: ["gasCompany"] }
  const residents = { id: "yejin-residents", roles: ["residents"] }
  const yejinMember = {
    id: data.committees.find((c) => c.streetId === "street-yejin")?.memberIds[0] ?? "yejin-member",
    roles: ["member"],
  }
  return communities.map((u, i) => {
    const total = r.int(80, 240)
    const percents = [r.int(15, 35), r.int(40, 60), r.int(65, 85)]
    const finished = i < 3
    const steps: Array<Step> = [
      [
        "survey",
        community,
        { on: "2025-03-05", total, surveyed: total - r.int(0, 10), consenting: total - r.int(10, 30) },
        "2025-03-05T02:00:00.000Z",
      ],
      [
        "startConsultation",
        street,
        { meetingOn: "2025-03-12", venue: `${u.name}党群服务中心` },
        "2025-03-06T02:00:00.000Z",
      ],
      [
        "reachConsensus",
        yejinMember,
        {
          heldOn: "2025-03-12",
          attendees: [yejinMember.id],
          residentRepresentatives: r.int(4, 12),
          consensus: "分批更换立管，施工期间每日通报进度",
        },
        "2025-03-12T02:00:00.000Z",
      ],
      [
        "schedule",
        gas,
        { startOn: "2025-03-20", endOn: "2025-06-20", contractor: "燃气工程公司" },
        "2025-03-14T02:00:00.000Z",
      ],
      ["reportProgress", gas, { percent: percents[0]!, on: "2025-04-15" }, "2025-04-15T02:00:00.000Z"],
      ["reportProgress", gas, { percent: percents[1]!, on: "2025-05-15" }, "2025-05-15T02:00:00.000Z"],
      ["reportProgress", gas, { percent: percents[2]!, on: "2025-06-10" }, "2025-06-10T02:00:00.000Z"],
      ...(finished
        ? ([
            ["completeRenovation", gas, { on: "2025-06-25" }, "2025-06-25T02:00:00.000Z"],
            [
              "passAcceptance",
              residents,
              { on: "2025-07-02", inspectors: ["冶金街道办", "居民代表"] },
              "2025-07-02T02:00:00.000Z",
            ],
          ] as const)
        : []),
    ]
    return {
      id: `2025-gas-${u.id}`,
      topic: `${u.name}老旧燃气管道改造`,
      workflow: { id: "gas-renovation", version: 1 },
      unitId: u.id,
      source: "committee",
      openedAt: "2025-03-03T02:00:00.000Z",
      steps,
    }
  })
}
