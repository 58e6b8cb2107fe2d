// Deliberately broken adapters: each wraps the in-memory store and breaks one promise of the port.
// The kit must fail every one of them (see ../kit.test.ts).
import { type Ids, MemoryStore, Store, type StoreCollections } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

const broken = (f: (store: Store.Service) => Partial<Store.Service>): Layer.Layer<Store.Store> =>
  Layer.effect(
    Store.Store,
    Effect.map(MemoryStore.make, (store) => ({ ...store, ...f(store) })),
  )

export const adapters = {
  // Drops the last item of every batch of two or more, and says it wrote them all.
  "lost-write": broken((store) => ({
    upsert: (district, collection, items) =>
      Effect.as(store.upsert(district, collection, items.length > 1 ? items.slice(0, -1) : items), items.length),
  })),
  // Appends whatever version the caller expected.
  "ignored-expected-version": broken((store) => ({
    append: (district, caseId, _expected, events) =>
      Effect.flatMap(store.readCase(district, caseId), (current) =>
        store.append(district, caseId, current.length, events),
      ),
  })),
  // Honours the expected version on short cases only: from the third event on, appends anyway.
  "stale-version-on-long-cases": broken((store) => ({
    append: (district, caseId, expected, events) =>
      Effect.flatMap(store.readCase(district, caseId), (current) =>
        store.append(district, caseId, current.length >= 3 ? current.length : expected, events),
      ),
  })),
  // Checks the expected version, lets other fibers run, then appends at whatever the version is
  // by then: two writers racing on one version both succeed.
  "check-then-append": broken((store) => ({
    append: (district, caseId, expected, events) =>
      Effect.gen(function* () {
        const before = (yield* store.readCase(district, caseId)).length
        if (before !== expected) return yield* store.append(district, caseId, expected, events)
        yield* Effect.yieldNow
        return yield* store.append(district, caseId, (yield* store.readCase(district, caseId)).length, events)
      }),
  })),
  // Filtered reads also return the matching rows of every other district.
  "leaking-filtered-reads": broken((store) => {
    const others = (district: Ids.DistrictId) =>
      Effect.map(store.listDistricts(), (all) => all.filter((d) => d.id !== district).map((d) => d.id))
    return {
      list: (district, collection, options) => {
        const filter = options?.filter
        return filter === undefined
          ? store.list(district, collection, options)
          : Effect.gen(function* () {
              const page = yield* store.list(district, collection, options)
              const extra = yield* Effect.forEach(yield* others(district), (d) =>
                store.list(d, collection, { filter, limit: 1 }),
              )
              return { ...page, items: [...page.items, ...extra.flatMap((p) => p.items)] }
            })
      },
      count: (district, collection, options) =>
        options?.filter === undefined
          ? store.count(district, collection, options)
          : Effect.gen(function* () {
              const own = yield* store.count(district, collection, options)
              const extra = yield* Effect.forEach(yield* others(district), (d) => store.count(d, collection, options))
              return own + extra.reduce((n, m) => n + m, 0)
            }),
    } as Partial<Store.Service>
  }),
  // `get` falls back to another district that has the key.
  "leaking-tenant": broken((store) => ({
    get: <K extends StoreCollections.Name>(district: Ids.DistrictId, collection: K, key: string) =>
      Effect.flatMap(store.get(district, collection, key), (found) =>
        Option.isSome(found)
          ? Effect.succeed(found)
          : Effect.flatMap(store.listDistricts(), (all) =>
              Effect.reduce(
                all,
                () => found,
                (acc: Option.Option<StoreCollections.Item<K>>, d) =>
                  Option.isSome(acc) || d.id === district ? Effect.succeed(acc) : store.get(d.id, collection, key),
              ),
            ),
      ),
  })),
  // Writes the district record and its units before checking the rest of the document.
  "half-applied-import": broken((store) => ({
    importDistrict: (data) =>
      Effect.gen(function* () {
        yield* Effect.ignore(store.putDistrict(data.district))
        yield* Effect.ignore(store.upsert(data.district.id, "units", data.units))
        return yield* store.importDistrict(data)
      }),
  })),
} satisfies Record<string, Layer.Layer<Store.Store>>

export type BrokenAdapter = keyof typeof adapters
