// Schema helpers shared by the model. Optional fields are exact (absent, never `undefined`) so a bad
// value is reported once, not also as "expected undefined".
import * as Schema from "effect/Schema"

export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

// Schema messages carry both languages, joined by a unit separator that `Issue.fromParseError`
// splits on; Effect's own messages get a generic Chinese rendering there.
export const bilingualSeparator = "\u001f"

export const bilingual = (en: string, zh: string): string => `${en}${bilingualSeparator}${zh}`

// Ids: no whitespace, no NUL and no broken characters — PostgreSQL cannot store NUL in text, and
// neither database can store a lone UTF-16 surrogate. With the `u` flag the surrogate range matches
// only unpaired halves.
export const idPattern = /^[^\s\0\uD800-\uDFFF]{1,128}$/u

const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether a database can keep the text as it is: valid Unicode without NUL. */
export const isWellFormed = (s: string): boolean => !unstorable.test(s)

/** Text that is valid Unicode, for values a store keeps as plain text columns. */
export const wellFormed = <S extends Schema.Schema<string, string, never>>(schema: S) =>
  schema.pipe(
    Schema.filter(isWellFormed, {
      message: () => bilingual("must be valid Unicode text without NUL characters", "应为有效的 Unicode 文本，且不含 NUL 字符"),
    }),
  )
