// Schema helpers shared by the model. Optional fields are exact (absent, never `undefined`) so a bad
// value is reported once, not also as "expected undefined".
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"

/** An optional field: the key may be absent, but when present its value must decode. */
export const optional = <S extends Schema.Constraint>(schema: S) => Schema.optionalKey(schema)

/** An optional field that decodes to `value` when the key is absent. */
export const withDefault = <S extends Schema.Constraint>(schema: S, value: () => S["Type"]) =>
  Schema.withDecodingDefaultTypeKey<S>(Effect.sync(value))(schema)

// Schema messages carry both languages, joined by a unit separator that `Issue.fromSchemaError`
// splits on; Effect's own messages get a generic Chinese rendering there.
export const bilingualSeparator = "\u001f"

export const bilingual = (en: string, zh: string): string => `${en}${bilingualSeparator}${zh}`

/**
 * An annotation key read by `Issue.fromSchemaError`: a function from the rejected value to a
 * bilingual message, for type and literal failures whose message must show what was found.
 */
export const describeRejected = "tongxin/describeRejected"

/** A check whose failure says, in both languages, what was wrong with the value. */
export const refineWith = <T>(
  predicate: (value: T) => boolean,
  message: (value: T) => string,
  annotations?: Schema.Annotations.Filter,
): SchemaAST.Filter<T> => Schema.makeFilter<T>((value) => (predicate(value) ? undefined : message(value)), annotations)

/**
 * Text with something in it and no spaces around it (v3's `NonEmptyTrimmedString`, with our
 * own message).
 */
export const NonEmptyTrimmedString = Schema.String.check(
  refineWith(
    (s: string) => s.length > 0 && s.trim() === s,
    () => bilingual("must be non-empty text without leading or trailing spaces", "应为非空文本，且首尾不能有空格"),
    { arbitraryConstraint: { patterns: [{ source: "^\\S(.*\\S)?$", flags: "" }], minLength: 1 } },
  ),
).annotate({ identifier: "NonEmptyTrimmedString" })

/** Decoding options used for every user input: report every problem and every unknown key. */
export const strictAll = { errors: "all", onExcessProperty: "error", reportInput: true } as const

// Ids: no whitespace, no NUL and no broken characters — PostgreSQL cannot store NUL in text, and
// neither database can store a lone UTF-16 surrogate. With the `u` flag the surrogate range matches
// only unpaired halves.
export const idPattern = /^[^\s\0\uD800-\uDFFF]{1,128}$/u

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a database can keep the text as it is: valid Unicode without NUL. */
export const isWellFormed = (s: string): boolean => !unstorable.test(s)

/** Text that is valid Unicode, for values a store keeps as plain text columns. */
export const wellFormed = <S extends Schema.Codec<string, string>>(schema: S) =>
  schema.check(
    refineWith(isWellFormed, () =>
      bilingual("must be valid Unicode text without NUL characters", "应为有效的 Unicode 文本，且不含 NUL 字符"),
    ),
  )

const expected = (en: string, zh: string) => (value: unknown) =>
  bilingual(`expected ${en}, got ${JSON.stringify(value)}`, `应为${zh}，实际为 ${JSON.stringify(value)}`)

/** A whole number. */
export const isInt = refineWith(Number.isSafeInteger, expected("a whole number", "整数"), {
  arbitraryConstraint: { number: "integer" },
})

/** A number above zero. */
export const isPositive = refineWith((n: number) => n > 0, expected("a positive number", "正数"), {
  arbitraryConstraint: { minimum: 0, exclusiveMinimum: true },
})

/** Zero or more. */
export const isNonNegative = refineWith((n: number) => n >= 0, expected("zero or a positive number", "零或正数"), {
  arbitraryConstraint: { minimum: 0 },
})

/** A finite number (not NaN or ±Infinity). */
export const isFiniteNumber = refineWith(Number.isFinite, expected("a finite number", "有限的数字"), {
  arbitraryConstraint: { number: "finite" },
})

/** A number from `min` to `max`, both included. */
export const isBetween = (min: number, max: number) =>
  refineWith(
    (n: number) => n >= min && n <= max,
    expected(`a number from ${min} to ${max}`, ` ${min} 至 ${max} 之间的数字`),
    {
      arbitraryConstraint: { minimum: min, maximum: max },
    },
  )

/**
 * For a union of objects told apart by `key` (`from`, `count`, …): Effect 4 reports an object that
 * no member accepts at the object itself; the author needs to hear that `key` names nothing known,
 * and which values do. Use as `Schema.Union([...]).pipe(taggedBy("from"))`.
 */
export const taggedBy =
  (key: string) =>
  <S extends Schema.Constraint>(self: S) =>
    Schema.catchDecoding<S>((issue) => Effect.fail(atTag(issue, key)))(self)

const atTag = (issue: SchemaIssue.Issue, key: string): SchemaIssue.Issue => {
  if (issue._tag !== "AnyOf" || issue.issues.length > 0 || !SchemaIssue.hasInput(issue)) return issue
  const input: unknown = issue.input
  if (typeof input !== "object" || input === null || Array.isArray(input)) return issue
  if (!Object.hasOwn(input, key)) return new SchemaIssue.Pointer([key], new SchemaIssue.MissingKey(undefined))
  const value: unknown = (input as Record<string, unknown>)[key]
  const known = issue.ast.types.flatMap((member) => {
    if (member._tag !== "Objects") return []
    const tag = member.propertySignatures.find((p) => p.name === key)?.type
    return tag?._tag === "Literal" ? [JSON.stringify(tag.literal)] : []
  })
  const got = JSON.stringify(value) ?? String(value)
  const message = bilingual(
    `expected one of ${known.join(", ")}, got ${got}`,
    `应为以下之一：${known.join("、")}，实际为 ${got}`,
  )
  return new SchemaIssue.Pointer([key], new SchemaIssue.InvalidValue({ message }, value))
}
