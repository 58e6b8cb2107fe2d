/**
 * District data as a folder of CSV files, the way spreadsheets export it: `district.yaml` (or
 * `district.json`) holds the district section, and one CSV file per collection (`members.csv`,
 * `activities.csv`, …) holds its items, one row each, with columns named after the fields.
 * Attendance rows, participant groups and outcome milestones sit in their own files
 * (`attendance.csv`, `participants.csv`, `milestones.csv`) and name the item they belong to.
 *
 * Cells: empty means absent; list fields (`memberIds`, `authors`, `flags`, …) are `;`-separated in
 * one cell (write `\;` for a semicolon inside an item and `\\` for a backslash); booleans are
 * `true`/`false` (or 是/否); nested fields have dotted columns (`organiser.kind`).
 *
 * Every problem, from the CSV text or from {@link District.parse}, points at its file, line and
 * column (the 1-based cell index). Reading keeps to the limits of `DistrictSource`: a file
 * that is not text (a spreadsheet saved as `.xlsx` and renamed) gets one issue, at most 1,000
 * issues come back (then one saying how many more), and nothing is thrown.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import { formatCsv, parseCsv, type CsvRecord } from "../internal/csv.js"
import { cutText } from "../internal/echo.js"
import { capIssues, notText, unexpected } from "../internal/inputLimits.js"
import { readSource } from "../internal/sourceText.js"
import { type DistrictData, DistrictError, type ValidateOptions, encode, parse } from "./District.js"
import * as Issue from "./Issue.js"

type Kind = "string" | "number" | "boolean" | "list"

/** The columns of one CSV file: field path (dotted for nested fields) and how to read its cells. */
type Columns = ReadonlyArray<readonly [string, Kind]>

const s = (name: string) => [name, "string"] as const
const num = (name: string) => [name, "number"] as const
const bool = (name: string) => [name, "boolean"] as const
const list = (name: string) => [name, "list"] as const

/** The collections read from CSV files and their columns, in the order `toFiles` writes them. */
const tables = {
  units: [s("id"), s("kind"), s("name"), s("nameEn"), s("parentId")],
  platforms: [s("id"), s("unitId"), s("name"), list("conveners"), s("activeFrom"), s("activeTo")],
  members: [
    s("id"),
    s("name"),
    s("gender"),
    s("level"),
    s("sector"),
    bool("partyMember"),
    bool("standingCommittee"),
    bool("chairmansMeeting"),
    list("specialCommitteeIds"),
    s("residenceUnitId"),
    s("workUnitId"),
    s("employer"),
  ],
  committees: [s("id"), s("streetId"), s("name"), s("head"), list("memberIds")],
  partyBranches: [
    s("id"),
    s("kind"),
    s("name"),
    list("committeeIds"),
    s("secretaryId"),
    s("firstSecretary.name"),
    s("firstSecretary.memberId"),
    list("memberIds"),
  ],
  studios: [s("id"), s("name"), s("leadMemberId"), list("memberIds"), s("theme"), s("unitId"), s("establishedOn")],
  specialCommittees: [s("id"), s("name"), s("nameEn"), list("streetIds")],
  guidance: [s("memberId"), s("streetId")],
  activities: [
    s("id"),
    s("type"),
    s("title"),
    s("date"),
    num("halfDays"),
    s("unitId"),
    s("platformId"),
    s("organiser.kind"),
    s("organiser.id"),
  ],
  submissions: [s("id"), s("kind"), s("title"), s("date"), list("authors"), bool("collective"), list("flags")],
  outcomes: [
    s("id"),
    s("title"),
    s("caseId"),
    s("parentId"),
    s("unitId"),
    s("handlingUnit"),
    num("weight"),
    s("status"),
    num("progress"),
    s("assignedOn"),
    s("dueOn"),
    s("completedOn"),
    s("feedbackOn"),
    s("metOn"),
    bool("implemented"),
    s("satisfaction"),
  ],
} as const satisfies Record<string, Columns>

