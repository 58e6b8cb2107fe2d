// The scoring engine behind `Scoring.evaluate` and `Scoring.explain`. Records are laid out once per
// run as typed-array columns in (date, id) order; each item is then one tight pass over its
// column set, accumulating per-subject points in a Float64Array. Record ids are collected only when
// explaining.
import type { DistrictData } from "../model/District.js"
import type { DistrictIndex } from "../model/DistrictIndex.js"
import type { Period } from "../model/Period.js"
import { rollUp } from "../scoring/Progress.js"
import type { Item, Rubric, Selector, Split } from "../scoring/Rubric.js"
import type * as ScoringSelector from "../scoring/Selector.js"

export interface Subject {
  readonly id: string
  readonly name: string
}

export interface RecordHit {
  readonly recordId: string
  readonly points: number
}

export interface Tally {
  /** Points before caps, per subject slot. */
  readonly raw: Float64Array
  /** Occurrences that scored (after the first N), per subject slot. */
  readonly occurrences: Int32Array
  /** Per subject slot, when collecting. */
  readonly records?: Array<Array<RecordHit>>
}

export interface Engine {
  readonly subjects: ReadonlyArray<Subject>
  readonly slotOf: ReadonlyMap<string, number>
  /** Tallies every request; all attendance selectors share one pass over the attendance rows. */
  readonly tallyAll: (
    requests: ReadonlyArray<{ readonly select: Selector; readonly scoring: Scoring }>,
  ) => ReadonlyArray<Tally>
}

export interface Scoring {
  readonly points: number
  readonly per: Item["per"]
  readonly after: number
  readonly split?: Split | undefined
  readonly collectiveSplit?: Split | undefined
  readonly collect: boolean
}

const statusCode: Readonly<Record<string, number>> = { present: 0, excused: 1, unexcused: 2, late: 3, partial: 4 }
const speechCode: Readonly<Record<string, number>> = { oral: 1, written: 2 }

// Records in (date, id) order, so "the first N occurrences" and floating-point sums never depend on
// input order. Counting sort by day first, then each day's records by id: most comparisons are
// between numbers, and the string comparisons stay within a day.
const inDateOrder = <A extends { readonly id: string }>(items: ReadonlyArray<A>, date: (a: A) => string): Array<A> => {
  const day = new Int32Array(items.length)
  let min = Infinity
  let max = -Infinity
  items.forEach((a, i) => {
    const d = date(a)
    day[i] = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000
    if (day[i]! < min) min = day[i]!
    if (day[i]! > max) max = day[i]!
  })
  if (items.length === 0) return []
  const span = max - min + 1
  const byId = (x: A, y: A) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  if (span > 4 * items.length + 1024) {
    // Dates spread thinner than the records: a plain comparison sort is cheaper than the buckets.
    const order = Array.from({ length: items.length }, (_, i) => i)
    order.sort((x, y) => day[x]! - day[y]! || byId(items[x]!, items[y]!))
    return order.map((i) => items[i]!)
  }
  const start = new Int32Array(span + 1)
  for (let i = 0; i < items.length; i++) start[day[i]! - min + 1]!++
  for (let d = 0; d < span; d++) start[d + 1]! += start[d]!
  const out: Array<A> = new Array(items.length)
  const fill = start.slice(0, span)
  for (let i = 0; i < items.length; i++) out[fill[day[i]! - min]!++] = items[i]!
  for (let d = 0; d < span; d++) {
    if (start[d + 1]! - start[d]! < 2) continue
    const bucket = out.slice(start[d]!, start[d + 1]!).sort(byId)
    for (let k = 0; k < bucket.length; k++) out[start[d]! + k] = bucket[k]!
  }
  return out
}

