// Values echoed back in issue messages. A clerk needs to recognise the value, not read a whole file
// back: the echo is the value as compact JSON, cut after `maxEcho` characters with an ellipsis and
// the size of the whole. Rendering stops at the cut, so a 100 MB string or a list nested ten
// thousand deep costs no more than a short value (JSON.stringify of such a value can throw a
// RangeError, or build a string larger than the heap).

/** How many characters of a value an issue message echoes. */
export const maxEcho = 200

/** The language of the size note added to a cut value. */
export type EchoLocale = "en" | "zh"

/**
 * The value as JSON (`JSON.stringify`'s compact text, `undefined` for nothing), cut after
 * {@link maxEcho} characters: `"abc…" (1,048,576 characters)`, `[0,1,2,…,41… (a list of 5,000 items)`.
 */
export const echo = (value: unknown, locale: EchoLocale = "en"): string => {
  const out = writer(maxEcho)
  const whole = write(out, value, true)
  if (!out.cut) return out.text
  const note = sizeNote(whole, locale)
  const space = locale === "en" ? " " : ""
  return whole?.kind === "text" ? `${out.text}${space}${note}` : `${out.text}…${space}${note}`
}

/** Text cut after `max` characters, with an ellipsis and its length: for names read from a file. */
export const cutText = (text: string, max: number = maxEcho, locale: EchoLocale = "en"): string =>
  text.length <= max
    ? text
    : `${text.slice(0, safeEnd(text, max))}…${locale === "en" ? " " : ""}${sizeNote({ kind: "text", size: text.length }, locale)}`

/** A number with thousands separators, the same in every locale: `1,048,576`. */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")

type Whole =
  | { readonly kind: "text"; readonly size: number }
  | { readonly kind: "list"; readonly size: number }
  | { readonly kind: "object"; readonly size: number }
  | undefined

const sizeNote = (whole: Whole, locale: EchoLocale): string => {
  if (whole === undefined) return ""
  const n = grouped(whole.size)
  switch (whole.kind) {
    case "text":
      return locale === "en" ? `(${n} characters)` : `（共 ${n} 个字符）`
    case "list":
      return locale === "en" ? `(a list of ${n} items)` : `（共 ${n} 项的列表）`
    case "object":
      return locale === "en" ? `(an object with ${n} fields)` : `（共 ${n} 个字段的对象）`
  }
}

// The text written so far; `add` appends only what fits in the budget and marks the text cut at the
// first thing that does not.
interface Writer {
  text: string
  cut: boolean
  readonly add: (s: string) => boolean
  readonly fits: (s: string) => boolean
}

const writer = (budget: number): Writer => {
  const w: Writer = {
    text: "",
    cut: false,
    add: (s) => {
      if (!w.fits(s)) {
        w.cut = true
        return false
      }
      w.text += s
      return true
    },
    fits: (s) => !w.cut && w.text.length + s.length <= budget,
  }
  return w
}

// Writes `value` the way JSON.stringify would, until the budget runs out. Returns the kind and size
// of the top-level value, for the note after a cut.
const write = (out: Writer, value: unknown, top: boolean): Whole => {
  let v = value
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    try {
      v = (v as { toJSON: () => unknown }).toJSON()
    } catch {
      // A value whose toJSON throws is shown as an object.
    }
  }
  switch (typeof v) {
    case "string":
      writeString(out, v, top)
      return top ? { kind: "text", size: v.length } : undefined
    case "number":
      out.add(Number.isFinite(v) ? JSON.stringify(v) : "null")
      return undefined
    case "boolean":
    case "bigint":
      out.add(String(v))
      return undefined
    case "undefined":
    case "function":
    case "symbol":
      out.add(top ? "undefined" : "null")
      return undefined
  }
  if (v === null) {
    out.add("null")
    return undefined
  }
  if (Array.isArray(v)) {
    const whole: Whole = top ? { kind: "list", size: v.length } : undefined
    if (!out.add("[")) return whole
    for (let i = 0; i < v.length; i++) {
      if (i > 0 && !out.add(",")) return whole
      write(out, v[i], false)
      if (out.cut) return whole
    }
    out.add("]")
    return whole
  }
  const record = v as Record<string, unknown>
  const keys = Object.keys(record)
  const whole: Whole = top ? { kind: "object", size: keys.length } : undefined
  if (!out.add("{")) return whole
  let first = true
  for (const key of keys) {
    const item = record[key]
    const t = typeof item
    if (t === "undefined" || t === "function" || t === "symbol") continue
    if (!first && !out.add(",")) return whole
    first = false
    writeString(out, key, false)
    if (!out.add(":")) return whole
    write(out, item, false)
    if (out.cut) return whole
  }
  out.add("}")
  return whole
}

// A string literal, escaped as JSON.stringify escapes it and with every other control or format
// character (DEL, C1 controls, bidirectional overrides, zero-width characters) written as an
// escape too, so an echoed value cannot move a terminal's cursor or reorder the line it is shown
// on. One that does not fit is written as far as it fits, never half an escape or half a surrogate
// pair; at the top it is closed as `"abc…"`.
const writeString = (out: Writer, s: string, top: boolean): void => {
  if (s.length <= maxEcho) {
    const json = quote(s)
    if (out.fits(json)) {
      out.add(json)
      return
    }
  }
  if (!out.add('"')) return
  for (const ch of s) if (!out.add(quote(ch).slice(1, -1))) break
  out.cut = true
  if (top) out.text += '…"'
}

const hidden = /[\p{Cc}\p{Cf}]/gu

const quote = (s: string): string =>
  JSON.stringify(s).replace(hidden, (c) => {
    const n = c.codePointAt(0)!
    return n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, "0")}`
  })

// The end of a prefix of `text` no longer than `max` that does not split a surrogate pair.
const safeEnd = (text: string, max: number): number => {
  const c = text.charCodeAt(max - 1)
  return c >= 0xd800 && c <= 0xdbff ? max - 1 : max
}