type Collection = keyof typeof tables

/** Rows that belong to an item of another collection: the key column naming it and the field they fill. */
const children = {
  attendance: {
    parent: "activities",
    key: "activityId",
    field: "attendance",
    columns: [s("memberId"), s("status"), num("halfDays"), s("speech")],
  },
  participants: {
    parent: "activities",
    key: "activityId",
    field: "participants",
    columns: [s("kind"), num("count"), list("names")],
  },
  milestones: {
    parent: "outcomes",
    key: "outcomeId",
    field: "milestones",
    columns: [s("title"), s("due"), s("doneOn")],
  },
} as const satisfies Record<string, { parent: Collection; key: string; field: string; columns: Columns }>

type Child = keyof typeof children

const districtNames = ["district.yaml", "district.yml", "district.json"] as const

/**
 * @since 0.1.0
 * @category models
 */
export interface ParseFolderOptions extends ValidateOptions {
  /** The folder as shown in issues: `file` becomes `<folder>/members.csv`. */
  readonly folder?: string
}

/**
 * The file names a CSV folder may hold: the district document and one CSV file per collection.
 *
 * @since 0.1.0
 * @category constants
 */
export const fileNames: ReadonlyArray<string> = [
  ...districtNames,
  ...[...Object.keys(tables), ...Object.keys(children)].map((k) => `${k}.csv`),
]

