// Bulk writes: rows go to PostgreSQL as one array per column, `INSERT … SELECT … FROM unnest(…)`,
// many thousand rows per statement, so an import costs a few dozen round trips instead of one per row.
import * as PgTypes from "@effect/sql-pg/PgTypes"
import * as Result from "effect/Result"

// Array parameters with their element type spelled out. @effect/sql-pg 4 binds arrays in binary and
// infers the element type from the values: it refuses a column that holds only nulls, and integers
// on both sides of 2^31 (int4 and int8), so the store never lets it guess.
const arrayOf =
  <A>(oid: number) =>
  (values: ReadonlyArray<A>): PgTypes.Parameter =>
    // The element types are built in, so there is always an array type to find.
    Result.getOrThrow(PgTypes.array(values, oid))

/** A `text[]` parameter. */
export const texts: (values: ReadonlyArray<string | null>) => PgTypes.Parameter = arrayOf(PgTypes.OID.text)

/** An `int4[]` parameter. */
export const ints: (values: ReadonlyArray<number | null>) => PgTypes.Parameter = arrayOf(PgTypes.OID.int4)

/** An `int8[]` parameter from safe integers. */
export const bigints = (values: ReadonlyArray<number>): PgTypes.Parameter =>
  arrayOf<bigint>(PgTypes.OID.int8)(values.map(BigInt))

/** Rows per statement: large enough to amortise a round trip, small enough to keep memory flat. */
export const maxRowsPerStatement = 50_000

/** Characters of JSON per statement, so a chunk of large documents stays far below PostgreSQL's 1 GB limit. */
export const maxCharsPerStatement = 16 * 1024 * 1024

/**
 * Splits rows 0…n-1 into ranges of at most `maxRowsPerStatement` rows and, where `size` is given, at
 * most `maxCharsPerStatement` characters (a single larger row gets a range of its own).
 */
export const ranges = (n: number, size?: (i: number) => number): Array<readonly [start: number, end: number]> => {
  const out: Array<readonly [number, number]> = []
  let start = 0
  let chars = 0
  for (let i = 0; i < n; i++) {
    const s = size === undefined ? 0 : size(i)
    if (i > start && (i - start >= maxRowsPerStatement || chars + s > maxCharsPerStatement)) {
      out.push([start, i])
      start = i
      chars = 0
    }
    chars += s
  }
  if (n > start) out.push([start, n])
  return out
}

/** Item rows of one collection, column by column. */
export interface ItemColumns {
  readonly key: Array<string>
  readonly f1: Array<string | null>
  readonly f2: Array<string | null>
  readonly f3: Array<string | null>
  readonly day: Array<string | null>
  readonly doc: Array<string>
}

/** @internal */
export const itemColumns = (): ItemColumns => ({ key: [], f1: [], f2: [], f3: [], day: [], doc: [] })

/** Attendance rows, column by column. */
export interface AttendanceColumns {
  readonly activityId: Array<string>
  readonly seq: Array<number>
  readonly memberId: Array<string>
  readonly status: Array<string>
  readonly halfDays: Array<number | null>
  readonly speech: Array<string | null>
}

/** @internal */
export const attendanceColumns = (): AttendanceColumns => ({
  activityId: [],
  seq: [],
  memberId: [],
  status: [],
  halfDays: [],
  speech: [],
})

/** An attendance entry as the model holds it. */
export interface AttendanceEntry {
  readonly memberId: string
  readonly status: string
  readonly halfDays?: number
  readonly speech?: string
}

/** Appends an activity's attendance rows to `columns`. */
export const pushAttendance = (
  columns: AttendanceColumns,
  activityId: string,
  entries: ReadonlyArray<AttendanceEntry>,
): void => {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    columns.activityId.push(activityId)
    columns.seq.push(i)
    columns.memberId.push(e.memberId)
    columns.status.push(e.status)
    columns.halfDays.push(e.halfDays ?? null)
    columns.speech.push(e.speech ?? null)
  }
}

/** An attendance entry from its columns, with the optional fields only where set. */
export const entry = (
  memberId: string,
  status: string,
  halfDays: number | null,
  speech: string | null,
): AttendanceEntry =>
  halfDays === null
    ? speech === null
      ? { memberId, status }
      : { memberId, status, speech }
    : speech === null
      ? { memberId, status, halfDays }
      : { memberId, status, halfDays, speech }

/** Attendance as the queries' `json_agg(json_build_array(member_id, status, half_days, speech))` gives it. */
export const attendanceOf = (
  rows: ReadonlyArray<readonly [string, string, number | null, string | null]> | null,
): Array<AttendanceEntry> => {
  if (rows === null) return []
  const out: Array<AttendanceEntry> = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const [memberId, status, halfDays, speech] = rows[i]!
    out[i] = entry(memberId, status, halfDays, speech)
  }
  return out
}
