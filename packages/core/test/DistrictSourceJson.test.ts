// JSON text is read with JSON.parse, not as YAML (issue #20): the YAML parser built a syntax tree of
// every value, about 100 times JSON.parse's time. These tests pin that the fast reader gives exactly
// the issues, paths, lines and columns the YAML reader gave — compared with a copy of that reader as
// it was — and that it does not parse JSON as YAML at all unless it has to.
import { describe, expect, it } from "@effect/vitest"
import * as Result from "effect/Result"
import * as fc from "fast-check"
import { vi } from "vitest"
import * as YAML from "yaml"
import { District, DistrictSource, Issue } from "../src/index.js"
import { capIssues } from "../src/internal/inputLimits.js"
import { noDuplicateKeys, readJson } from "../src/internal/jsonText.js"
import { DistrictArbitrary } from "../src/testing/index.js"

// Counts YAML parses, passing every call through.
const yamlParses = vi.hoisted(() => ({ count: 0 }))
vi.mock("yaml", async (importOriginal) => {
  const yaml = await importOriginal<typeof import("yaml")>()
  return {
    ...yaml,
    parseDocument: (...args: Parameters<typeof yaml.parseDocument>) => {
      yamlParses.count++
      return yaml.parseDocument(...args)
    },
  }
})

// `DistrictSource.parseText` as it was before JSON was read with JSON.parse: every text through
// the YAML parser, repeated keys reported by it, positions from its syntax tree.
const parseTextBefore = (
  text: string,
  filename?: string,
): Result.Result<District.DistrictData, District.DistrictError> => {
  const file = filename === undefined ? {} : { file: filename }
  const lineCounter = new YAML.LineCounter()
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  const fail = (issues: ReadonlyArray<Issue.Issue>) => Result.fail(new District.DistrictError({ issues }))
  // The reader now reports syntax errors in file order; the parser reports them in the order it
  // builds nodes. Sorting (stably) by offset is the only change.
  if (doc.errors.length > 0)
    return fail(
      [...doc.errors]
        .sort((a, b) => a.pos[0] - b.pos[0])
        .map((e) => ({
          path: "(document)",
          code: "syntax",
          message: `the file is not valid JSON or YAML: ${e.message.split("\n")[0]}`,
          messageZh: `文件不是有效的 JSON 或 YAML：${e.message.split("\n")[0]}`,
          ...file,
          ...(e.linePos ? { line: e.linePos[0].line, column: e.linePos[0].col } : {}),
        })),
    )
  if (doc.contents === null)
    return fail([
      {
        path: "(document)",
        code: "empty",
        message: "the file is empty: it holds no JSON or YAML document",
        messageZh: "文件为空：没有 JSON 或 YAML 内容",
        ...file,
        line: 1,
        column: 1,
      },
    ])
  const offsetOf = (segments: ReadonlyArray<Issue.Segment>): number | undefined => {
    const start = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range?.[0]
    let node: unknown = doc.contents
    let offset = start(node)
    for (const segment of segments) {
      if (YAML.isMap(node)) {
        const pair = node.items.find(
          (p) => YAML.isPair(p) && YAML.isScalar(p.key) && String(p.key.value) === String(segment),
        )
        if (pair === undefined) break
        node = pair.value
        offset = start(pair.value) ?? start(pair.key) ?? offset
      } else if (YAML.isSeq(node) && typeof segment === "number") {
        const item = node.items[segment]
        if (item === undefined) break
        node = item
        offset = start(item) ?? offset
      } else break
    }
    return offset
  }
  return Result.mapError(District.parse(doc.toJS({ maxAliasCount: 1000 })), (error) => {
    const located = error.issues.map((issue) => {
      const pos = lineCounter.linePos(offsetOf(Issue.parsePath(issue.path)) ?? 0)
      return { ...issue, ...file, line: pos.line, column: pos.col }
    })
    const order = (i: Issue.Issue) => (i.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (i.column ?? 0)
    return new District.DistrictError({ issues: located.sort((a, b) => order(a) - order(b)) })
  })
}

const outcome = (result: Result.Result<District.DistrictData, District.DistrictError>) =>
  Result.isSuccess(result) ? { ok: result.success } : { issues: result.failure.issues }

// The old reader returned every problem, whole; readers now return the first 1,000, then one saying
// how many more, and cut paths and messages past 1,000 characters (both tested in InputLimits.test.ts).
const capped = (result: Result.Result<District.DistrictData, District.DistrictError>) =>
  Result.isSuccess(result) ? outcome(result) : { issues: capIssues(result.failure.issues) }

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }

