// A decoder compiled from a schema for input that is already right, which is nearly all input: a
// district file is decoded by Effect Schema at about 8 times the cost of JSON.parse, most of it in
// the machinery that would report problems. This walks the value once with plain checks, runs the
// schema's own filters, and builds the same value the schema would (keys in the schema's order).
// The moment anything is unusual — a problem, a key the schema does not declare, an object that is
// not plain, a transformation it does not know — it gives up and answers `undefined`, and the
// caller decodes with the schema, which reports every problem. The property tests in
// test/FastDecode.test.ts hold it to the schema's own decoder.
import type * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/** What an optional field decodes to when its key is absent (registered by `withDefault`). */
interface KeyDefault {
  readonly schema: AST.AST
  readonly value: () => unknown
}

const keyDefaults = new WeakMap<AST.AST, KeyDefault>()

/** Records that `ast` is `schema` with `value` when the key is absent, the one transformation known here. */
export const registerKeyDefault = (ast: AST.AST, schema: AST.AST, value: () => unknown): void => {
  keyDefaults.set(ast, { schema, value })
}

// Returned when the value is not one this decoder is sure about.
const giveUp: unique symbol = Symbol("giveUp")
type Decode = (u: unknown) => unknown

const never: Decode = () => giveUp
const noOptions: AST.ParseOptions = {}

const passes = (check: AST.Check<unknown>, value: unknown, ast: AST.AST): boolean =>
  check._tag === "Filter"
    ? check.run(value, ast, noOptions) === undefined
    : check.checks.every((c) => passes(c, value, ast))

// The schema's filters run on the built value, as the schema runs them on its output.
const withChecks = (ast: AST.AST, decode: Decode): Decode => {
  const checks = ast.checks
  if (checks === undefined) return decode
  return (u) => {
    const out = decode(u)
    if (out === giveUp) return giveUp
    for (const check of checks) if (!passes(check, out, ast)) return giveUp
    return out
  }
}

const cache = new WeakMap<AST.AST, Decode>()

const compile = (ast: AST.AST): Decode => {
  const known = cache.get(ast)
  if (known !== undefined) return known
  // A suspended schema may refer to itself: the entry delegates to the decoder being built.
  let built: Decode | undefined
  cache.set(ast, (u) => built!(u))
  built = ast.encoding !== undefined ? never : withChecks(ast, build(ast))
  cache.set(ast, built)
  return built
}

const isPlainObject = (u: unknown): u is Record<string, unknown> => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false
  const proto = Object.getPrototypeOf(u)
  return proto === Object.prototype || proto === null
}

const build = (ast: AST.AST): Decode => {
  switch (ast._tag) {
    case "String":
      return (u) => (typeof u === "string" ? u : giveUp)
    case "Number":
      return (u) => (typeof u === "number" ? u : giveUp)
    case "Boolean":
      return (u) => (typeof u === "boolean" ? u : giveUp)
    case "Null":
      return (u) => (u === null ? u : giveUp)
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : giveUp)
    }
    case "Suspend":
      return compile(ast.thunk())
    case "Union":
      return union(ast)
    case "Arrays":
      return array(ast)
    case "Objects":
      return object(ast)
    default:
      return never
  }
}

// Unions of scalars only: the first member that accepts a scalar is the one the schema picks, and
// decoding it gives the value itself. A union holding objects or lists is the schema's to decide.
const scalars = new Set<AST.AST["_tag"]>(["String", "Number", "Boolean", "Null", "Literal"])
const union = (ast: AST.Union): Decode => {
  if (
    (ast.options?.mode ?? "anyOf") !== "anyOf" ||
    ast.encodingChecks !== undefined ||
    ast.types.some((t) => !scalars.has(t._tag) || t.encoding !== undefined)
  )
    return never
  const literals = ast.types.every((t) => t._tag === "Literal" && t.checks === undefined)
  if (literals) {
    const allowed = new Set(ast.types.map((t) => (t as AST.Literal).literal))
    return (u) => (allowed.has(u as AST.LiteralValue) ? u : giveUp)
  }
  const members = ast.types.map(compile)
  return (u) => {
    for (const m of members) {
      const out = m(u)
      if (out !== giveUp) return out
    }
    return giveUp
  }
}

// Lists and tuples whose elements are all required (a non-empty list is one element, then the rest).
const array = (ast: AST.Arrays): Decode => {
  if (ast.rest.length > 1 || ast.elements.some(AST.isOptional)) return never
  const elements = ast.elements.map(compile)
  const rest = ast.rest.length === 1 ? compile(ast.rest[0]!) : undefined
  const required = elements.length
  return (u) => {
    if (!Array.isArray(u) || u.length < required || (rest === undefined && u.length > required)) return giveUp
    const out = new Array<unknown>(u.length)
    for (let i = 0; i < u.length; i++) {
      // A hole reads as undefined; the schema reports it.
      if (!(i in u)) return giveUp
      const v = (i < required ? elements[i]! : rest!)(u[i])
      if (v === giveUp) return giveUp
      out[i] = v
    }
    return out
  }
}

interface Field {
  readonly name: string
  readonly decode: Decode
  readonly optional: boolean
  readonly fallback: (() => unknown) | undefined
}

const object = (ast: AST.Objects): Decode => {
  if (ast.indexSignatures.length > 0) return never
  const fields: Array<Field> = []
  for (const p of ast.propertySignatures) {
    if (typeof p.name !== "string") return never
    const withDefault = keyDefaults.get(p.type)
    if (withDefault !== undefined) {
      fields.push({ name: p.name, decode: compile(withDefault.schema), optional: true, fallback: withDefault.value })
    } else {
      // Only exact optional keys (absent, never undefined): `optionalKey` with no transformation.
      const optional = AST.isOptional(p.type)
      if (optional && p.type.context?.isOptional !== true) return never
      fields.push({ name: p.name, decode: compile(p.type), optional, fallback: undefined })
    }
  }
  const declared = new Set(fields.map((f) => f.name))
  // A field named like a property every object inherits is looked up as an own key; the others are
  // read directly, and a value read as undefined is checked for being an own key.
  const inherited = fields.some((f) => f.name in Object.prototype)
  return (u) => {
    if (!isPlainObject(u)) return giveUp
    let present = 0
    const out: Record<string, unknown> = {}
    for (const f of fields) {
      const v = inherited && !Object.hasOwn(u, f.name) ? undefined : u[f.name]
      if (v !== undefined || Object.hasOwn(u, f.name)) {
        present++
        const decoded = f.decode(v)
        if (decoded === giveUp) return giveUp
        out[f.name] = decoded
      } else if (f.fallback !== undefined) out[f.name] = f.fallback()
      else if (!f.optional) return giveUp
    }
    // A key the schema does not declare, a symbol, or a declared key hidden from enumeration is the
    // schema's to judge.
    let enumerable = 0
    for (const key in u) {
      if (!declared.has(key)) return giveUp
      enumerable++
    }
    if (enumerable !== present || Object.getOwnPropertySymbols(u).length > 0) return giveUp
    return out
  }
}

/**
 * A decoder for the values `schema` accepts as they are: the decoded value, or `undefined` when the
 * value has a problem or anything this decoder does not handle (then decode with the schema).
 */
export const fastDecoder = <S extends Schema.Top>(schema: S): ((u: unknown) => S["Type"] | undefined) => {
  const decode = compile(schema.ast)
  return (u) => {
    const out = decode(u)
    return out === giveUp ? undefined : (out as S["Type"])
  }
}
