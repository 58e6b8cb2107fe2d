// JSON documents read with JSON.parse instead of a YAML parser. A YAML parser builds a syntax tree
// of every value (about 100 times JSON.parse's time and 20 times its memory); JSON.parse builds
// only the value. Positions are needed only when there are problems: then one scan of the text
// finds where the values on the problems' paths start, the same places the YAML tree would give.
//
// JSON.parse keeps the last of two equal keys where YAML reports them; a text that may have any
// (see `noDuplicateKeys`) is left to the YAML reader, as is any text JSON.parse refuses, so syntax
// errors read exactly as before.

/** A JSON document: its value and where the values on given paths start. */
export interface JsonDocument {
  readonly value: unknown
  /** The length of its longest string, key or value (found on the way, for input limits). */
  readonly longestText: number
  /** The offset of the deepest value on each path that exists (the document itself at worst). */
  readonly offsets: (paths: ReadonlyArray<ReadonlyArray<string | number>>) => Array<number>
}

/**
 * The document, when the text is a JSON object or array (after an optional byte-order mark and
 * whitespace) that JSON.parse accepts and that has no key twice in one object; `undefined`
 * otherwise, for the YAML reader.
 */
export const readJson = (text: string): JsonDocument | undefined => {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const start = skipSpace(text, bom)
  const first = text.charCodeAt(start)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return undefined
  let value: unknown
  try {
    value = JSON.parse(bom === 0 ? text : text.slice(bom))
  } catch {
    return undefined
  }
  const counted = countKeys(text, value)
  if (counted === undefined) return undefined
  return { value, longestText: counted.longestText, offsets: (paths) => offsetsOf(text, start, paths) }
}

/**
 * Whether no object of the document has a key twice, checked by counting instead of scanning: in
 * JSON text a colon outside strings follows a key, so the colons of the text less those inside its
 * strings are its keys. JSON.parse drops a repeated key (and the strings of its value), so the
 * parsed value has fewer keys than the text exactly when a key repeats. Colons in strings are
 * counted in the parsed value, which holds them as the text does unless written as `\u003a`; a
 * text with that escape is not counted (it is read as YAML, which reports repeated keys itself).
 */
export const noDuplicateKeys = (text: string, value: unknown): boolean => countKeys(text, value) !== undefined

// The check above, walking the value once; on the way it notes the longest string.
const countKeys = (text: string, value: unknown): { readonly longestText: number } | undefined => {
  if (escapedColon.test(text)) return undefined
  let colons = 0
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) colons++
  let keys = 0
  let inStrings = 0
  let longestText = 0
  const stack: Array<unknown> = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === "string") {
      inStrings += colonsIn(v)
      if (v.length > longestText) longestText = v.length
    } else if (typeof v === "object" && v !== null) {
      if (Array.isArray(v)) for (const item of v) stack.push(item)
      else {
        for (const key in v) {
          keys++
          inStrings += colonsIn(key)
          if (key.length > longestText) longestText = key.length
          stack.push((v as Record<string, unknown>)[key])
        }
      }
    }
  }
  return colons - inStrings === keys ? { longestText } : undefined
}

const escapedColon = /\\u003[aA]/

const colonsIn = (s: string): number => {
  let n = 0
  for (let i = s.indexOf(":"); i >= 0; i = s.indexOf(":", i + 1)) n++
  return n
}

const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a

const skipSpace = (text: string, at: number): number => {
  let i = at
  for (;;) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
    else return i
  }
}

// The offset just past the string starting at `at` (a double quote).
const skipString = (text: string, at: number): number => {
  let i = at + 1
  for (;;) {
    const q = text.indexOf('"', i)
    if (q < 0) return text.length
    let backslashes = 0
    for (let j = q - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++
    if (backslashes % 2 === 0) return q + 1
    i = q + 1
  }
}

// The offset just past the value starting at `at`. The text is valid JSON (JSON.parse read it).
const skipValue = (text: string, at: number): number => {
  const c = text.charCodeAt(at)
  if (c === QUOTE) return skipString(text, at)
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0
    let i = at
    while (i < text.length) {
      const d = text.charCodeAt(i)
      if (d === QUOTE) {
        i = skipString(text, i)
        continue
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
    return i
  }
  // A number, true, false or null.
  let i = at
  for (;;) {
    const d = text.charCodeAt(i)
    if (i >= text.length || d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d <= 0x20) return i
    i++
  }
}

// The paths, as a tree: each node is a value some path goes through, keyed `#3` for an index (or a
// key that reads as that number, as YAML matches them) and `$name` for a key.
interface Trie {
  offset: number
  children: Map<string, Trie> | undefined
}

const offsetsOf = (text: string, start: number, paths: ReadonlyArray<ReadonlyArray<string | number>>) => {
  const root: Trie = { offset: -1, children: undefined }
  for (const path of paths) {
    let node = root
    for (const segment of path) {
      const key = typeof segment === "number" ? `#${segment}` : `$${segment}`
      node.children ??= new Map()
      let child = node.children.get(key)
      if (child === undefined) {
        child = { offset: -1, children: undefined }
        node.children.set(key, child)
      }
      node = child
    }
  }
  visit(text, start, root)
  return paths.map((path) => {
    // The deepest value on the path that exists.
    let node = root
    let offset = root.offset
    for (const segment of path) {
      const child = node.children?.get(typeof segment === "number" ? `#${segment}` : `$${segment}`)
      if (child === undefined || child.offset < 0) break
      node = child
      offset = child.offset
    }
    return offset
  })
}

// Records where the value at `at` starts and walks into the children some path goes through;
// returns the offset just past the value. Recursion follows the paths only, so it is as deep as
// the longest path, not as the document.
const visit = (text: string, at: number, node: Trie): number => {
  node.offset = at
  const children = node.children
  if (children === undefined) return skipValue(text, at)
  const c = text.charCodeAt(at)
  if (c === OPEN_BRACE) {
    let i = skipSpace(text, at + 1)
    if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1
    for (;;) {
      const keyEnd = skipString(text, i)
      const raw = text.slice(i, keyEnd)
      const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1)
      i = skipSpace(text, keyEnd)
      if (text.charCodeAt(i) === COLON) i = skipSpace(text, i + 1)
      // A map is searched by the text of a segment, so `["3"]` and `[3]` both find key "3".
      const byName = children.get(`$${key}`)
      const byNumber = children.get(`#${key}`)
      let end = i
      if (byName !== undefined) end = visit(text, i, byName)
      if (byNumber !== undefined) end = visit(text, i, byNumber)
      if (byName === undefined && byNumber === undefined) end = skipValue(text, i)
      i = skipSpace(text, end)
      if (text.charCodeAt(i) !== COMMA) return i + 1
      i = skipSpace(text, i + 1)
    }
  }
  if (c === OPEN_BRACKET) {
    let i = skipSpace(text, at + 1)
    if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1
    for (let index = 0; ; index++) {
      const child = children.get(`#${index}`)
      const end = child === undefined ? skipValue(text, i) : visit(text, i, child)
      i = skipSpace(text, end)
      if (text.charCodeAt(i) !== COMMA) return i + 1
      i = skipSpace(text, i + 1)
    }
  }
  return skipValue(text, at)
}
