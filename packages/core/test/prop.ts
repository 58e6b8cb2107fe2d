// Property tests over hand-written fast-check arbitraries. @effect/vitest 4's `it.prop` takes
// Schemas (or effect/Arbitrary values); generators that build coherent data (references that
// resolve, trees) are written with fast-check and registered through this helper.
import { it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import * as fc from "fast-check"

type Values<Arbs extends ReadonlyArray<fc.Arbitrary<unknown>>> = {
  [K in keyof Arbs]: Arbs[K] extends fc.Arbitrary<infer A> ? A : never
}

export const prop = <const Arbs extends ReadonlyArray<fc.Arbitrary<unknown>>>(
  name: string,
  arbitraries: Arbs,
  property: (values: Values<Arbs>) => boolean | void,
  options: { readonly fastCheck?: fc.Parameters<unknown>; readonly timeout?: number } = {},
): void => {
  it(
    name,
    () => {
      fc.assert(
        fc.property(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), (...values: Array<unknown>) =>
          property(values as Values<Arbs>),
        ),
        options.fastCheck as fc.Parameters<[unknown, ...Array<unknown>]>,
      )
    },
    options.timeout,
  )
}

/**
 * A fast-check arbitrary of values Effect derives from a Schema (effect/Arbitrary), for mixing
 * schema-derived values with hand-written generators. Each run draws one value from a seed, so
 * failures replay; shrinking happens on the seed, not the value.
 */
export const fromSchema = <S extends Schema.Top>(schema: S, size = 10): fc.Arbitrary<S["Type"]> => {
  const arbitrary = Arbitrary.schema(schema)
  const draw = (seed: number): S["Type"] =>
    Effect.runSync(
      Arbitrary.sampleEffect(arbitrary, { count: 1, seed, size }).pipe(
        // effect/Arbitrary (unstable in 4.1) gives up on about 1.5% of seeds for a whole district
        // (every candidate discarded); the next seed is as good a random value.
        Effect.catchTag("SampleError", () => Effect.sync(() => draw(seed + 1)).pipe(Effect.map((a) => [a]))),
      ),
    )[0] as S["Type"]
  return fc.nat().map(draw)
}
