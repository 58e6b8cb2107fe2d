// Attendance rows are most of a district document (a national import has tens of millions), and
// decoding them through Schema costs ~4 µs a row. This check accepts exactly what the `Attendance`
// schema accepts — or less: any row it is unsure of sends the whole document back to Schema, which
// then reports every problem with its path.
import { AttendanceStatus, type Attendance, maxHalfDays, Speech } from "../model/Activity.js"
import { idPattern } from "./schema.js"

/** Normalised copies of the rows, or `undefined` when Schema must judge them. */
export const fastAttendance = (rows: unknown): Array<Attendance> | undefined => {
  if (!Array.isArray(rows)) return undefined
  const out = new Array<Attendance>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i]
    if (typeof row !== "object" || row === null || Array.isArray(row)) return undefined
    const r = row as Record<string, unknown>
    let fields = 0
    // Own fields only, as Schema reads them: an inherited one is missing.
    if (!Object.hasOwn(r, "memberId") || !Object.hasOwn(r, "status")) return undefined
    const memberId = r["memberId"]
    const status = r["status"]
    if (typeof memberId !== "string" || !idPattern.test(memberId)) return undefined
    if (typeof status !== "string" || !AttendanceStatus.is(status)) return undefined
    fields += 2
    const copy: { -readonly [K in keyof Attendance]: Attendance[K] } = {
      memberId: memberId as Attendance["memberId"],
      status,
    }
    if (Object.hasOwn(r, "halfDays")) {
      const h = r["halfDays"]
      if (typeof h !== "number" || !Number.isSafeInteger(h) || h < 0 || h > maxHalfDays) return undefined
      copy.halfDays = h
      fields++
    }
    if (Object.hasOwn(r, "speech")) {
      const s = r["speech"]
      if (typeof s !== "string" || !Speech.is(s)) return undefined
      copy.speech = s
      fields++
    }
    // Any other field (symbols and non-enumerable ones included, as Schema sees them) is an error
    // Schema must report.
    if (Reflect.ownKeys(r).length !== fields) return undefined
    out[i] = copy
  }
  return out
}
