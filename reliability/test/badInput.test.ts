// Bad input: fast-check breaks valid district files (JSON and YAML), CSV folders and rubrics —
// fields removed, set to wrong values, unknown keys added, items duplicated, text cut or garbled —
// and every reader answers with typed, located problems in both languages and never throws. A
// broken district handed to a store is refused with InvalidInput and the store's rows stay exactly
// as they were.
import { DistrictCsv, DistrictSource, type District, type Ids, Scoring, type Store } from "@tongxin/core"
import { TongxinCli } from "@tongxin/cli"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Fixtures from "@tongxin/store-testkit/fixtures"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { stringify as toYaml } from "yaml"
import { adapters, failure, open, type Open, run, tempDir } from "./support.js"

type Json = null | boolean | number | string | Array<Json> | { [k: string]: Json }

// Values a clerk's spreadsheet or a hand edit could put anywhere.
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    -1,
    0,
    1.5,
    1e12,
    "",
    " ",
    "x y",
    "😀",
    "9999-99-99",
    "2025-02-30",
    true,
    [],
    {},
    "a".repeat(300),
    "present",
    "m999999",
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
)

// Every place in a document: the containers and the key or index inside them.
const places = (
  value: Json,
  out: Array<{ parent: Json; key: string | number }> = [],
): Array<{ parent: Json; key: string | number }> => {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push({ parent: value, key: i }), places(v, out)
    })
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push({ parent: value, key: k }), places(v, out)
  return out
}

type Mutation =
  | { kind: "set"; at: number; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "add"; at: number; value: Json }
  | { kind: "duplicate"; at: number }
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("add" as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
)

const mutate = (doc: Json, mutations: ReadonlyArray<Mutation>): Json => {
  const copy = JSON.parse(JSON.stringify(doc)) as Json
  for (const m of mutations) {
    const all = places(copy)
    if (all.length === 0) break
    const { parent, key } = all[m.at % all.length]!
    const container = parent as Record<string | number, Json>
    if (m.kind === "set") container[key] = m.value
    else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(key as number, 1) : delete container[key]
    else if (m.kind === "add") {
      const target = container[key]
      if (target !== null && typeof target === "object" && !Array.isArray(target)) target["unexpectedField"] = m.value
      else if (Array.isArray(target)) target.push(m.value)
    } else if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number])) as Json)
  }
  return copy
}

// Text edits: cut short, a stray character, a character lost.
type Edit = { kind: "cut" | "insert" | "drop"; at: number; char: string }
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("cut", "insert", "drop"),
  at: fc.nat(),
  char: fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\n", "\t", "\\", " ", "x", "-", "#"),
})
const editText = (text: string, e: Edit): string => {
  const at = e.at % (text.length + 1)
  return e.kind === "cut"
    ? text.slice(0, at)
    : e.kind === "insert"
      ? text.slice(0, at) + e.char + text.slice(at)
      : text.slice(0, at) + text.slice(at + 1)
}

// Words a clerk can act on: no schema type names from the decoder.
const jargon = /Encoded side|ReadonlyArray|Struct|Refinement|Transformation|\bAST\b/
const expectPlainWords = (i: { message: string; messageZh: string }) => {
  expect(i.message.trim()).not.toBe("")
  expect(i.messageZh.trim()).not.toBe("")
  expect(i.message).not.toMatch(jargon)
  expect(i.messageZh).not.toMatch(jargon)
}

// What every reported problem must carry: a code, both languages, the file, a line.
const expectLocated = (
  issues: ReadonlyArray<{
    path: string
    code: string
    message: string
    messageZh: string
    file?: string
    line?: number
  }>,
  file: string,
) => {
  expect(issues.length).toBeGreaterThan(0)
  for (const i of issues) {
    expect(i.code).not.toBe("")
    expectPlainWords(i)
    expect(i.file).toBe(file)
    expect(typeof i.line === "number" && i.line >= 1, `no line for ${JSON.stringify(i)}`).toBe(true)
  }
}