/**
 * Whether a folder's file names make it a CSV folder: it holds at least one `.csv` file.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCsvFolder = (names: Iterable<string>): boolean =>
  [...names].some((n) => n.toLowerCase().endsWith(".csv"))

// Where an item of a collection came from: its file, the line its row starts on and its header.
interface Origin {
  readonly file: string
  readonly line: number
  readonly header: Header
}

// A header row and, for locating issues in one lookup, the first column of each name and of each
// dotted prefix (`organiser` for `organiser.kind`).
interface Header {
  readonly names: ReadonlyArray<string>
  readonly columns: ReadonlyMap<string, number>
  readonly prefixes: ReadonlyMap<string, number>
}

const headerOf = (names: ReadonlyArray<string>): Header => {
  const columns = new Map<string, number>()
  const prefixes = new Map<string, number>()
  names.forEach((name, i) => {
    if (!columns.has(name)) columns.set(name, i)
    for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) {
      const prefix = name.slice(0, dot)
      if (!prefixes.has(prefix)) prefixes.set(prefix, i)
    }
  })
  return { names, columns, prefixes }
}

const issue = (
  file: string,
  line: number,
  column: number,
  path: string,
  code: string,
  message: string,
  messageZh: string,
): Issue.Issue => ({ path, code, message, messageZh, file, line, column })

// A list cell: items separated by `;`, with `\;` and `\\` escapes; blank items are dropped.
const splitList = (cell: string): Array<string> => {
  const items: Array<string> = []
  let current = ""
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!
    if (c === "\\" && (cell[i + 1] === ";" || cell[i + 1] === "\\")) {
      current += cell[i + 1]
      i++
    } else if (c === ";") {
      items.push(current)
      current = ""
    } else current += c
  }
  items.push(current)
  return items.map((x) => x.trim()).filter((x) => x !== "")
}

const joinList = (items: ReadonlyArray<string>): string =>
  items.map((x) => x.replace(/\\/g, "\\\\").replace(/;/g, "\\;")).join(";")

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

// A cell as a field value. Cells that are not what the field wants stay text, so `District.parse`
// reports them with its usual message.
const readCell = (cell: string, kind: Kind): unknown => {
  switch (kind) {
    case "string":
      return cell
    case "number": {
      const t = cell.trim()
      return numberPattern.test(t) ? Number(t) : cell
    }
    case "boolean": {
      const t = cell.trim().toLowerCase()
      return t === "true" || t === "是" ? true : t === "false" || t === "否" ? false : cell
    }
    case "list":
      return splitList(cell)
  }
}

const setPath = (target: Record<string, unknown>, path: string, value: unknown): void => {
  const dot = path.indexOf(".")
  if (dot < 0) {
    target[path] = value
    return
  }
  const head = path.slice(0, dot)
  const inner = (target[head] ??= {}) as Record<string, unknown>
  setPath(inner, path.slice(dot + 1), value)
}

const getPath = (source: unknown, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (v, k) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined),
      source,
    )

interface Table {
  readonly file: string
  readonly header: Header
  readonly rows: ReadonlyArray<{
    readonly line: number
    readonly value: Record<string, unknown>
    readonly key?: string
  }>
}

// Reads one CSV file into objects, reporting syntax problems, bad headers and rows of the wrong length.
const readTable = (
  file: string,
  text: string,
  columns: Columns,
  issues: Array<Issue.Issue>,
  key?: string,
): Table | undefined => {
  const binary = notText(text, file)
  if (binary !== undefined) {
    issues.push(binary)
    return undefined
  }
  const parsed = parseCsv(text)
  for (const e of parsed.errors)
    issues.push(issue(file, e.line, e.column, "(document)", "csv-syntax", e.message, e.messageZh))
  const [head, ...body] = parsed.records as [CsvRecord | undefined, ...Array<CsvRecord>]
  if (head === undefined) {
    issues.push(
      issue(
        file,
        1,
        1,
        "(document)",
        "csv-no-header",
        "the file has no header row (the first line names the columns)",
        "文件缺少表头（第一行应为各列名称）",
      ),
    )
    return undefined
  }
  const kinds = new Map<string, Kind>(columns)
  const header = head.cells.map((c) => c.trim())
  const use: Array<Kind | undefined> = []
  const seen = new Set<string>()
  header.forEach((name, i) => {
    const column = i + 1
    if (name === "") {
      issues.push(
        issue(
          file,
          head.line,
          column,
          "(header)",
          "csv-empty-column",
          "a column has no name in the header row",
          "表头中有一列没有名称",
        ),
      )
    } else if (seen.has(name)) {
      issues.push(
        issue(
          file,
          head.line,
          column,
          name,
          "csv-duplicate-column",
          `the column "${cutText(name)}" appears twice`,
          `列“${cutText(name, undefined, "zh")}”出现了两次`,
        ),
      )
    } else if (name !== key && !kinds.has(name)) {
      const known = [...(key === undefined ? [] : [key]), ...kinds.keys()].join(", ")
      issues.push(
        issue(
          file,
          head.line,
          column,
          name,
          "csv-unknown-column",
          `"${cutText(name)}" is not a known column (known: ${known})`,
          `“${cutText(name, undefined, "zh")}”不是可识别的列（可用的列：${known}）`,
        ),
      )
    } else {
      use[i] = name === key ? "string" : kinds.get(name)
    }
    seen.add(name)
  })
  if (key !== undefined && !header.includes(key)) {
    issues.push(
      issue(file, head.line, 1, key, "csv-missing-column", `the column "${key}" is required`, `缺少必需的列“${key}”`),
    )
    return undefined
  }
  const rows: Array<Table["rows"][number]> = []
  for (const record of body) {
    if (record.cells.length !== header.length) {
      const column = Math.min(record.cells.length, header.length) + 1
      issues.push(
        issue(
          file,
          record.line,
          column,
          "(row)",
          "csv-row-length",
          `the row has ${record.cells.length} cells but the header has ${header.length} columns`,
          `该行有 ${record.cells.length} 个单元格，但表头有 ${header.length} 列`,
        ),
      )
      // The row is still read, cells past the header ignored, so its id counts as present and the
      // fields it lacks are reported where it is.
    }
    const value: Record<string, unknown> = {}
    let rowKey: string | undefined
    record.cells.slice(0, header.length).forEach((cell, i) => {
      const kind = use[i]
      if (kind === undefined || cell === "") return
      if (header[i] === key) rowKey = cell.trim()
      else setPath(value, header[i]!, readCell(cell, kind))
    })
    rows.push(rowKey === undefined ? { line: record.line, value } : { line: record.line, value, key: rowKey })
  }
  return { file, header: headerOf(header), rows }
}

/**
 * Reads a CSV folder (file name → text) and decodes it as district data. The failure lists the
 * problems (the first 1,000, file by file, then one saying how many more), each with its file, line
 * and column; nothing partial is returned, and nothing is thrown. Time grows linearly with the
 * folder, however many rows are broken.
 *
 * @example
 * import { DistrictCsv } from "@tongxin/core"
 *
 * const files = new Map([
 *   ["district.yaml", "id: d1\nname: 青山区\nsectors: []\n"],
 *   ["units.csv", "id,kind,name\ns1,street,红卫路街道\n"],
 * ])
 * const result = DistrictCsv.parseFolder(files)
 *
 * @since 0.1.0
 * @category decoding
 */