export const make = (
  rubric: Rubric,
  data: DistrictData,
  index: DistrictIndex,
  period: Period,
  selectors: ReadonlyMap<string, ScoringSelector.Any>,
  only?: string,
): Engine => {
  const members = rubric.subject === "member"
  const levels = new Set<string>(rubric.levels)
  const all: Array<Subject> = members
    ? data.members.filter((m) => levels.size === 0 || levels.has(m.level)).map((m) => ({ id: m.id, name: m.name }))
    : data.committees.map((c) => ({ id: c.id, name: c.name }))
  const subjects = all
    .filter((s) => only === undefined || s.id === only)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const slotOf = new Map<string, number>()
  subjects.forEach((s, i) => {
    slotOf.set(s.id, i)
  })
  const n = subjects.length

  // Columns, built on first use. Activities and submissions in the period, in (date, id) order.
  // Activities in the period: in input order (cheap) and, built only when needed, in (date, id)
  // order with each one's type code and organising committee.
  let activityTypes:
    | { readonly inPeriod: ReadonlyArray<(typeof data.activities)[number]>; readonly typeCode: Map<string, number> }
    | undefined
  const activityIndex = () => {
    if (activityTypes !== undefined) return activityTypes
    const inPeriod = data.activities.filter((a) => a.date >= period.start && a.date <= period.end)
    const typeCode = new Map<string, number>()
    for (const a of inPeriod) if (!typeCode.has(a.type)) typeCode.set(a.type, typeCode.size)
    return (activityTypes = { inPeriod, typeCode })
  }
  let activityCols: ReturnType<typeof buildActivities> | undefined
  const activities = () => (activityCols ??= buildActivities())
  function buildActivities() {
    const { inPeriod, typeCode } = activityIndex()
    // Explaining one member needs only the activities that member attended.
    const list = inDateOrder(
      only === undefined || !members ? inPeriod : inPeriod.filter((a) => a.attendance.some((r) => r.memberId === only)),
      (a) => a.date,
    )
    const type = new Int32Array(list.length)
    list.forEach((a, i) => {
      type[i] = typeCode.get(a.type)!
    })
    // Committee subjects: the committees that organised each activity — the organising committee,
    // or every committee an organising branch serves (a joint branch serves several).
    const organiser: Array<ReadonlyArray<number>> = list.map(() => [])
    if (!members) {
      const committeesOfBranch = new Map(data.partyBranches.map((b) => [b.id as string, b.committeeIds]))
      list.forEach((a, i) => {
        const ids =
          a.organiser.kind === "committee"
            ? [a.organiser.id ?? ""]
            : a.organiser.kind === "party-branch"
              ? (committeesOfBranch.get(a.organiser.id ?? "") ?? [])
              : []
        organiser[i] = [...new Set(ids.flatMap((id) => slotOf.get(id) ?? []))]
      })
    }
    return { list, typeCode, type, organiser }
  }

  let submissionCols: ReturnType<typeof buildSubmissions> | undefined
  const submissions = () => (submissionCols ??= buildSubmissions())
  function buildSubmissions() {
    const list = inDateOrder(
      data.submissions.filter(
        (s) =>
          s.date >= period.start &&
          s.date <= period.end &&
          (only === undefined || !members || s.authors.includes(only as never)),
      ),
      (s) => s.date,
    )
    let rows = 0
    for (const s of list) rows += s.authors.length
    const subject = new Int32Array(rows)
    const submission = new Int32Array(rows)
    const position = new Int32Array(rows)
    let r = 0
    const committeeOf = (memberId: string) => index.committeesOf(memberId)[0]?.id
    list.forEach((s, i) => {
      s.authors.forEach((m, p) => {
        // Committee subjects: a submission counts once, for the lead author's committee.
        subject[r] = members ? (slotOf.get(m) ?? -1) : p === 0 ? (slotOf.get(committeeOf(m) ?? "") ?? -1) : -1
        submission[r] = i
        position[r] = p
        r++
      })
    })
    return { list, subject, submission, position }
  }

  let outcomeCols: ReturnType<typeof buildOutcomes> | undefined
  const outcomes = () => (outcomeCols ??= buildOutcomes())
  function buildOutcomes() {
    const ids = new Set(data.outcomes.map((o) => o.id as string))
    const progress = rollUp(data.outcomes)
    const list = inDateOrder(
      data.outcomes.filter(
        (o) =>
          (o.parentId === undefined || !ids.has(o.parentId)) &&
          o.assignedOn >= period.start &&
          o.assignedOn <= period.end,
      ),
      (o) => o.assignedOn,
    )
    const subject = new Int32Array(list.length)
    list.forEach((o, i) => {
      const street = o.unitId === undefined ? undefined : index.streetOf(o.unitId)
      const committee = street === undefined ? undefined : index.committeeOfStreet(street)
      subject[i] = committee === undefined ? -1 : (slotOf.get(committee.id) ?? -1)
    })
    return { list, subject, progress }
  }

  const newTally = (scoring: Scoring) => ({
    raw: new Float64Array(n),
    occurrences: new Int32Array(n),
    seen: new Int32Array(n),
    records: scoring.collect ? subjects.map((): Array<RecordHit> => []) : undefined,
  })

  // One pass over attendance rows for all attendance selectors: each row's subject is looked up
  // once, then tested against every selector's type, status and speech tables.
  const tallyAttendance = (
    requests: ReadonlyArray<{ readonly select: Extract<Selector, { from: "attendance" }>; readonly scoring: Scoring }>,
  ): ReadonlyArray<Tally> => {
    const c = activityIndex()
    const q = requests.map(({ select, scoring }) => {
      const typeOk = new Uint8Array(c.typeCode.size)
      if (select.types.length === 0) typeOk.fill(1)
      for (const t of select.types) {
        const code = c.typeCode.get(t)
        if (code !== undefined) typeOk[code] = 1
      }
      const statusOk = new Uint8Array(5)
      for (const st of select.statuses) statusOk[statusCode[st]!] = 1
      const speechOk = new Uint8Array(3)
      if (select.speech.length === 0) speechOk.fill(1)
      for (const sp of select.speech) speechOk[speechCode[sp]!] = 1
      return { typeOk, statusOk, speechOk, scoring, halfDay: scoring.per === "half-day", t: newTally(scoring) }
    })
    const k = q.length
    // Records are visited in (date, id) order only when it matters: when an item skips its first N
    // occurrences, or when its points are not multiples of ½ (then the order of floating-point
    // additions could show). Otherwise every addend is exact and any order gives the same sums, so
    // the rows are read in input order, which is kinder to the memory cache.
    const ordered = q.some((x) => x.scoring.after > 0 || !Number.isInteger(x.scoring.points * 2))
    const visit = (a: (typeof data.activities)[number], type: number) => {
      let any = false
      for (let j = 0; j < k; j++) if (q[j]!.typeOk[type] === 1) any = true
      if (!any) return
      for (const row of a.attendance) {
        const s = only !== undefined ? (n > 0 && row.memberId === only ? 0 : -1) : (slotOf.get(row.memberId) ?? -1)
        if (s < 0) continue
        // Comparisons rather than a keyed lookup: status strings are interned, so each is a pointer test.
        const status = row.status
        const st =
          status === "present" ? 0 : status === "late" ? 3 : status === "excused" ? 1 : status === "unexcused" ? 2 : 4
        const sp = row.speech === undefined ? 0 : row.speech === "oral" ? 1 : 2
        for (let j = 0; j < k; j++) {
          const x = q[j]!
          if (x.typeOk[type] === 0 || x.statusOk[st] === 0 || x.speechOk[sp] === 0) continue
          const t = x.t
          if (++t.seen[s]! <= x.scoring.after) continue
          const units = !x.halfDay
            ? 1
            : st === 0 || st === 3
              ? a.halfDays
              : st === 4
                ? (row.halfDays ?? a.halfDays / 2)
                : 0
          const points = x.scoring.points * units
          t.raw[s]! += points
          t.occurrences[s]!++
          if (t.records !== undefined) t.records[s]!.push({ recordId: a.id, points })
        }
      }
    }
    if (ordered || only !== undefined) {
      const sorted = activities()
      sorted.list.forEach((a, i) => {
        visit(a, sorted.type[i]!)
      })
    } else for (const a of c.inPeriod) visit(a, c.typeCode.get(a.type)!)
    return q.map(({ t }) =>
      t.records === undefined
        ? { raw: t.raw, occurrences: t.occurrences }
        : { raw: t.raw, occurrences: t.occurrences, records: t.records },
    )
  }

  const tallyAll = (
    requests: ReadonlyArray<{ readonly select: Selector; readonly scoring: Scoring }>,
  ): ReadonlyArray<Tally> => {
    const attendance = requests.flatMap((r, i) => (r.select.from === "attendance" ? [i] : []))
    const fused = tallyAttendance(
      attendance.map((i) => requests[i]! as { select: Extract<Selector, { from: "attendance" }>; scoring: Scoring }),
    )
    const out: Array<Tally> = requests.map((r) =>
      r.select.from === "attendance" ? (undefined as unknown as Tally) : tally(r.select, r.scoring),
    )
    attendance.forEach((i, j) => {
      out[i] = fused[j]!
    })
    return out
  }

  const tally = (select: Selector, scoring: Scoring): Tally => {
    const raw = new Float64Array(n)
    const occurrences = new Int32Array(n)
    const seen = new Int32Array(n)
    const records: Array<Array<RecordHit>> | undefined = scoring.collect ? subjects.map(() => []) : undefined
    // The record id is looked up only when explaining: no allocation per occurrence otherwise.
    let recordIds: ((i: number) => string) | undefined
    const add = (s: number, units: number, record: number) => {
      if (++seen[s]! <= scoring.after) return
      const points = scoring.points * units
      raw[s]! += points
      occurrences[s]!++
      if (records !== undefined) records[s]!.push({ recordId: recordIds!(record), points })
    }
    const halfDay = scoring.per === "half-day"
    switch (select.from) {
      case "attendance":
        throw new Error("scoring engine: attendance is tallied in the fused pass")
      case "activities": {
        const c = activities()
        const types = new Set<string>(select.types)
        recordIds = (i) => c.list[i]!.id
        c.list.forEach((a, i) => {
          if (types.size > 0 && !types.has(a.type)) return
          for (const s of c.organiser[i]!) add(s, halfDay ? a.halfDays : 1, i)
        })
        break
      }
      case "submissions": {
        const c = submissions()
        const kinds = new Set<string>(select.kinds)
        recordIds = (i) => c.list[i]!.id
        const rows = c.subject.length
        for (let r = 0; r < rows; r++) {
          const s = c.subject[r]!
          if (s < 0) continue
          const sub = c.list[c.submission[r]!]!
          const p = c.position[r]!
          if (
            (kinds.size > 0 && !kinds.has(sub.kind)) ||
            (select.role === "lead" && p !== 0) ||
            (select.role === "co" && p === 0)
          )
            continue
          if (select.collective !== undefined && sub.collective !== select.collective) continue
          if (select.flags.length > 0 && !select.flags.every((f) => sub.flags.includes(f))) continue
          const split = members ? ((sub.collective ? scoring.collectiveSplit : undefined) ?? scoring.split) : undefined
          const share = shareOf(split, p, sub.authors.length)
          if (share === 0) continue
          add(s, share, c.submission[r]!)
        }
        break
      }
      case "outcomes": {
        const c = outcomes()
        const statuses = new Set<string>(select.statuses)
        recordIds = (i) => c.list[i]!.id
        c.list.forEach((o, i) => {
          const s = c.subject[i]!
          if (s < 0 || (statuses.size > 0 && !statuses.has(o.status))) return
          add(s, scoring.per === "progress" ? (c.progress.get(o.id) ?? o.progress) / 100 : 1, i)
        })
        break
      }
      case "plugin": {
        const plugin = selectors.get(select.kind)
        if (plugin === undefined)
          throw new Error(`Scoring: selector "${select.kind}" is not registered; pass it in options.selectors`)
        const found = [...plugin.run({ data, index, period }, select.params)]
          .filter((o) => o.date >= period.start && o.date <= period.end)
          .sort((a, b) =>
            a.date < b.date ? -1 : a.date > b.date ? 1 : a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0,
          )
        recordIds = (i) => found[i]!.recordId
        found.forEach((o, i) => {
          const s = slotOf.get(o.subjectId)
          if (s !== undefined) add(s, scoring.per === "occurrence" ? 1 : (o.units ?? 1), i)
        })
        break
      }
    }
    return records === undefined ? { raw, occurrences } : { raw, occurrences, records }
  }

  return { subjects, slotOf, tallyAll }
}

// An author's share of a submission's points under a split policy; 0 for authors past maxAuthors.
export const shareOf = (split: Split | undefined, position: number, authors: number): number => {
  if (split === undefined || split.policy === "full")
    return split?.maxAuthors !== undefined && position >= split.maxAuthors ? 0 : 1
  const k = Math.min(authors, split.maxAuthors ?? authors)
  if (position >= k) return 0
  if (split.policy === "equal" || k === 1) return k === 1 ? 1 : 1 / k
  const first = split.firstShare ?? 0.5
  return position === 0 ? first : (1 - first) / (k - 1)
}