// A document broken by 1–3 mutations, as JSON or YAML text: the reader either accepts it or
// reports located problems under its error tag; it never throws.
const brokenDocuments = (
  doc: Json,
  name: string,
  tag: string,
  read: (
    text: string,
    filename: string,
  ) => Result.Result<
    unknown,
    { readonly _tag: string; readonly issues: ReadonlyArray<Parameters<typeof expectLocated>[0][number]> }
  >,
) =>
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, yaml) => {
      const broken = mutate(doc, mutations)
      const file = `${name}.${yaml ? "yaml" : "json"}`
      const result = read(yaml ? toYaml(broken) : JSON.stringify(broken, null, 2), file)
      if (Result.isFailure(result)) {
        expect(result.failure._tag).toBe(tag)
        expectLocated(result.failure.issues, file)
      }
    }),
    { numRuns: 400 },
  )

const districtId = "bad-input" as Ids.DistrictId
const valid = Fixtures.district(districtId)
const validDoc = JSON.parse(JSON.stringify(valid)) as Json
const validText = JSON.stringify(valid, null, 2)

describe("malformed district files", () => {
  it("JSON and YAML with broken fields: typed, located problems or a valid district, never a throw", () =>
    brokenDocuments(validDoc, "district", "DistrictError", (text, filename) =>
      DistrictSource.parseText(text, { filename }),
    ))

  it("text cut short or garbled: typed, located problems, never a throw", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edits.reduce(editText, validText)
        const result = DistrictSource.parseText(text, { filename: "district.json" })
        if (Result.isFailure(result)) expectLocated(result.failure.issues, "district.json")
      }),
      { numRuns: 400 },
    )
  })
})

