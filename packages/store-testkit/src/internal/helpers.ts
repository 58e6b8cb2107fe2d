// Helpers the suites share: normalising district data the way a store returns it, and comparing
// outcomes of the same call on two stores.
import { District, type Ids, type Store, StoreCollections, type StoreError } from "@tongxin/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Result from "effect/Result"

/** What a store returns from `loadDistrict` for a document: decoded, each collection in key order. */
export const normalised = (data: unknown): District.DistrictData => {
  const parsed = District.parse(data)
  if (Result.isFailure(parsed)) throw new Error(`fixture does not validate:\n${parsed.failure.message}`)
  const out: Record<string, unknown> = { district: parsed.success.district }
  for (const name of StoreCollections.districtDataNames) {
    const d = StoreCollections.collections[name] as unknown as StoreCollections.Descriptor<unknown>
    out[name] = [...(parsed.success[name] as ReadonlyArray<unknown>)].sort((a, b) =>
      StoreCollections.compareKeys(d.key(a), d.key(b)),
    )
  }
  return JSON.parse(JSON.stringify(out)) as District.DistrictData
}

/** The failure of an effect, which must fail (not die). */
export const failure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<E, string, R> =>
  Effect.flatMap(Effect.exit(effect), (exit) => {
    if (Exit.isSuccess(exit)) return Effect.fail(`expected a failure, got success: ${JSON.stringify(exit.value)}`)
    const e = Cause.findErrorOption(exit.cause)
    return Option.isSome(e)
      ? Effect.succeed(e.value)
      : Effect.fail(`expected a typed failure, got ${Cause.pretty(exit.cause)}`)
  })

/** A comparable view of an exit: values as JSON, failures by tag and fields, defects by message. */
export const observe = (exit: Exit.Exit<unknown, unknown>): unknown => {
  if (Exit.isSuccess(exit)) return { ok: plain(exit.value) }
  const e = Cause.findErrorOption(exit.cause)
  if (Option.isNone(e)) return { defect: Cause.pretty(exit.cause) }
  const error = e.value as { _tag?: string }
  switch (error._tag) {
    case "InvalidInput":
    case "PayloadTooLarge":
    case "NotFound":
    case "VersionConflict": {
      const { stack: _s, ...fields } = error as Record<string, unknown>
      return { error: plain({ ...fields }) }
    }
    default:
      return { error: { _tag: error._tag ?? "unknown", message: String((error as { message?: unknown }).message) } }
  }
}

const plain = (v: unknown): unknown => {
  if (Option.isOption(v)) return Option.isSome(v) ? { some: plain(v.value) } : { none: true }
  if (v === undefined) return null
  return JSON.parse(JSON.stringify(v))
}

/** Every item of a collection, by paging through `list`. */
export const listAll = <K extends StoreCollections.Name>(
  store: Store.Service,
  district: Ids.DistrictId,
  collection: K,
  options: Omit<Store.ListOptions, "after"> = {},
): Effect.Effect<Array<StoreCollections.Item<K>>, StoreError.StoreError | StoreError.InvalidInput> =>
  Effect.gen(function* () {
    const out: Array<StoreCollections.Item<K>> = []
    let after: string | undefined
    for (;;) {
      const page: Store.Page<StoreCollections.Item<K>> = yield* store.list(
        district,
        collection,
        after === undefined ? options : { ...options, after },
      )
      out.push(...page.items)
      if (page.next === undefined) return out
      after = page.next
    }
  })
