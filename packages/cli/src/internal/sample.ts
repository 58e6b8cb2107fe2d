/**
 * The small sample district `tongxin init` writes and `tongxin demo` runs on: two streets, four
 * communities, twelve members not yet placed in committees, a year of activities, and four
 * consultation cases (opened by the demo through the standard workflow).
 */
import type { Ids, Workflow } from "@tongxin/core"

export const districtYaml = `# A sample district written by \`tongxin init\`. Edit it, then: tongxin validate district.yaml
# Every list may be empty; ids must be unique; every reference (parentId, unitId, memberIds…) must resolve.
district:
  id: sample
  name: 示范区
  nameEn: Sample District
  region: 示范省示范市
  sectors:
    - { id: economy, labels: { zh-CN: 经济界, en: Economy } }
    - { id: education, labels: { zh-CN: 教育界, en: Education } }
    - { id: medicine, labels: { zh-CN: 医药卫生界, en: Medicine and health } }
units:
  - { id: east, kind: street, name: 东湖街道, nameEn: Donghu Street }
  - { id: west, kind: street, name: 西山街道, nameEn: Xishan Street }
  - { id: east-1, kind: community, name: 东湖一社区, parentId: east }
  - { id: east-2, kind: community, name: 东湖二社区, parentId: east }
  - { id: west-1, kind: community, name: 西山一社区, parentId: west }
  - { id: west-2, kind: village, name: 西山村, parentId: west }
platforms:
  - { id: p-east, unitId: east, name: 东湖街道“有事好商量”协商议事室, activeFrom: 2024-03-01 }
  - { id: p-west, unitId: west, name: 西山街道“有事好商量”协商议事室, activeFrom: 2024-03-01 }
  - { id: p-east-1, unitId: east-1, name: 东湖一社区议事室 }
  - { id: p-east-2, unitId: east-2, name: 东湖二社区议事室 }
  - { id: p-west-1, unitId: west-1, name: 西山一社区议事室 }
  - { id: p-west-2, unitId: west-2, name: 西山村议事室 }
members:
  - { id: m01, name: 陈明, level: district, sector: economy, partyMember: true, chairmansMeeting: true, residenceUnitId: east-1 }
  - { id: m02, name: 林芳, level: district, sector: education, partyMember: true, standingCommittee: true, residenceUnitId: east-2 }
  - { id: m03, name: 王强, level: city, sector: economy, partyMember: true, residenceUnitId: east-1, workUnitId: west-1 }
  - { id: m04, name: 赵丽, level: district, sector: medicine, partyMember: false, residenceUnitId: east-2 }
  - { id: m05, name: 孙伟, level: district, sector: economy, partyMember: true, residenceUnitId: east-1 }
  - { id: m06, name: 周静, level: district, sector: education, partyMember: false, residenceUnitId: east-2 }
  - { id: m07, name: 吴刚, level: district, sector: medicine, partyMember: true, residenceUnitId: west-1 }
  - { id: m08, name: 郑敏, level: city, sector: economy, partyMember: true, residenceUnitId: west-2 }
  - { id: m09, name: 冯涛, level: district, sector: education, partyMember: true, residenceUnitId: west-1 }
  - { id: m10, name: 何琳, level: district, sector: medicine, partyMember: false, residenceUnitId: west-2 }
  - { id: m11, name: 许晨, level: district, sector: economy, partyMember: true, residenceUnitId: west-1 }
  - { id: m12, name: 高远, level: district, sector: education, partyMember: false, residenceUnitId: west-2 }
# Committees start empty: \`tongxin assign\` places every member.
committees:
  - { id: k-east, streetId: east, name: 东湖街道政协委员联络委员会, head: 陈明 }
  - { id: k-west, streetId: west, name: 西山街道政协委员联络委员会, head: 吴刚 }
partyBranches:
  - { id: b-east, kind: functional, name: 东湖联络委功能型党支部, committeeIds: [k-east], firstSecretary: { name: 东湖街道党工委书记 } }
  - { id: b-west, kind: functional, name: 西山联络委功能型党支部, committeeIds: [k-west], firstSecretary: { name: 西山街道党工委书记 } }
studios:
  - { id: s-lin, name: 林芳委员工作室, leadMemberId: m02, memberIds: [m06], theme: 社区教育, unitId: east-2, establishedOn: 2024-05-01 }
specialCommittees:
  - { id: sc-proposals, name: 提案委员会, nameEn: Proposals Committee, streetIds: [east, west] }
guidance:
  - { memberId: m01, streetId: east }
  - { memberId: m01, streetId: west }
activities:
  - id: a-plenary
    type: plenary
    title: 区政协全体会议
    date: 2025-01-08
    halfDays: 4
    organiser: { kind: district }
    attendance:
      - { memberId: m01, status: present }
      - { memberId: m02, status: present }
      - { memberId: m03, status: present }
      - { memberId: m04, status: present }
      - { memberId: m05, status: present }
      - { memberId: m06, status: excused }
      - { memberId: m07, status: present }
      - { memberId: m08, status: present }
      - { memberId: m09, status: late }
      - { memberId: m10, status: present }
      - { memberId: m11, status: present }
      - { memberId: m12, status: unexcused }
  - { id: a-east-q1, type: liaison-meeting, title: 东湖联络委一季度例会, date: 2025-02-18, unitId: east, organiser: { kind: committee, id: k-east }, attendance: [{ memberId: m01, status: present }, { memberId: m02, status: present }, { memberId: m05, status: present }, { memberId: m06, status: present }] }
  - { id: a-east-q2, type: research, title: 东湖一社区加装电梯调研, date: 2025-05-12, unitId: east-1, organiser: { kind: committee, id: k-east }, attendance: [{ memberId: m03, status: present }, { memberId: m04, status: present }, { memberId: m05, status: present }] }
  - { id: a-east-q3, type: consultation, title: 东湖一社区加装电梯协商, date: 2025-08-20, unitId: east-1, platformId: p-east-1, organiser: { kind: committee, id: k-east }, attendance: [{ memberId: m01, status: present }, { memberId: m03, status: present }, { memberId: m04, status: late }, { memberId: m06, status: present }] }
  - { id: a-east-q4, type: liaison-meeting, title: 东湖联络委四季度例会, date: 2025-11-25, unitId: east, organiser: { kind: committee, id: k-east }, attendance: [{ memberId: m02, status: present }, { memberId: m04, status: present }, { memberId: m05, status: present }] }
  - { id: a-west-q1, type: party-led, title: 西山支部主题党日, date: 2025-03-05, unitId: west, organiser: { kind: party-branch, id: b-west }, attendance: [{ memberId: m07, status: present }, { memberId: m08, status: present }, { memberId: m09, status: present }, { memberId: m11, status: present }] }
  - { id: a-west-q2, type: consultation, title: 西山村道路改造协商, date: 2025-06-10, unitId: west-2, platformId: p-west-2, organiser: { kind: committee, id: k-west }, attendance: [{ memberId: m08, status: present }, { memberId: m10, status: present }, { memberId: m12, status: present }] }
  - { id: a-west-q3, type: inspection, title: 西山街道养老服务视察, date: 2025-09-16, unitId: west, organiser: { kind: committee, id: k-west }, attendance: [{ memberId: m07, status: present }, { memberId: m09, status: present }, { memberId: m10, status: present }] }
  - { id: a-west-q4, type: liaison-meeting, title: 西山联络委四季度例会, date: 2025-12-09, unitId: west, organiser: { kind: committee, id: k-west }, attendance: [{ memberId: m07, status: present }, { memberId: m08, status: present }, { memberId: m11, status: present }, { memberId: m12, status: excused }] }
  - { id: a-studio, type: studio, title: 林芳委员工作室接待日, date: 2025-04-22, unitId: east-2, organiser: { kind: studio, id: s-lin }, attendance: [{ memberId: m02, status: present }, { memberId: m06, status: present }] }
  - { id: a-east-party-1, type: party-led, title: 东湖支部主题党日（春）, date: 2025-04-15, unitId: east, organiser: { kind: party-branch, id: b-east }, attendance: [{ memberId: m01, status: present }, { memberId: m02, status: present }, { memberId: m03, status: present }, { memberId: m05, status: present }, { memberId: m04, status: present }, { memberId: m06, status: present }] }
  - { id: a-east-party-2, type: party-led, title: 东湖支部主题党日（秋）, date: 2025-09-23, unitId: east, organiser: { kind: party-branch, id: b-east }, attendance: [{ memberId: m01, status: present }, { memberId: m02, status: present }, { memberId: m03, status: late }, { memberId: m05, status: present }, { memberId: m04, status: present }, { memberId: m06, status: present }] }
  - { id: a-west-party-2, type: party-led, title: 西山支部主题党日（秋）, date: 2025-10-21, unitId: west, organiser: { kind: party-branch, id: b-west }, attendance: [{ memberId: m07, status: present }, { memberId: m08, status: present }, { memberId: m09, status: present }, { memberId: m10, status: present }, { memberId: m11, status: present }, { memberId: m12, status: present }] }
  - { id: a-west-q1-meeting, type: liaison-meeting, title: 西山联络委一季度例会, date: 2025-02-25, unitId: west, organiser: { kind: committee, id: k-west }, attendance: [{ memberId: m07, status: present }, { memberId: m08, status: present }, { memberId: m09, status: present }, { memberId: m10, status: present }, { memberId: m11, status: present }, { memberId: m12, status: present }] }
  - { id: a-reception, type: reception, title: 委员接待群众日, date: 2025-07-15, unitId: east-1, platformId: p-east-1, organiser: { kind: committee, id: k-east }, attendance: [{ memberId: m01, status: present }, { memberId: m03, status: present }, { memberId: m05, status: present }, { memberId: m09, status: present }, { memberId: m11, status: present }] }
  - { id: a-training, type: training, title: 委员履职培训, date: 2025-03-18, halfDays: 2, organiser: { kind: district }, attendance: [{ memberId: m01, status: present }, { memberId: m02, status: present }, { memberId: m03, status: present }, { memberId: m04, status: present }, { memberId: m05, status: present }, { memberId: m07, status: present }, { memberId: m08, status: present }, { memberId: m09, status: present }, { memberId: m11, status: present }] }
submissions:
  - { id: x01, kind: proposal, title: 关于老旧小区加装电梯的建议, date: 2025-01-06, authors: [m01, m03], flags: [accepted] }
  - { id: x02, kind: proposal, title: 关于社区托育服务的建议, date: 2025-01-07, authors: [m02], flags: [accepted, key] }
  - { id: x03, kind: social-conditions, title: 居民反映西山村道路破损, date: 2025-03-20, authors: [m08], flags: [adopted] }
  - { id: x04, kind: proposal, title: 关于基层医疗资源下沉的建议, date: 2025-01-08, authors: [m04, m07] }
  - { id: x05, kind: social-conditions, title: 社区养老服务需求调查, date: 2025-07-02, authors: [m09, m11] }
  - { id: x06, kind: proposal, title: 关于中小学课后服务的建议, date: 2025-01-08, authors: [m06] }
  - { id: x07, kind: social-conditions, title: 夜间施工噪声扰民, date: 2025-10-14, authors: [m05, m10] }
  - { id: x08, kind: proposal, title: 关于完善社区停车管理的建议, date: 2025-01-08, authors: [m11, m12], flags: [accepted] }
  - { id: x09, kind: social-conditions, title: 老年人就医难问题, date: 2025-05-09, authors: [m07], flags: [adopted] }
  - { id: x10, kind: proposal, title: 关于加强职业教育的建议, date: 2025-01-09, authors: [m09, m05], flags: [accepted] }
outcomes:
  - { id: o-east-lifts, title: 东湖一社区加装电梯, unitId: east, handlingUnit: 区住建局, status: in-progress, progress: 60, assignedOn: 2025-08-25, dueOn: 2026-03-31, feedbackOn: 2025-09-30 }
  - { id: o-west-road, title: 西山村道路改造, unitId: west, handlingUnit: 区交通局, status: completed, progress: 100, assignedOn: 2025-06-15, dueOn: 2025-10-31, completedOn: 2025-10-20, feedbackOn: 2025-10-25, metOn: 2025-10-25, implemented: true, satisfaction: satisfied }
`

