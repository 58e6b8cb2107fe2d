// Schema helpers shared by the model. Optional fields are exact (absent, never `undefined`) so a bad
// value is reported once, not also as "expected undefined".
import * as Schema from "effect/Schema"

export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

// Schema messages carry both languages, joined by a unit separator that `Issue.fromParseError`
// splits on; Effect's own messages get a generic Chinese rendering there.
export const bilingualSeparator = "\u001f"

export const bilingual = (en: string, zh: string): string => `${en}${bilingualSeparator}${zh}`
