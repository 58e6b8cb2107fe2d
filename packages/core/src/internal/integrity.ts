// Integrity checks behind `District.validate`. Linear in the size of the data: every lookup is a
// Map or Set built once. Each problem names the exact path and says what to do.
import { BuiltinActivityType } from "../model/Activity.js"
import type { DistrictData, ValidateOptions } from "../model/District.js"
import type { Issue } from "../model/Issue.js"
import { limits } from "../model/PartyBranch.js"
import type { UnitKind } from "../model/Unit.js"

/**
 * Ids of items that exist in the input but failed to decode: references to them are not reported
 * again as dangling, since the item's own problem is already reported.
 */
export type PresentIds = Partial<Record<string, ReadonlySet<string>>>

export const validateIntegrity = (
  data: DistrictData,
  options: ValidateOptions,
  present: PresentIds = {},
): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const report = (path: string, code: string, message: string, messageZh: string) =>
    issues.push({ path, code, message, messageZh })

  // --- district configuration -------------------------------------------------------------
  const kinds = new Map<string, UnitKind>()
  data.district.unitKinds.forEach((k, i) => {
    if (kinds.has(k.id))
      report(
        `district.unitKinds[${i}].id`,
        "duplicate-id",
        `unit kind "${k.id}" is declared twice`,
        `单位类型“${k.id}”重复声明`,
      )
    else kinds.set(k.id, k)
  })
  data.district.unitKinds.forEach((k, i) => {
    k.parents.forEach((p, j) => {
      if (!kinds.has(p)) {
        report(
          `district.unitKinds[${i}].parents[${j}]`,
          "unknown-reference",
          `parent kind "${p}" is not a declared unit kind`,
          `上级类型“${p}”未声明`,
        )
      }
    })
  })
  const sectors = idSet(data.district.sectors, "district.sectors", "sector", "界别", report)
  const activityTypes = new Set<string>(BuiltinActivityType.values)
  data.district.activityTypes.forEach((t, i) => {
    if (activityTypes.has(t.id)) {
      report(
        `district.activityTypes[${i}].id`,
        "duplicate-id",
        `activity type "${t.id}" is already defined (built in or declared above)`,
        `活动类型“${t.id}”已存在（内置或前面已声明）`,
      )
    }
    activityTypes.add(t.id)
  })
  for (const t of options.activityTypes ?? []) activityTypes.add(t)

  // --- ids ---------------------------------------------------------------------------------
  const units = indexById(data.units, "units", "unit", "单位", report)
  const platforms = indexById(data.platforms, "platforms", "platform", "平台", report)
  const members = indexById(data.members, "members", "member", "委员", report)
  const committees = indexById(data.committees, "committees", "liaison committee", "联络委", report)
  const branches = indexById(data.partyBranches, "partyBranches", "party branch", "党支部", report)
  const studios = indexById(data.studios, "studios", "studio", "工作室", report)
  const specials = indexById(data.specialCommittees, "specialCommittees", "special committee", "专委会", report)
  indexById(data.activities, "activities", "activity", "活动", report)
  indexById(data.submissions, "submissions", "submission", "提案/信息", report)
  const outcomes = indexById(data.outcomes, "outcomes", "outcome", "成果", report)
  const exists = (collection: string, index: ReadonlyMap<string, unknown>) => (id: string) =>
    index.has(id) || (present[collection]?.has(id) ?? false)
  const unitExists = exists("units", units)
  const memberExists = exists("members", members)
  const committeeExists = exists("committees", committees)

  const unitRef = (path: string, id: string | undefined) => {
    if (id !== undefined && !unitExists(id))
      report(path, "unknown-reference", `unit "${id}" does not exist in units`, `单位“${id}”不存在`)
  }
  const memberRef = (path: string, id: string | undefined) => {
    if (id !== undefined && !memberExists(id))
      report(path, "unknown-reference", `member "${id}" does not exist in members`, `委员“${id}”不存在`)
  }
  const isTownship = (unitId: string) => {
    const u = units.get(unitId)
    return u !== undefined && kinds.get(u.kind)?.tier === "township"
  }
  const townshipRef = (path: string, id: string, what: string, whatZh: string) => {
    if (!units.has(id))
      unitRef(path, id) // an invalid unit's tier is unknown: nothing more to say
    else if (!isTownship(id)) {
      report(
        path,
        "not-a-street",
        `${what} must be a street or town (a township-level unit), but "${id}" is not`,
        `${whatZh}必须是街道或乡镇，“${id}”不是`,
      )
    }
  }
  const noRepeats = (path: string, ids: ReadonlyArray<string>, what: string, whatZh: string) => {
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      if (seen.has(id))
        report(`${path}[${i}]`, "duplicate-entry", `${what} "${id}" is listed twice`, `${whatZh}“${id}”重复列出`)
      seen.add(id)
    })
  }

  // --- unit tree ---------------------------------------------------------------------------
  data.units.forEach((u, i) => {
    const kind = kinds.get(u.kind)
    if (kind === undefined) {
      if (!(present["unitKinds"]?.has(u.kind) ?? false))
        report(
          `units[${i}].kind`,
          "unknown-unit-kind",
          `unit kind "${u.kind}" is not declared in district.unitKinds`,
          `单位类型“${u.kind}”未在 district.unitKinds 中声明`,
        )
      // The parent can still be checked for existence; its kind rules cannot.
      if (u.parentId !== undefined && !units.has(u.parentId)) unitRef(`units[${i}].parentId`, u.parentId)
      return
    }
    if (u.parentId === undefined) {
      if (kind.parents.length > 0) {
        report(
          `units[${i}].parentId`,
          "missing-parent",
          `a ${kind.labels.en.toLowerCase()} must sit under a ${kind.parents.join(" or ")}; give it a parentId`,
          `${kind.labels["zh-CN"]}必须隶属于${kind.parents.join("或")}，请填写 parentId`,
        )
      }
      return
    }
    const parent = units.get(u.parentId)
    if (parent === undefined) {
      unitRef(`units[${i}].parentId`, u.parentId)
      return
    }
    if (!kind.parents.includes(parent.kind)) {
      const allowed = kind.parents.length === 0 ? "nothing (it is a top-level kind)" : kind.parents.join(" or ")
      report(
        `units[${i}].parentId`,
        "kind-not-allowed",
        `a ${u.kind} may sit under ${allowed}, not under the ${parent.kind} "${parent.id}"`,
        `${u.kind}不能隶属于${parent.kind}“${parent.id}”`,
      )
    }
  })
  reportCycles(
    data.units,
    (u) => u.parentId,
    (i, cycle) =>
      report(
        `units[${i}].parentId`,
        "unit-cycle",
        `the unit tree has a cycle: ${cycle.join(" → ")}`,
        `单位层级出现循环：${cycle.join(" → ")}`,
      ),
  )

  // --- organisations -----------------------------------------------------------------------
  data.platforms.forEach((p, i) => {
    unitRef(`platforms[${i}].unitId`, p.unitId)
    p.conveners.forEach((m, j) => {
      memberRef(`platforms[${i}].conveners[${j}]`, m)
    })
    noRepeats(`platforms[${i}].conveners`, p.conveners, "convener", "召集人")
    if (p.activeFrom !== undefined && p.activeTo !== undefined && p.activeTo < p.activeFrom) {
      report(
        `platforms[${i}].activeTo`,
        "date-order",
        `activeTo ${p.activeTo} is before activeFrom ${p.activeFrom}`,
        `停用日期 ${p.activeTo} 早于启用日期 ${p.activeFrom}`,
      )
    }
  })
  data.members.forEach((m, i) => {
    if (!sectors.has(m.sector) && !(present["sectors"]?.has(m.sector) ?? false))
      report(
        `members[${i}].sector`,
        "unknown-reference",
        `sector "${m.sector}" is not in district.sectors`,
        `界别“${m.sector}”不在 district.sectors 中`,
      )
    m.specialCommitteeIds.forEach((s, j) => {
      if (!exists("specialCommittees", specials)(s))
        report(
          `members[${i}].specialCommitteeIds[${j}]`,
          "unknown-reference",
          `special committee "${s}" does not exist`,
          `专委会“${s}”不存在`,
        )
    })
    noRepeats(`members[${i}].specialCommitteeIds`, m.specialCommitteeIds, "special committee", "专委会")
    unitRef(`members[${i}].residenceUnitId`, m.residenceUnitId)
    unitRef(`members[${i}].workUnitId`, m.workUnitId)
  })
  const committeeOfStreet = new Map<string, string>()
  data.committees.forEach((c, i) => {
    townshipRef(`committees[${i}].streetId`, c.streetId, "a liaison committee's street", "联络委所在单位")
    const other = committeeOfStreet.get(c.streetId)
    if (other !== undefined && other !== c.id) {
      report(
        `committees[${i}].streetId`,
        "duplicate-entry",
        `street "${c.streetId}" already has liaison committee "${other}"; a street has one`,
        `街道“${c.streetId}”已有联络委“${other}”，每个街道只设一个`,
      )
    } else committeeOfStreet.set(c.streetId, c.id)
    c.memberIds.forEach((m, j) => {
      memberRef(`committees[${i}].memberIds[${j}]`, m)
    })
    noRepeats(`committees[${i}].memberIds`, c.memberIds, "member", "委员")
  })
  const branchOfCommittee = new Map<string, string>()
  data.partyBranches.forEach((b, i) => {
    b.committeeIds.forEach((c, j) => {
      const path = `partyBranches[${i}].committeeIds[${j}]`
      if (!committees.has(c)) {
        if (!committeeExists(c))
          report(path, "unknown-reference", `liaison committee "${c}" does not exist`, `联络委“${c}”不存在`)
        return
      }
      const other = branchOfCommittee.get(c)
      if (other !== undefined && other !== b.id) {
        report(
          path,
          "duplicate-entry",
          `committee "${c}" is already served by party branch "${other}"`,
          `联络委“${c}”已由党支部“${other}”覆盖`,
        )
      } else branchOfCommittee.set(c, b.id)
    })
    noRepeats(`partyBranches[${i}].committeeIds`, b.committeeIds, "committee", "联络委")
    if (b.kind === "functional" && b.committeeIds.length > 1) {
      report(
        `partyBranches[${i}].committeeIds`,
        "too-many-units",
        `a functional branch serves one committee; use kind "joint" for ${b.committeeIds.length}`,
        `功能型党支部只对应一个联络委；${b.committeeIds.length} 个请用联合党支部（joint）`,
      )
    }
    if (b.kind === "joint" && b.committeeIds.length > limits.maxJointUnits) {
      report(
        `partyBranches[${i}].committeeIds`,
        "too-many-units",
        `a joint branch covers at most ${limits.maxJointUnits} units, this one lists ${b.committeeIds.length}`,
        `联合党支部最多覆盖 ${limits.maxJointUnits} 个单位，此处为 ${b.committeeIds.length} 个`,
      )
    }
    b.memberIds.forEach((m, j) => {
      const path = `partyBranches[${i}].memberIds[${j}]`
      const member = members.get(m)
      if (member === undefined) memberRef(path, m)
      else if (!member.partyMember)
        report(
          path,
          "not-party-member",
          `member "${m}" is not a party member and cannot belong to a party branch`,
          `委员“${m}”不是中共党员，不能编入党支部`,
        )
    })
    noRepeats(`partyBranches[${i}].memberIds`, b.memberIds, "member", "委员")
    if (b.secretaryId !== undefined) {
      memberRef(`partyBranches[${i}].secretaryId`, b.secretaryId)
      if (members.has(b.secretaryId) && !b.memberIds.includes(b.secretaryId)) {
        report(
          `partyBranches[${i}].secretaryId`,
          "not-in-branch",
          `secretary "${b.secretaryId}" must be one of the branch's memberIds`,
          `书记“${b.secretaryId}”必须是本支部党员`,
        )
      }
    }
    memberRef(`partyBranches[${i}].firstSecretary.memberId`, b.firstSecretary?.memberId)
  })
  data.studios.forEach((s, i) => {
    memberRef(`studios[${i}].leadMemberId`, s.leadMemberId)
    s.memberIds.forEach((m, j) => {
      memberRef(`studios[${i}].memberIds[${j}]`, m)
    })
    noRepeats(`studios[${i}].memberIds`, s.memberIds, "member", "委员")
    unitRef(`studios[${i}].unitId`, s.unitId)
  })
  data.specialCommittees.forEach((s, i) => {
    s.streetIds.forEach((u, j) => {
      townshipRef(`specialCommittees[${i}].streetIds[${j}]`, u, "a contacted street", "联系的街道")
    })
    noRepeats(`specialCommittees[${i}].streetIds`, s.streetIds, "street", "街道")
  })
  const guided = new Set<string>()
  data.guidance.forEach((g, i) => {
    const member = members.get(g.memberId)
    if (member === undefined) memberRef(`guidance[${i}].memberId`, g.memberId)
    else if (!member.chairmansMeeting) {
      report(
        `guidance[${i}].memberId`,
        "not-chairmans-meeting",
        `member "${g.memberId}" is not a chairman's-meeting member, who alone guide streets`,
        `委员“${g.memberId}”不是主席会议成员，不能分片包街`,
      )
    }
    townshipRef(`guidance[${i}].streetId`, g.streetId, "a guided street", "包联的街道")
    const key = `${g.memberId}\u0000${g.streetId}`
    if (guided.has(key))
      report(
        `guidance[${i}]`,
        "duplicate-entry",
        `member "${g.memberId}" is already listed for street "${g.streetId}"`,
        `委员“${g.memberId}”与街道“${g.streetId}”的包联关系重复`,
      )
    guided.add(key)
  })

  // --- records -----------------------------------------------------------------------------
  const organisers: Record<string, { has: (id: string) => boolean; en: string; zh: string }> = {
    committee: { has: committeeExists, en: "liaison committee", zh: "联络委" },
    studio: { has: exists("studios", studios), en: "studio", zh: "工作室" },
    "special-committee": { has: exists("specialCommittees", specials), en: "special committee", zh: "专委会" },
    platform: { has: exists("platforms", platforms), en: "platform", zh: "平台" },
    "party-branch": { has: exists("partyBranches", branches), en: "party branch", zh: "党支部" },
  }
  data.activities.forEach((a, i) => {
    const at = `activities[${i}]`
    if (!activityTypes.has(a.type) && !(present["activityTypes"]?.has(a.type) ?? false)) {
      report(
        `${at}.type`,
        "unknown-activity-type",
        `activity type "${a.type}" is neither built in nor declared in district.activityTypes`,
        `活动类型“${a.type}”既非内置，也未在 district.activityTypes 中声明`,
      )
    }
    unitRef(`${at}.unitId`, a.unitId)
    if (a.platformId !== undefined) {
      const p = platforms.get(a.platformId)
      if (p === undefined) {
        if (!exists("platforms", platforms)(a.platformId))
          report(
            `${at}.platformId`,
            "unknown-reference",
            `platform "${a.platformId}" does not exist`,
            `平台“${a.platformId}”不存在`,
          )
      } else if (a.unitId !== undefined && p.unitId !== a.unitId) {
        report(
          `${at}.platformId`,
          "mismatch",
          `platform "${p.id}" belongs to unit "${p.unitId}", not to the activity's unit "${a.unitId}"`,
          `平台“${p.id}”属于“${p.unitId}”，与活动单位“${a.unitId}”不符`,
        )
      }
    }
    const org = a.organiser
    if (org.kind === "district") {
      if (org.id !== undefined)
        report(
          `${at}.organiser.id`,
          "unexpected",
          `an activity organised by the district itself takes no organiser id`,
          `区政协组织的活动无需填写组织者编号`,
        )
    } else {
      const o = organisers[org.kind]!
      if (org.id === undefined)
        report(
          `${at}.organiser.id`,
          "missing",
          `name the organising ${o.en} by its id`,
          `请填写组织该活动的${o.zh}编号`,
        )
      else if (!o.has(org.id))
        report(
          `${at}.organiser.id`,
          "unknown-reference",
          `${o.en} "${org.id}" does not exist`,
          `${o.zh}“${org.id}”不存在`,
        )
    }
    const seen = new Set<string>()
    a.attendance.forEach((r, j) => {
      const path = `${at}.attendance[${j}]`
      memberRef(`${path}.memberId`, r.memberId)
      if (seen.has(r.memberId))
        report(
          `${path}.memberId`,
          "duplicate-entry",
          `member "${r.memberId}" has two attendance records for this activity`,
          `委员“${r.memberId}”在本次活动中有两条出勤记录`,
        )
      seen.add(r.memberId)
      if (r.halfDays !== undefined && r.halfDays > a.halfDays) {
        report(
          `${path}.halfDays`,
          "out-of-range",
          `${r.halfDays} half-days attended is more than the activity's ${a.halfDays}`,
          `参加 ${r.halfDays} 个半天，超过活动时长 ${a.halfDays} 个半天`,
        )
      }
    })
  })
  data.submissions.forEach((s, i) => {
    s.authors.forEach((m, j) => {
      memberRef(`submissions[${i}].authors[${j}]`, m)
    })
    noRepeats(`submissions[${i}].authors`, s.authors, "author", "提案人")
  })
  data.outcomes.forEach((o, i) => {
    unitRef(`outcomes[${i}].unitId`, o.unitId)
    if (o.parentId !== undefined && !exists("outcomes", outcomes)(o.parentId)) {
      report(
        `outcomes[${i}].parentId`,
        "unknown-reference",
        `outcome "${o.parentId}" does not exist`,
        `成果“${o.parentId}”不存在`,
      )
    }
    if (o.status === "completed" && o.progress < 100) {
      report(
        `outcomes[${i}].progress`,
        "mismatch",
        `a completed outcome has progress 100, not ${o.progress}`,
        `已办结成果的进度应为 100，而不是 ${o.progress}`,
      )
    }
    if (o.completedOn !== undefined && o.completedOn < o.assignedOn) {
      report(
        `outcomes[${i}].completedOn`,
        "date-order",
        `completedOn ${o.completedOn} is before assignedOn ${o.assignedOn}`,
        `办结日期 ${o.completedOn} 早于交办日期 ${o.assignedOn}`,
      )
    }
  })
  reportCycles(
    data.outcomes,
    (o) => o.parentId,
    (i, cycle) =>
      report(
        `outcomes[${i}].parentId`,
        "outcome-cycle",
        `outcomes refer to each other as parents: ${cycle.join(" → ")}`,
        `成果的上下级关系出现循环：${cycle.join(" → ")}`,
      ),
  )

  return issues
}