// A wrong value of every kind, including the kinds a clerk's edit produces.
const wrong: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, 0, -1, 1.5, "", " x ", "county", "2025-13-45", "s1", "m1", [], {}, [1, "a"]),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
)

interface Mutation {
  readonly steps: ReadonlyArray<number>
  readonly kind: "set" | "delete" | "add-key" | "repeat-key" | "duplicate-item"
  readonly value: Json
  readonly key: string
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  kind: fc.constantFrom("set", "delete", "add-key", "repeat-key", "duplicate-item"),
  value: wrong,
  key: fc.string({ maxLength: 6 }),
})

// A key JSON.stringify writes and the text then turns into a repeat of the key after the marker
// (an object's first key), with another value.
const repeatMarker = "__repeat-key__"

const mutate = (doc: Json, mutations: ReadonlyArray<Mutation>): Json => {
  const copy = structuredClone(doc)
  for (const m0 of mutations) {
    // Each mutation gets its own copy of its value: fast-check may hand the same object to two of
    // them, and a later one writing into it would make the document contain itself.
    const m = { ...m0, value: structuredClone(m0.value) }
    let node = copy
    for (const step of m.steps.slice(0, -1)) {
      const next = Array.isArray(node)
        ? node[step % Math.max(1, node.length)]
        : node !== null && typeof node === "object"
          ? node[Object.keys(node)[step % Math.max(1, Object.keys(node).length)] ?? ""]
          : undefined
      if (next === undefined || next === null || typeof next !== "object") break
      node = next
    }
    const last = m.steps.at(-1)!
    if (Array.isArray(node)) {
      const at = last % Math.max(1, node.length)
      if (m.kind === "delete") node.splice(at, 1)
      else if (m.kind === "duplicate-item" && node.length > 0) node.splice(at, 0, structuredClone(node[at]!))
      else node[at] = m.value
    } else if (node !== null && typeof node === "object") {
      const keys = Object.keys(node)
      const key = keys[last % Math.max(1, keys.length)]
      if (m.kind === "add-key") node[m.key] = m.value
      else if (m.kind === "repeat-key" && keys[0] !== undefined) node[`${repeatMarker}${keys[0]}`] = m.value
      else if (key !== undefined && m.kind === "delete") delete node[key]
      else if (key !== undefined) node[key] = m.value
    }
  }
  return copy
}

// JSON text as people and programs write it; a repeat marker becomes the key it names.
const write = (doc: Json, indent: 0 | 2 | "\t"): string =>
  JSON.stringify(doc, null, indent === 0 ? undefined : indent).replaceAll(`"${repeatMarker}`, '"')

