// Two Schema helpers the plugin's options, payloads and parameters share (not exported from the
// package). Effect 4 spells a default as a decoding step; `withDefault` names it once.
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

/** An optional key that decodes to `value` when it is absent (an explicit `undefined` is refused). */
export const withDefault = <S extends Schema.Constraint>(schema: S, value: S["Type"]) =>
  Schema.withDecodingDefaultTypeKey<S>(Effect.succeed(value))(schema)

/** Text with something in it and no spaces around it. */
export const NonEmptyTrimmedString = Schema.NonEmptyString.check(Schema.isTrimmed())