type Report = (path: string, code: string, message: string, messageZh: string) => void

const indexById = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
  path: string,
  what: string,
  whatZh: string,
  report: Report,
): Map<string, A> => {
  const byId = new Map<string, A>()
  const firstAt = new Map<string, number>()
  items.forEach((item, i) => {
    const first = firstAt.get(item.id)
    if (first !== undefined) {
      report(
        `${path}[${i}].id`,
        "duplicate-id",
        `${what} id "${item.id}" is already used by ${path}[${first}]`,
        `${whatZh}编号“${item.id}”已被 ${path}[${first}] 使用`,
      )
    } else {
      byId.set(item.id, item)
      firstAt.set(item.id, i)
    }
  })
  return byId
}

const idSet = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
  path: string,
  what: string,
  whatZh: string,
  report: Report,
) => new Set(indexById(items, path, what, whatZh, report).keys())

// Reports each cycle once, at the first item (by input position) on it. Iterative three-colour walk.
const reportCycles = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
  parentOf: (a: A) => string | undefined,
  onCycle: (index: number, cycle: ReadonlyArray<string>) => void,
) => {
  const indexOf = new Map<string, number>()
  items.forEach((a, i) => {
    if (!indexOf.has(a.id)) indexOf.set(a.id, i)
  })
  const state = new Uint8Array(items.length) // 0 new, 1 on current path, 2 done
  for (let start = 0; start < items.length; start++) {
    if (state[start] !== 0) continue
    const path: Array<number> = []
    let i: number | undefined = start
    while (i !== undefined && state[i] === 0) {
      state[i] = 1
      path.push(i)
      const parent = parentOf(items[i]!)
      i = parent === undefined ? undefined : indexOf.get(parent)
    }
    if (i !== undefined && state[i] === 1) {
      const cycle = path.slice(path.indexOf(i))
      let first = cycle[0]!
      for (const k of cycle) if (k < first) first = k
      const rotated = [...cycle.slice(cycle.indexOf(first)), ...cycle.slice(0, cycle.indexOf(first))]
      onCycle(
        first,
        [...rotated, first].map((k) => items[k]!.id),
      )
    }
    for (const k of path) state[k] = 2
  }
}
