// What the conformance kit cannot see: the files. Data outlives the store, a crash mid-write leaves
// the district intact, every file is valid JSON, and failed writes change neither file nor memory.
import { describe, expect, it } from "@effect/vitest"
import { type Ids, MemoryStore, type Store, StoreCollections } from "@tongxin/core"
import { DistrictArbitrary } from "@tongxin/core/testing"
import { Fixtures } from "@tongxin/store-testkit"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as fc from "fast-check"
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { JsonFileStore } from "../src/index.js"

const freshDirectory = () => mkdtempSync(join(tmpdir(), "tongxin-jsonfile-test-"))
const open = (directory: string) => JsonFileStore.make({ directory })
const fileOf = (directory: string, d: string) => join(directory, JsonFileStore.fileName(d))
const caseId = (s: string) => s as Ids.CaseId

// Everything a store holds for one district, as one comparable value.
const snapshot = (store: Store.Service, d: Ids.DistrictId) =>
  Effect.gen(function* () {
    const out: Record<string, unknown> = { district: yield* store.getDistrict(d), data: yield* store.loadDistrict(d) }
    for (const name of StoreCollections.names) out[name] = (yield* store.list(d, name, { limit: 10_000 })).items
    out["events"] = yield* store.readAll(d, { limit: 10_000 })
    out["runs"] = yield* Effect.forEach(yield* store.listAssignmentRuns(d), (r) => store.getAssignmentRun(d, r.id))
    out["progress"] = yield* Effect.forEach((yield* store.list(d, "outcomes", { limit: 10_000 })).items, (o) =>
      store.listProgress(d, o.id),
    )
    out["evaluations"] = yield* Effect.forEach(yield* store.listEvaluations(d), (e) =>
      store.getEvaluation(d, e.rubricId, e.period),
    )
    return JSON.parse(JSON.stringify(out)) as unknown
  })

// One call of every kind of write.
const writeEverything = (store: Store.Service, d: Ids.DistrictId) =>
  Effect.gen(function* () {
    const data = Fixtures.district(d, { activities: 12 })
    yield* store.importDistrict(data)
    yield* store.upsert(d, "members", [{ ...data.members[0]!, name: '改名 \u2028 "引号" \\ 😀' }])
    yield* store.remove(d, "units", [data.units.at(-1)!.id])
    yield* store.upsert(d, "cases", [
      {
        id: caseId("case-1"),
        topic: "加装电梯",
        source: "residents",
        workflow: { id: "standard", version: 1 },
        openedOn: "2025-03-01" as never,
      },
    ])
    yield* store.append(d, caseId("case-1"), 0, [
      { type: "opened", data: { households: 24 }, meta: { actor: "office" } },
    ])
    yield* store.append(d, caseId("case-2"), 0, [{ type: "opened", data: null }])
    yield* store.append(d, caseId("case-1"), 1, [{ type: "approved", data: [1, 2.5, "二"] }])
    yield* store.saveAssignmentRun(d, {
      id: "r1",
      kind: "members-to-committees",
      createdAt: "2025-02-01T08:00:00Z",
      objective: 12.5,
      placements: [{ agent: "m000001", target: "lc-st000" }],
      meta: { solver: "test" },
    })
    yield* store.appendProgress(d, {
      outcomeId: data.outcomes[0]!.id,
      progress: 40,
      on: "2025-05-01" as never,
      note: "入户调查",
    })
    yield* store.saveEvaluation(d, {
      rubricId: "qingshan",
      period: "2025",
      computedAt: "2026-01-02T00:00:00Z",
      results: { top: ["m000001"] },
    })
    yield* store.putDistrict({ ...data.district, name: "青山区" })
  })

