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
