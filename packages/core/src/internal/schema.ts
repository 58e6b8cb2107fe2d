// Schema helpers shared by the model. Optional fields are exact (absent, never `undefined`) so a bad
// value is reported once, not also as "expected undefined".
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import { echo } from "./echo.js"
import { registerKeyDefault } from "./fastDecode.js"

/** An optional field: the key may be absent, but when present its value must decode. */
export const optional = <S extends Schema.Constraint>(schema: S) => Schema.optionalKey(schema)

/** An optional field that decodes to `value` when the key is absent. */
export const withDefault = <S extends Schema.Constraint>(schema: S, value: () => S["Type"]) => {
  const field = Schema.withDecodingDefaultTypeKey<S>(Effect.sync(value))(schema)
  registerKeyDefault(field.ast, schema.ast, value)
  return field
}

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

// Ids: no whitespace, no control or invisible character (see `hiddenCharacter`) and no broken
// characters — PostgreSQL cannot store NUL in text, and neither database can store a lone UTF-16
// surrogate. With the `u` flag the surrogate range matches only unpaired halves.
export const idPattern = /^[^\s\p{Cc}\p{Cf}\uD800-\uDFFF]{1,128}$/u

// Printable ASCII without the space: most ids, passed without the Unicode-aware patterns (which
// cost about as much as the rest of a district's decoding together).
const plainId = /^[!-~]{1,128}$/

/** Whether `s` is a well-formed id (see `idPattern`). */
export const isId = (s: string): boolean => plainId.test(s) || idPattern.test(s)

// Characters an id may not hold, though display text may: C0 and C1 controls (ESC and BEL rewrite a
// terminal), and every format character (Unicode category Cf, which UAX #31 keeps out of
// identifiers): bidirectional overrides and isolates reorder a line as it is shown, and zero-width
// ones, the BOM, the soft hyphen and tag characters make `sample` and `sample\u200b` two ids that
// look the same. Look-alike letters of other scripts (Cyrillic `ѕ` for `s`) are `noMixedScripts`'.
const hidden = /[\p{Cc}\p{Cf}]/u
const control = /\p{Cc}/u
const bidirectional = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/

/** A character an id may not hold: its kind and code point, in both languages. */
export interface HiddenCharacter {
  readonly code: "control-character" | "invisible-character"
  /** "the control character U+001B" */
  readonly en: string
  /** "控制字符 U+001B" */
  readonly zh: string
}

/** The first control or invisible character of `s` (see above), or `undefined` when it has none. */
export const hiddenCharacter = (s: string): HiddenCharacter | undefined => {
  const found = hidden.exec(s)?.[0]
  if (found === undefined) return undefined
  const at = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`
  if (control.test(found)) return { code: "control-character", en: `the control character ${at}`, zh: `控制字符 ${at}` }
  if (bidirectional.test(found))
    return {
      code: "invisible-character",
      en: `the bidirectional-override character ${at}`,
      zh: `双向文本控制字符 ${at}`,
    }
  return { code: "invisible-character", en: `the invisible character ${at}`, zh: `不可见字符 ${at}` }
}

/** A check that text used as an id holds no control or invisible character, naming the first. */
export const noHiddenCharacters = refineWith(
  (s: string) => plainId.test(s) || !hidden.test(s),
  (s) => {
    const found = hiddenCharacter(s)!
    return bilingual(
      `contains ${found.en}; ids may not contain control, bidirectional-override or invisible (zero-width) characters`,
      `含有${found.zh}；编号不能包含控制字符、双向文本控制字符或不可见（零宽）字符`,
    )
  },
)

// Look-alike letters: Cyrillic `ѕ` (U+0455) and Greek `ο` (U+03BF) are drawn like Latin `s` and
// `o`, so `ѕample` and `sample` would be two ids that read the same. As in Unicode's "highly
// restrictive" identifier profile (UTS #39), an id may not mix Latin letters with Cyrillic or Greek
// ones; Latin with Han (`unit_东街道`) and any single script stay allowed.
const latin = /\p{Script=Latin}/u
const lookAlike = /[\p{Script=Cyrillic}\p{Script=Greek}]/u

/** The first Cyrillic or Greek letter of an id that also has Latin letters, or `undefined`. */
export const mixedScriptLetter = (s: string): string | undefined => {
  if (plainId.test(s) || !latin.test(s)) return undefined
  return lookAlike.exec(s)?.[0]
}

/** A check that an id does not mix Latin letters with Cyrillic or Greek ones, naming the first. */
export const noMixedScripts = refineWith(
  (s: string) => mixedScriptLetter(s) === undefined,
  (s) => {
    const found = mixedScriptLetter(s)!
    const at = `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`
    const script = /\p{Script=Greek}/u.test(found) ? ["Greek", "希腊"] : ["Cyrillic", "西里尔"]
    return bilingual(
      `mixes Latin letters with the ${script[0]} letter ${at}, which looks like a Latin one; write the id in one script`,
      `混用了拉丁字母和${script[1]}字母 ${at}（外形与拉丁字母相似）；编号请只用一种文字书写`,
    )
  },
)

/**
 * Text quoted for a message: JSON, with control and invisible characters written as escapes, so
 * an echoed value cannot move a terminal's cursor or reorder the line it is shown on.
 */
export const quoted = (s: string): string =>
  JSON.stringify(s).replace(/[\p{Cc}\p{Cf}]/gu, (c) => {
    const n = c.codePointAt(0)!
    return n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, "0")}`
  })

/**
 * A record's own entry for a user-chosen key. Records with user keys (category bounds, …) are
 * plain objects, so `record[key]` would also find inherited members — `toString`, `constructor`,
 * anything added to `Object.prototype` — while a decoded `__proto__` key is an own entry like any
 * other: only own entries count.
 */
export const ownEntry = <V>(record: { readonly [key: string]: V } | undefined, key: string): V | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

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
  bilingual(`expected ${en}, got ${echo(value)}`, `应为${zh}，实际为 ${echo(value, "zh")}`)

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
  const message = bilingual(
    `expected one of ${known.join(", ")}, got ${echo(value)}`,
    `应为以下之一：${known.join("、")}，实际为 ${echo(value, "zh")}`,
  )
  return new SchemaIssue.Pointer([key], new SchemaIssue.InvalidValue({ message }, value))
}