describe("JsonFileStore", () => {
  it.effect("data survives rebuilding the store on the same directory, and reads back like the reference store", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const d = Fixtures.freshDistrictId("persist")
      const other = Fixtures.freshDistrictId("persist")
      const first = yield* open(directory)
      const model = yield* MemoryStore.make
      for (const store of [first, model]) {
        yield* writeEverything(store, d)
        yield* store.putDistrict(Fixtures.districtInfo(other))
      }
      const before = yield* snapshot(first, d)
      expect(before).toEqual(yield* snapshot(model, d))

      const second = yield* open(directory)
      expect(yield* snapshot(second, d)).toEqual(before)
      expect((yield* second.listDistricts()).map((x) => x.id)).toEqual((yield* model.listDistricts()).map((x) => x.id))
      // Counters continue where they were: the next event is position 4, the next update seq 2.
      expect(yield* second.append(d, caseId("case-2"), 1, [{ type: "noted", data: 1 }])).toBe(2)
      expect((yield* second.readAll(d, { after: 3 })).map((e) => e.position)).toEqual([4])
      expect(
        (yield* second.appendProgress(d, {
          outcomeId: Fixtures.district(d).outcomes[1]!.id,
          progress: 50,
          on: "2025-06-01" as never,
        })).seq,
      ).toBe(2)
      rmSync(directory, { recursive: true, force: true })
    }),
  )

  it.effect("property: any valid district imported, written to and reopened reads back like the reference store", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(DistrictArbitrary.valid(DistrictArbitrary.small), async (data) => {
          const directory = freshDirectory()
          try {
            await Effect.runPromise(
              Effect.gen(function* () {
                const d = data.district.id
                const model = yield* MemoryStore.make
                const store = yield* open(directory)
                for (const s of [model, store]) {
                  yield* s.importDistrict(data)
                  yield* s.append(d, caseId("c"), 0, [{ type: "opened", data: { members: data.members.length } }])
                  if (data.outcomes[0] !== undefined)
                    yield* s.appendProgress(d, {
                      outcomeId: data.outcomes[0].id,
                      progress: 50,
                      on: "2025-06-01" as never,
                    })
                }
                expect(yield* snapshot(yield* open(directory), d)).toEqual(yield* snapshot(model, d))
              }),
            )
          } finally {
            rmSync(directory, { recursive: true, force: true })
          }
        }),
        { numRuns: 15 },
      ),
    ),
  )

  it.effect("a crash between writing the temporary file and the rename leaves the district intact", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const d = Fixtures.freshDistrictId("crash")
      const store = yield* open(directory)
      yield* writeEverything(store, d)
      const before = yield* snapshot(store, d)
      const file = fileOf(directory, d)
      const text = readFileSync(file, "utf8")
      // What a write killed after its temporary file (half written) and before its rename leaves behind.
      const stray = join(directory, `.${JsonFileStore.fileName(d)}.99999-0123456789ab.tmp`)
      writeFileSync(stray, text.slice(0, Math.floor(text.length / 2)))

      const reopened = yield* open(directory)
      expect(readFileSync(file, "utf8")).toBe(text)
      expect(yield* snapshot(reopened, d)).toEqual(before)
      expect((yield* reopened.listDistricts()).map((x) => x.id)).toEqual([d])
      // Opening the store cleared the leftover, and writes go on as usual.
      expect(readdirSync(directory)).toEqual([JsonFileStore.fileName(d)])
      yield* reopened.append(d, caseId("case-2"), 1, [{ type: "noted", data: null }])
      expect((yield* (yield* open(directory)).readCase(d, caseId("case-2"))).length).toBe(2)
      rmSync(directory, { recursive: true, force: true })
    }),
  )

  it.effect("the file on disk is valid JSON after every write, and holds what the store holds", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const d = Fixtures.freshDistrictId("valid")
      const store = yield* open(directory)
      const writes = [
        () => store.putDistrict(Fixtures.districtInfo(d)),
        ...[0, 1].map((i) => () => store.importDistrict(Fixtures.district(d, { activities: 5 + i }))),
        () =>
          store.upsert(d, "members", [
            { ...Fixtures.district(d).members[1]!, name: 'line\nbreak\ttab \u2029 {"json": 1}' },
          ]),
        () => store.remove(d, "activities", [Fixtures.district(d).activities[0]!.id]),
        () => store.append(d, caseId("c1"), 0, [{ type: "opened", data: { deep: { deeper: [null, true, -3e-7] } } }]),
        () =>
          store.saveAssignmentRun(d, {
            id: "r",
            kind: "k",
            createdAt: "2025-01-01T00:00:00Z",
            objective: 0,
            placements: [],
            meta: {},
          }),
        () =>
          store.appendProgress(d, {
            outcomeId: Fixtures.district(d).outcomes[0]!.id,
            progress: 7,
            on: "2025-01-02" as never,
          }),
        () => store.saveEvaluation(d, { rubricId: "r", period: "2025", computedAt: "t", results: null }),
        () =>
          store.transaction(
            Effect.andThen(
              store.append(d, caseId("c1"), 1, [{ type: "x", data: 1 }]),
              store.append(d, caseId("c2"), 0, [{ type: "y", data: 2 }]),
            ),
          ),
      ]
      for (const [i, write] of writes.entries()) {
        yield* write()
        const parsed = JSON.parse(readFileSync(fileOf(directory, d), "utf8")) as {
          format: string
          district: { id: string }
          collections: Record<string, ReadonlyArray<unknown>>
          events: ReadonlyArray<unknown>
        }
        expect(parsed.format, `after write ${i}`).toBe("tongxin-jsonfile")
        expect(parsed.district.id).toBe(d)
        expect(parsed.collections["members"]).toEqual((yield* store.list(d, "members", { limit: 10_000 })).items)
        expect(parsed.collections["activities"]).toEqual((yield* store.list(d, "activities", { limit: 10_000 })).items)
        expect(parsed.events.length).toBe((yield* store.readAll(d)).length)
        expect(
          readdirSync(directory).filter((n) => n.endsWith(".tmp")),
          "no temporary file is left",
        ).toEqual([])
      }
      rmSync(directory, { recursive: true, force: true })
    }),
  )

  it.effect("a write that fails on disk leaves the file and the memory as they were", () =>
    Effect.gen(function* () {
      const base = freshDirectory()
      const real = join(base, "real")
      const link = join(base, "store")
      mkdirSync(real)
      symlinkSync(real, link)
      const d = Fixtures.freshDistrictId("fail")
      const store = yield* open(link)
      yield* writeEverything(store, d)
      const before = yield* snapshot(store, d)
      const text = readFileSync(fileOf(real, d), "utf8")

      // Pull the directory away under the store: creating the temporary file fails.
      renameSync(real, join(base, "away"))
      const exit = yield* Effect.exit(
        store.upsert(d, "members", [{ ...Fixtures.district(d).members[2]!, name: "丢失的写入" }]),
      )
      renameSync(join(base, "away"), real)
      expect(Exit.isFailure(exit)).toBe(true)
      const error = Option.getOrUndefined(Exit.findErrorOption(exit))
      expect(error).toMatchObject({ _tag: "StoreError", operation: "upsert" })
      expect(error?.message).toContain(link)
      expect(yield* snapshot(store, d)).toEqual(before)
      expect(readFileSync(fileOf(real, d), "utf8")).toBe(text)
      expect(readdirSync(real)).toEqual([JsonFileStore.fileName(d)])
      rmSync(base, { recursive: true, force: true })
    }),
  )

  it.effect(
    "a transaction's writes are visible inside it, reach the files only when it commits, and vanish when it fails",
    () =>
      Effect.gen(function* () {
        const directory = freshDirectory()
        const a = Fixtures.freshDistrictId("tx")
        const b = Fixtures.freshDistrictId("tx")
        const store = yield* open(directory)
        yield* store.importDistrict(Fixtures.district(a))
        yield* store.importDistrict(Fixtures.district(b))
        const files = () => [readFileSync(fileOf(directory, a), "utf8"), readFileSync(fileOf(directory, b), "utf8")]
        const before = files()
        const fresh = Fixtures.freshDistrictId("tx")

        const failed = yield* Effect.exit(
          store.transaction(
            Effect.gen(function* () {
              yield* store.append(a, caseId("c"), 0, [{ type: "opened", data: null }])
              yield* store.append(b, caseId("c"), 0, [{ type: "opened", data: null }])
              yield* store.putDistrict(Fixtures.districtInfo(fresh))
              expect((yield* store.readCase(a, caseId("c"))).length).toBe(1)
              expect((yield* store.listDistricts()).map((x) => x.id)).toContain(fresh)
              expect(files()).toEqual(before)
              return yield* Effect.fail("give up" as const)
            }),
          ),
        )
        expect(failed).toEqual(Exit.fail("give up"))
        expect(files()).toEqual(before)
        expect(yield* store.readCase(a, caseId("c"))).toEqual([])
        expect(Option.isNone(yield* store.getDistrict(fresh))).toBe(true)
        expect(readdirSync(directory).sort()).toEqual([JsonFileStore.fileName(a), JsonFileStore.fileName(b)].sort())

        yield* store.transaction(
          Effect.andThen(
            store.append(a, caseId("c"), 0, [{ type: "opened", data: 1 }]),
            store.append(b, caseId("c"), 0, [{ type: "opened", data: 2 }]),
          ),
        )
        const reopened = yield* open(directory)
        expect((yield* reopened.readCase(a, caseId("c"))).map((e) => e.data)).toEqual([1])
        expect((yield* reopened.readCase(b, caseId("c"))).map((e) => e.data)).toEqual([2])
        rmSync(directory, { recursive: true, force: true })
      }),
  )

  it.effect("the honest limit: a transaction over two districts is atomic per file, not across files", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const a = Fixtures.freshDistrictId("limit-a")
      const b = Fixtures.freshDistrictId("limit-b")
      const store = yield* open(directory)
      yield* store.putDistrict(Fixtures.districtInfo(a))
      yield* store.putDistrict(Fixtures.districtInfo(b))
      // Make B's file impossible to replace: a non-empty directory where the file was.
      rmSync(fileOf(directory, b))
      mkdirSync(fileOf(directory, b))
      writeFileSync(join(fileOf(directory, b), "blocker"), "")

      const exit = yield* Effect.exit(
        store.transaction(
          Effect.andThen(
            store.append(a, caseId("c"), 0, [{ type: "first", data: null }]),
            store.append(b, caseId("c"), 0, [{ type: "second", data: null }]),
          ),
        ),
      )
      expect(exit._tag).toBe("Failure")
      // A's file was written before B's failed; B kept its old contents, in memory as on disk.
      expect((yield* store.readCase(a, caseId("c"))).length).toBe(1)
      expect(yield* store.readCase(b, caseId("c"))).toEqual([])
      expect(readdirSync(directory).filter((n) => n.endsWith(".tmp"))).toEqual([])
      rmSync(directory, { recursive: true, force: true })
    }),
  )

  it.effect("file names keep ids apart on any file system, and every id round-trips", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const long = "长".repeat(128)
      const ids = [
        "Qingshan",
        "qingshan",
        "..",
        ".hidden",
        "a/b\\c",
        "区:县*?",
        "%41",
        long,
        `${long.slice(0, 127)}x`,
      ] as Array<Ids.DistrictId>
      const names = ids.map(JsonFileStore.fileName)
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(ids.length)
      for (const n of names) {
        expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255)
        expect(n).toMatch(/^[a-z0-9_%~A-F-]+\.json$/)
      }
      const store = yield* open(directory)
      for (const id of ids) yield* store.putDistrict(Fixtures.districtInfo(id))
      const sorted = [...ids].sort(StoreCollections.compareKeys)
      expect((yield* store.listDistricts()).map((x) => x.id)).toEqual(sorted)
      expect((yield* (yield* open(directory)).listDistricts()).map((x) => x.id)).toEqual(sorted)
      rmSync(directory, { recursive: true, force: true })
    }),
  )

  it.effect("a file edited into something the store would not write is refused with its place, not misread", () =>
    Effect.gen(function* () {
      const directory = freshDirectory()
      const d = Fixtures.freshDistrictId("edited")
      yield* writeEverything(yield* open(directory), d)
      const file = fileOf(directory, d)
      const doc = JSON.parse(readFileSync(file, "utf8")) as { collections: { members: Array<Record<string, unknown>> } }
      doc.collections.members[3]!["level"] = "galactic"
      writeFileSync(file, JSON.stringify(doc))
      const exit = yield* Effect.exit((yield* open(directory)).get(d, "members", "m000003"))
      expect(exit._tag).toBe("Failure")
      const error = Option.getOrUndefined(Exit.findErrorOption(exit))
      expect(error).toMatchObject({ _tag: "StoreError", operation: "get" })
      expect(error?.message).toContain(file)
      expect(error?.message).toContain("collections.members[3].level")
      writeFileSync(file, "{ not json")
      const garbled = yield* Effect.exit((yield* open(directory)).getDistrict(d))
      expect(Option.getOrUndefined(Exit.findErrorOption(garbled))?.message).toContain("not valid JSON")
      rmSync(directory, { recursive: true, force: true })
    }),
  )
})