const office: Workflow.Actor = { id: "office", roles: ["office"] }
const chair: Workflow.Actor = { id: "m01", roles: ["chairmansMeeting"] }
const convener: Workflow.Actor = { id: "m02", roles: ["convener", "member"] }
const member: Workflow.Actor = { id: "m04", roles: ["member"] }
const housing: Workflow.Actor = { id: "housing-bureau", roles: ["handlingUnit"] }

/** One sample case: the record, the commands it went through, and when. */
export interface SampleCase {
  readonly id: Ids.CaseId
  readonly topic: string
  readonly openedAt: string
  readonly steps: ReadonlyArray<readonly [command: string, actor: Workflow.Actor, payload: unknown, at: string]>
}

/** Four cases in different stages: closed, in handling (overdue for its reply), waiting for approval, rejected. */
export const cases: ReadonlyArray<SampleCase> = [
  {
    id: "2025-east-lifts" as Ids.CaseId,
    topic: "东湖一社区老旧小区加装电梯",
    openedAt: "2025-05-06T01:00:00.000Z",
    steps: [
      ["approve", chair, { note: "列入一线协商" }, "2025-05-08T01:00:00.000Z"],
      ["startResearch", convener, { members: [], plan: "入户走访" }, "2025-05-12T01:00:00.000Z"],
      [
        "scheduleMeeting",
        convener,
        { noticeOn: "2025-07-21", meetingOn: "2025-08-20", venue: "东湖一社区议事室" },
        "2025-07-21T01:00:00.000Z",
      ],
      ["holdMeeting", convener, { heldOn: "2025-08-20", attendees: [] }, "2025-08-20T07:00:00.000Z"],
      [
        "report",
        convener,
        {
          summary: "居民、物业、住建部门就加装电梯达成共识",
          outcomes: [{ id: "o-2025-east-lifts", title: "加装电梯", handlingUnit: "区住建局", weight: 1 }],
        },
        "2025-08-25T01:00:00.000Z",
      ],
      [
        "reply",
        housing,
        { repliedOn: "2025-09-30", summary: "已立项", metProposers: true },
        "2025-09-30T01:00:00.000Z",
      ],
      ["evaluate", member, { satisfaction: "satisfied" }, "2025-10-15T01:00:00.000Z"],
    ],
  },
  {
    id: "2025-west-road" as Ids.CaseId,
    topic: "西山村道路改造",
    openedAt: "2025-03-24T01:00:00.000Z",
    steps: [
      ["approve", chair, {}, "2025-03-26T01:00:00.000Z"],
      ["startResearch", convener, { members: [] }, "2025-03-28T01:00:00.000Z"],
      [
        "scheduleMeeting",
        convener,
        { noticeOn: "2025-05-12", meetingOn: "2025-06-10", venue: "西山村议事室" },
        "2025-05-12T01:00:00.000Z",
      ],
      ["holdMeeting", convener, { heldOn: "2025-06-10", attendees: [] }, "2025-06-10T07:00:00.000Z"],
      [
        "report",
        convener,
        {
          summary: "分段施工，年内完成",
          outcomes: [{ id: "o-2025-west-road", title: "道路分段改造", handlingUnit: "区交通局", weight: 2 }],
        },
        "2025-06-13T01:00:00.000Z",
      ],
    ],
  },
  {
    id: "2025-west-elderly-care" as Ids.CaseId,
    topic: "社区养老服务站建设",
    openedAt: "2025-11-20T01:00:00.000Z",
    steps: [],
  },
  {
    id: "2025-east-dispute" as Ids.CaseId,
    topic: "邻里装修纠纷",
    openedAt: "2025-03-03T01:00:00.000Z",
    steps: [["reject", chair, { reason: "属民事纠纷，转人民调解" }, "2025-03-05T01:00:00.000Z"]],
  },
]

export const caseOpener = office