describe("malformed CSV folders", () => {
  const files = DistrictCsv.toFiles(valid)
  const names = [...files.keys()].filter((n) => n.endsWith(".csv"))
  const cell = fc.oneof(
    wrongValue.map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
    fc.constantFrom('"', '""', "a,b", "a\nb", "\t"),
  )
  type CsvEdit = {
    file: number
    line: number
    column: number
    value: string
    kind: "cell" | "drop-column" | "extra-column" | "drop-line" | "duplicate-line"
  }
  const csvEdit: fc.Arbitrary<CsvEdit> = fc.record({
    file: fc.nat(),
    line: fc.nat(),
    column: fc.nat(),
    value: cell,
    kind: fc.constantFrom("cell", "drop-column", "extra-column", "drop-line", "duplicate-line"),
  })
  // Cells are edited naively (split on commas), as a hand edit would: quotes may end up unbalanced.
  const apply = (folder: Map<string, string>, e: CsvEdit) => {
    const name = names[e.file % names.length]!
    const lines = folder.get(name)!.split("\n")
    const at = e.line % Math.max(1, lines.length - 1)
    const cells = lines[at]!.split(",")
    const col = e.column % cells.length
    if (e.kind === "cell") cells[col] = e.value
    else if (e.kind === "drop-column") cells.splice(col, 1)
    else if (e.kind === "extra-column") cells.push(e.value)
    if (e.kind === "drop-line") lines.splice(at, 1)
    else if (e.kind === "duplicate-line") lines.splice(at, 0, lines[at]!)
    else lines[at] = cells.join(",")
    folder.set(name, lines.join("\n"))
  }

  it("broken cells, columns and lines: every problem names its file and line, never a throw", () => {
    fc.assert(
      fc.property(fc.array(csvEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        const folder = new Map(files)
        edits.forEach((e) => {
          apply(folder, e)
        })
        const result = DistrictCsv.parseFolder(folder)
        if (Result.isFailure(result)) {
          expect(result.failure.issues.length).toBeGreaterThan(0)
          for (const i of result.failure.issues) {
            expectPlainWords(i)
            // Problems with a row carry the file and the line; a whole-district problem (e.g. a
            // dangling reference across files) carries at least the file or a path.
            expect(i.file !== undefined || i.path !== "", JSON.stringify(i)).toBe(true)
            if (i.file?.endsWith(".csv") && i.line === undefined) expect(i.path, JSON.stringify(i)).not.toBe("")
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  // The command a clerk runs, in process: `tongxin import <folder> --store sqlite:<file> --json`.
  const tongxin = async (args: ReadonlyArray<string>): Promise<{ readonly code: number; readonly output: string }> => {
    const lines: Array<string> = []
    const capture = (...a: ReadonlyArray<unknown>) => void lines.push(a.map(String).join(" "))
    const captured: Console.Console = {
      ...globalThis.console,
      log: capture,
      info: capture,
      error: capture,
      warn: capture,
    }
    const code = await Effect.runPromise(
      TongxinCli.run(["node", "tongxin", ...args]).pipe(
        Effect.provideService(Console.Console, captured),
        Effect.provide(TongxinCli.layer),
      ),
    )
    return { code, output: lines.join("\n") }
  }
  const writeFolder = (folder: ReadonlyMap<string, string>, dir: string) => {
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of folder) writeFileSync(join(dir, name), text)
    return dir
  }

  it("a broken folder given to `tongxin import` exits 1 naming the file, and the SQLite store keeps the district it had", async () => {
    const dir = tempDir()
    const target = `sqlite:${join(dir, "store.db")}`
    expect((await tongxin(["import", writeFolder(files, join(dir, "valid")), "--store", target, "--json"])).code).toBe(
      0,
    )
    const stored = async () => {
      const opened = await open(SqliteStore.layer({ filename: join(dir, "store.db") }))
      try {
        return await run(opened.store.loadDistrict(districtId))
      } finally {
        await opened.close()
      }
    }
    const before = await stored()
    expect(before).toMatchObject({ _tag: "Some", value: { members: valid.members } })
    let refused = 0
    await fc.assert(
      fc.asyncProperty(fc.array(csvEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const folder = new Map(files)
        edits.forEach((e) => {
          apply(folder, e)
        })
        if (Result.isSuccess(DistrictCsv.parseFolder(folder))) return
        refused++
        const r = await tongxin([
          "import",
          writeFolder(folder, join(dir, `broken-${refused}`)),
          "--store",
          target,
          "--json",
        ])
        expect(r.code, r.output).toBe(1)
        expect(r.output).toMatch(/\.(csv|yaml)/)
        expect(await stored()).toEqual(before)
      }),
      { numRuns: 40 },
    )
    expect(refused).toBeGreaterThan(10)
  })
})

describe("malformed rubrics", () => {
  const require = createRequire(import.meta.url)
  const rubricDoc = JSON.parse(readFileSync(require.resolve("@tongxin/core/rubrics/qingshan.json"), "utf8")) as Json
  it("the Qingshan rubric, broken: typed, located problems or a valid rubric, never a throw", () =>
    brokenDocuments(rubricDoc, "rubric", "RubricError", (text, filename) =>
      Scoring.parseRubricText(text, { filename }),
    ))
})

describe.each(["memory", "sqlite", "postgres"] as const)("a broken district handed to the %s store", (name) => {
  let opened: Open
  let before: unknown
  const counts = (store: Store.Service) =>
    run(store.loadDistrict(districtId)).then(async (data) => ({
      data,
      cases: await run(store.count(districtId, "cases")),
    }))
  beforeAll(async () => {
    opened = await open(name === "postgres" ? adapters.postgres() : adapters[name]())
    await run(opened.store.importDistrict(valid))
    before = await counts(opened.store)
  })
  afterAll(() => opened.close())

  it("is refused with InvalidInput (exactly when the parser refuses it) and the store's rows are unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const broken = mutate(validDoc, mutations)
        const parsed = DistrictSource.parseText(JSON.stringify(broken))
        const error = await failure(opened.store.importDistrict(broken as unknown as District.DistrictData))
        if (Result.isFailure(parsed)) {
          expect(error).toMatchObject({ _tag: "InvalidInput", operation: "importDistrict" })
          expect(await counts(opened.store)).toEqual(before)
        } else {
          // A harmless edit (e.g. a wrong but allowed value) imports; put the original back.
          expect(error).toBeUndefined()
          await run(opened.store.importDistrict(valid))
        }
      }),
      { numRuns: name === "memory" ? 200 : 60 },
    )
  })
})