export const parseFolder = (
  files: ReadonlyMap<string, string>,
  options: ParseFolderOptions = {},
): Result.Result<DistrictData, DistrictError> => {
  try {
    return readFolder(files, options)
  } catch (e) {
    return Result.fail(new DistrictError({ issues: [unexpected(e, options.folder)] }))
  }
}

const readFolder = (
  files: ReadonlyMap<string, string>,
  options: ParseFolderOptions,
): Result.Result<DistrictData, DistrictError> => {
  const shown = (name: string) =>
    options.folder === undefined ? name : `${options.folder.replace(/[\\/]+$/, "")}/${name}`
  const issues: Array<Issue.Issue> = []

  // The district section.
  const districtName = districtNames.find((n) => files.has(n))
  let districtFile = shown(districtName ?? districtNames[0])
  let input: Record<string, unknown> = {}
  // Locates issues of the district file, all in one call: locating reads the file once per call.
  let locateDistrict: (issues: ReadonlyArray<Issue.Issue>) => ReadonlyArray<Issue.Issue> = (xs) =>
    xs.map((i) => ({ ...i, file: districtFile }))
  if (districtName === undefined) {
    issues.push(
      issue(
        districtFile,
        1,
        1,
        "district",
        "csv-no-district",
        `the folder has no district file (${districtNames.join(", ")}) with the district's id, name and sectors`,
        `文件夹中缺少区信息文件（${districtNames.join("、")}），应写明区的编号、名称和界别`,
      ),
    )
  } else {
    districtFile = shown(districtName)
    const doc = readSource(files.get(districtName)!, districtFile)
    if (Result.isFailure(doc)) for (const i of doc.failure) issues.push(i)
    else {
      const value = doc.success.value
      const record =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : undefined
      if (record !== undefined && "district" in record) {
        // The whole document form: { district: {...} } (collections may be given here too).
        input = { ...record }
        locateDistrict = doc.success.locate
      } else {
        // The district section alone: { id, name, sectors, ... }.
        input = { district: value }
        locateDistrict = (xs) => {
          const inside = xs.filter((i) => Issue.parsePath(i.path)[0] === "district")
          const located = doc.success.locate(
            inside.map((i) => ({ ...i, path: Issue.formatPath(Issue.parsePath(i.path).slice(1)) })),
          )
          let k = 0
          return xs.map((i) =>
            Issue.parsePath(i.path)[0] === "district"
              ? { ...located[k++]!, path: i.path }
              : { ...i, file: districtFile },
          )
        }
      }
    }
  }

  // Files nobody reads are probably misnamed.
  for (const name of files.keys()) {
    if (name.toLowerCase().endsWith(".csv") && !fileNames.includes(name)) {
      const known = fileNames.filter((n) => n.endsWith(".csv")).join(", ")
      issues.push(
        issue(
          shown(name),
          1,
          1,
          "(document)",
          "csv-unknown-file",
          `"${cutText(name)}" is not a known CSV file (known: ${known})`,
          `“${cutText(name, undefined, "zh")}”不是可识别的 CSV 文件（可用的文件：${known}）`,
        ),
      )
    }
  }

  // Collections: the item at each index and where it came from.
  const origins: Record<string, Array<Origin>> = {}
  const items: Record<string, Array<Record<string, unknown>>> = {}
  for (const [key, columns] of Object.entries(tables) as Array<[Collection, Columns]>) {
    const text = files.get(`${key}.csv`)
    if (text === undefined) continue
    const file = shown(`${key}.csv`)
    if (input[key] !== undefined) {
      issues.push(
        issue(
          file,
          1,
          1,
          key,
          "csv-duplicate-collection",
          `${key} are given both in ${districtFile} and in ${key}.csv`,
          `${key} 同时出现在 ${districtFile} 和 ${key}.csv 中`,
        ),
      )
      continue
    }
    const table = readTable(file, text, columns, issues)
    if (table === undefined) continue
    items[key] = table.rows.map((r) => r.value)
    origins[key] = table.rows.map((r) => ({ file, line: r.line, header: table.header }))
  }

  // Rows that belong to items of other collections, grouped in file order.
  const childOrigins = new Map<string, Array<Origin>>() // `${parent}[${i}].${field}` → origins
  for (const [name, spec] of Object.entries(children) as Array<[Child, (typeof children)[Child]]>) {
    const text = files.get(`${name}.csv`)
    if (text === undefined) continue
    const file = shown(`${name}.csv`)
    const table = readTable(file, text, spec.columns, issues, spec.key)
    if (table === undefined) continue
    const parents = items[spec.parent]
    const index = new Map<string, number>()
    parents?.forEach((p, i) => {
      if (typeof p["id"] === "string" && !index.has(p["id"])) index.set(p["id"], i)
    })
    const keyColumn = (table.header.columns.get(spec.key) ?? -1) + 1
    for (const row of table.rows) {
      const at = row.key === undefined ? undefined : index.get(row.key)
      if (at === undefined) {
        const [message, messageZh] =
          row.key === undefined
            ? [`the ${spec.key} cell is empty`, `${spec.key} 单元格为空`]
            : [
                `no row of ${spec.parent}.csv has the id "${cutText(row.key)}"`,
                `${spec.parent}.csv 中没有编号为“${cutText(row.key, undefined, "zh")}”的行`,
              ]
        issues.push(issue(file, row.line, keyColumn, spec.key, "csv-unknown-parent", message, messageZh))
        continue
      }
      const parent = parents![at]!
      const rows = ((parent[spec.field] as Array<unknown> | undefined) ??= [])
      const path = `${spec.parent}[${at}].${spec.field}`
      const list = childOrigins.get(path) ?? []
      childOrigins.set(path, list)
      list.push({ file, line: row.line, header: table.header })
      rows.push(row.value)
    }
  }
  for (const [key, value] of Object.entries(items)) input[key] = value

  const result = parse(input, options)
  const decodeIssues = Result.isFailure(result) ? result.failure.issues : []
  if (issues.length === 0 && Result.isSuccess(result)) return result

  // Points an issue of `District.parse` at the row and column it came from; `undefined` for an
  // issue of the district file, located below with the others.
  const locate = (i: Issue.Issue): Issue.Issue | undefined => {
    const segments = Issue.parsePath(i.path)
    const [head, index, ...rest] = segments
    if (typeof head !== "string" || origins[head] === undefined) return undefined
    if (typeof index !== "number") return { ...i, file: shown(`${head}.csv`), line: 1, column: 1 }
    let origin = origins[head][index]
    let fields = rest
    const [field, childIndex, ...childRest] = rest
    if (typeof field === "string" && typeof childIndex === "number") {
      const child = childOrigins.get(`${head}[${index}].${field}`)?.[childIndex]
      if (child !== undefined) {
        origin = child
        fields = childRest
      }
    }
    if (origin === undefined) return { ...i, file: shown(`${head}.csv`) }
    // The column of the longest dotted field name the path starts with.
    let column = 1
    const names = fields.filter((f): f is string => typeof f === "string")
    for (let n = names.length; n > 0; n--) {
      const c = origin.header.columns.get(names.slice(0, n).join("."))
      if (c !== undefined) {
        column = c + 1
        break
      }
    }
    // A missing nested struct: point at its first column.
    if (column === 1 && names[0] !== undefined) {
      const c = origin.header.prefixes.get(names[0])
      if (c !== undefined) column = c + 1
    }
    return { ...i, file: origin.file, line: origin.line, column }
  }

  const inCsv = decodeIssues.map(locate)
  const inDistrict = locateDistrict(decodeIssues.filter((_, k) => inCsv[k] === undefined))
  let d = 0
  const located = [...issues, ...inCsv.map((i) => i ?? inDistrict[d++]!)]
  const order = (i: Issue.Issue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.column ?? 0)
  // Grouped by file (the district file, then the collections in the order of `fileNames`, then
  // unknown files), each top to bottom. Appending to each file's list keeps this linear.
  const byFile = new Map<string, Array<Issue.Issue>>()
  for (const i of located) {
    const f = i.file ?? ""
    const list = byFile.get(f)
    if (list === undefined) byFile.set(f, [i])
    else list.push(i)
  }
  const rank = (file: string) => {
    const r = fileNames.findIndex((n) => shown(n) === file)
    return r < 0 ? fileNames.length : r
  }
  const sorted = [...byFile.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .flatMap(([, xs]) => xs.sort((a, b) => order(a) - order(b)))
  return Result.fail(new DistrictError({ issues: capIssues(sorted, options.folder) }))
}

const writeCell = (value: unknown, kind: Kind): string => {
  if (value === undefined || value === null) return ""
  if (kind === "list") return joinList(value as ReadonlyArray<string>)
  return String(value)
}

const writeTable = (
  columns: Columns,
  rows: ReadonlyArray<unknown>,
  key?: readonly [string, ReadonlyArray<string>],
): string =>
  formatCsv([
    [...(key === undefined ? [] : [key[0]]), ...columns.map(([name]) => name)],
    ...rows.map((row, i) => [
      ...(key === undefined ? [] : [key[1][i]!]),
      ...columns.map(([name, kind]) => writeCell(getPath(row, name), kind)),
    ]),
  ])

/**
 * Writes district data as a CSV folder (file name → text): `district.json` with the district
 * section and one CSV file per collection that has items. `parseFolder(toFiles(d))` equals `d`.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toFiles = (data: DistrictData): Map<string, string> => {
  const encoded = encode(data) as unknown as Record<string, unknown>
  const files = new Map<string, string>()
  const head: Record<string, unknown> = {}
  if (encoded["$schema"] !== undefined) head["$schema"] = encoded["$schema"]
  head["district"] = encoded["district"]
  files.set("district.json", JSON.stringify(head, null, 2) + "\n")
  for (const [key, columns] of Object.entries(tables) as Array<[Collection, Columns]>) {
    const rows = (encoded[key] as ReadonlyArray<unknown> | undefined) ?? []
    if (rows.length > 0) files.set(`${key}.csv`, writeTable(columns, rows))
  }
  for (const [name, spec] of Object.entries(children) as Array<[Child, (typeof children)[Child]]>) {
    const parents = (encoded[spec.parent] as ReadonlyArray<Record<string, unknown>> | undefined) ?? []
    const keys: Array<string> = []
    const rows: Array<unknown> = []
    for (const p of parents) {
      for (const row of (p[spec.field] as ReadonlyArray<unknown> | undefined) ?? []) {
        keys.push(String(p["id"]))
        rows.push(row)
      }
    }
    if (rows.length > 0) files.set(`${name}.csv`, writeTable(spec.columns, rows, [spec.key, keys]))
  }
  return files
}