describe("JSON read with JSON.parse gives what the YAML reader gave", () => {
  const district = DistrictArbitrary.valid().map((d) => JSON.parse(JSON.stringify(District.encode(d))) as Json)

  it("broken JSON districts: the same issues, paths, lines and columns, or the same district", () => {
    fc.assert(
      fc.property(
        district,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<0 | 2 | "\t">(0, 2, "\t"),
        (doc, mutations, indent) => {
          const text = write(mutate(doc, mutations), indent)
          expect(outcome(DistrictSource.parseText(text, { filename: "d.json" }))).toEqual(
            capped(parseTextBefore(text, "d.json")),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it("JSON cut short or garbled, and YAML: read by the YAML parser, with the same problems as before", () => {
    const edit = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 20 }),
      insert: fc.constantFrom("", "{", "]", ",", '"', ":", "\n", "\t", "#"),
    })
    fc.assert(
      fc.property(
        district,
        fc.array(mutation, { maxLength: 2 }),
        fc.array(edit, { maxLength: 2 }),
        fc.boolean(),
        (doc, mutations, edits, yaml) => {
          const broken = mutate(doc, mutations)
          let text = yaml ? YAML.stringify(broken) : write(broken, 2)
          for (const e of edits) {
            const at = e.at % (text.length + 1)
            text = text.slice(0, at) + e.insert + text.slice(at + e.cut)
          }
          expect(outcome(DistrictSource.parseText(text, { filename: "d" }))).toEqual(capped(parseTextBefore(text, "d")))
        },
      ),
      { numRuns: 150 },
    )
  })

  it("the Qingshan file with problems planted in it: the same problems at the same lines", async () => {
    const { readFileSync } = await import("node:fs")
    const text = readFileSync(new URL("../../../examples/qingshan/data/qingshan.json", import.meta.url), "utf8")
    const broken = text
      .replace('"level": "district"', '"level": "county"')
      .replace(/"date": "2025-0\d/, '"date": "2025-13')
      .replace('"partyMember": true', '"partyMember": "yes", "partyMember": true')
    const before = outcome(parseTextBefore(broken, "qingshan.json"))
    expect(before).toHaveProperty("issues")
    expect(outcome(DistrictSource.parseText(broken, { filename: "qingshan.json" }))).toEqual(before)
    const moved = text
      .replace('"level": "district"', '"level": "county"')
      .replace(/"date": "2025-0\d/, '"date": "2025-13')
    const issues = outcome(DistrictSource.parseText(moved, { filename: "qingshan.json" }))
    expect(issues).toEqual(outcome(parseTextBefore(moved, "qingshan.json")))
    expect((issues as { issues: ReadonlyArray<Issue.Issue> }).issues.map((i) => i.code)).toEqual(["invalid", "invalid"])
  })
})

describe("JSON is not parsed as YAML unless it has to be", () => {
  const valid = JSON.stringify({ district: { id: "d", name: "区", sectors: [] } }, null, 2)
  const parses = (text: string) => {
    yamlParses.count = 0
    DistrictSource.parseText(text)
    return yamlParses.count
  }

  it("valid JSON, and JSON with shape or integrity problems, never reaches the YAML parser", () => {
    expect(parses(valid)).toBe(0)
    expect(parses(`\ufeff  \n${valid}`)).toBe(0)
    expect(parses(JSON.stringify({ district: 5, units: [{ id: "u" }] }))).toBe(0)
    expect(parses("[1, 2]")).toBe(0)
  })

  it("YAML, JSON that JSON.parse refuses and JSON that may repeat a key are read as YAML", () => {
    expect(parses("district:\n  id: d\n")).toBe(1)
    expect(parses('{ "district": { "id": "d", ')).toBe(1)
    expect(parses('{"district": {"id": "d", "id": "e"}}')).toBe(1)
    expect(parses('{"district": {"id": "d", "\\u003a": 1}}')).toBe(1)
  })

  it("valid JSON the YAML parser refused (lines ending in a lone CR) is read", () => {
    const text = valid.replaceAll("\n", "\r")
    expect(Result.isFailure(parseTextBefore(text))).toBe(true)
    expect(Result.isSuccess(DistrictSource.parseText(text))).toBe(true)
  })
})

describe("repeated keys in JSON, found by counting", () => {
  const check = (text: string) => noDuplicateKeys(text, JSON.parse(text))

  it("a key repeated anywhere is found; colons inside strings and keys are not keys", () => {
    expect(check('{"a": 1, "b": {"c": "x:y", "d:e": [{"f": ":"}]}}')).toBe(true)
    expect(check('{"a": 1, "a": 2}')).toBe(false)
    expect(check('{"a": {"b": "x:y", "b": "z"}}')).toBe(false)
    expect(check('[{"a": 1}, {"a": 1}]')).toBe(true)
    expect(check('{"__proto__": {"a": 1}, "b": 2}')).toBe(true)
    expect(check('{"__proto__": 1, "__proto__": 2}')).toBe(false)
    // A colon written as an escape cannot be told from a key by counting: left to the YAML reader.
    expect(check('{"a": "\\u003a"}')).toBe(false)
  })

  it("for any JSON value: a repeat is found exactly when the text has one", () => {
    // JSON text of `value` with the first key of its `n`th object written twice.
    const withRepeat = (value: unknown, n: number): string => {
      let objects = 0
      const write = (v: unknown): string => {
        if (Array.isArray(v)) return `[${v.map(write).join(",")}]`
        if (v === null || typeof v !== "object") return JSON.stringify(v)
        const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`)
        if (objects++ === n && entries.length > 0) entries.push(entries[0]!)
        return `{${entries.join(",")}}`
      }
      return write(value)
    }
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 20 }), (value, n) => {
        const text = JSON.stringify(value)
        const escaped = /\\u003[aA]/.test(text)
        expect(noDuplicateKeys(text, value)).toBe(!escaped)
        const repeated = withRepeat(value, n)
        if (repeated !== text) expect(noDuplicateKeys(repeated, JSON.parse(repeated))).toBe(false)
      }),
    )
  })

  it("positions of the values on many paths are found in one pass", () => {
    const text = '{\n  "a": [1, {"b": "x"}, [2, 3]],\n  "c": {"3": true, "d": null}\n}'
    const doc = readJson(text)!
    expect(
      doc.offsets([[], ["a"], ["a", 1, "b"], ["a", 2, 1], ["a", 7], ["c", 3], ["c", "3"], ["c", "d", "e"], ["z"]]),
    ).toEqual([
      0,
      text.indexOf("["),
      text.indexOf('"x"'),
      text.indexOf("3]"),
      text.indexOf("["),
      text.indexOf("true"),
      text.indexOf("true"),
      text.indexOf("null"),
      0,
    ])
  })
})
