// Decoding with `onExcessProperty: "error"` costs Effect Schema half of a district's decode time:
// every key of every object is parsed against a union of the expected names. This walks the
// encoded side of a schema once and says whether a value has no key the schema does not know, so
// the document can be decoded with `"ignore"` — which then gives the same result. Where it cannot be
// sure (a union of objects without a discriminating literal, a refined record key, a declaration)
// it answers `false`, and the caller decodes strictly, which also reports every problem.
import * as AST from "effect/SchemaAST"

type Check = (value: unknown) => boolean

const isEnumerable = Object.prototype.propertyIsEnumerable

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

// The encoded side: transformations check their input, suspensions what they hold.
const encoded = (ast: AST.AST): AST.AST => {
  for (;;) {
    if (ast.encoding !== undefined) ast = AST.toEncoded(ast)
    else if (AST.isSuspend(ast)) ast = ast.thunk()
    else return ast
  }
}

const cache = new WeakMap<AST.AST, Check>()

const compile = (ast: AST.AST): Check => {
  const known = cache.get(ast)
  if (known !== undefined) return known
  // Suspended schemas refer to themselves: the cache entry delegates to the checker being built.
  let built: Check | undefined
  cache.set(ast, (u) => built!(u))
  built = build(encoded(ast))
  cache.set(ast, built)
  return built
}

const build = (ast: AST.AST): Check => {
  switch (ast._tag) {
    case "Objects": {
      const props = new Map(ast.propertySignatures.map((p) => [p.name, compile(p.type)] as const))
      const index = ast.indexSignatures
      // A key checked by a refined parameter is the strict decoder's to judge.
      if (index.some((s) => s.parameter._tag !== "String" || s.parameter.checks !== undefined)) return () => false
      const rest = index.length === 0 ? undefined : index.map((s) => compile(s.type))
      return (u) => {
        if (!isObject(u)) return true
        // Declared fields as the strict decoder reads them: inherited and non-enumerable ones too.
        for (const [key, check] of props) if (key in u && !check(u[key as string])) return false
        // Undeclared keys as it sees them: enumerable own keys, symbols included.
        for (const key of Reflect.ownKeys(u)) {
          if (!isEnumerable.call(u, key)) continue
          if (typeof key !== "string") return false
          if (!props.has(key) && (rest === undefined || !rest.every((c) => c(u[key])))) return false
        }
        return true
      }
    }
    case "Arrays": {
      const elements = ast.elements.map((e) => compile(e))
      const rest = ast.rest.map((r) => compile(r))
      return (u) => {
        if (!Array.isArray(u)) return true
        for (let i = 0; i < u.length; i++) {
          const check = i < elements.length ? elements[i]! : rest.length === 1 ? rest[0]! : undefined
          if (check === undefined) return rest.length === 0
          if (!check(u[i])) return false
        }
        return true
      }
    }
    case "Union":
      return union(ast)
    case "Declaration":
      return (u) => typeof u !== "object" || u === null
    default:
      // Keywords, literals, enums, template literals: no keys of their own.
      return () => true
  }
}

const scalar = new Set<AST.AST["_tag"]>([
  "Literal",
  "UniqueSymbol",
  "Null",
  "Undefined",
  "Void",
  "Never",
  "Unknown",
  "Any",
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "Symbol",
  "ObjectKeyword",
  "Enum",
  "TemplateLiteral",
])

// The strict and the lenient decoder pick the same member of a union of objects only when a
// literal property tells the members apart; anything else goes to the strict decoder.
const union = (ast: AST.Union): Check => {
  const members = ast.types.map(encoded)
  const objects = members.filter((m): m is AST.Objects => m._tag === "Objects")
  const arrays = members.filter((m) => m._tag === "Arrays")
  const others = members.filter((m) => m._tag !== "Objects" && m._tag !== "Arrays")
  // A nested union or a declaration could hold objects of its own: the strict decoder decides.
  if (others.some((m) => !scalar.has(m._tag))) return (u) => typeof u !== "object" || u === null
  const arrayCheck: Check = arrays.length === 0 ? () => true : arrays.length === 1 ? compile(arrays[0]!) : () => false
  let objectCheck: Check = () => true
  if (objects.length === 1) objectCheck = compile(objects[0]!)
  else if (objects.length > 1) {
    const discriminant = discriminantOf(objects)
    if (discriminant === undefined) objectCheck = () => false
    else {
      const byValue = new Map(objects.map((o) => [literalOf(o, discriminant), compile(o)] as const))
      objectCheck = (u) => {
        const check = byValue.get((u as Record<string, unknown>)[discriminant] as AST.LiteralValue)
        return check !== undefined && check(u)
      }
    }
  }
  return (u) => (Array.isArray(u) ? arrayCheck(u) : isObject(u) ? objectCheck(u) : true)
}

const literalOf = (o: AST.Objects, name: PropertyKey): AST.LiteralValue | undefined => {
  const p = o.propertySignatures.find((s) => s.name === name)
  if (p === undefined || AST.isOptional(p.type)) return undefined
  const t = encoded(p.type)
  return AST.isLiteral(t) ? t.literal : undefined
}

// A required property whose literal differs in every member.
const discriminantOf = (objects: ReadonlyArray<AST.Objects>): string | undefined => {
  for (const p of objects[0]!.propertySignatures) {
    if (typeof p.name !== "string") continue
    const values = objects.map((o) => literalOf(o, p.name))
    if (values.every((v) => v !== undefined) && new Set(values).size === values.length) return p.name
  }
  return undefined
}

/** A checker for values decoded by `schema`: `true` when no object in the value has an unknown key. */
export const noExcessKeys = (ast: AST.AST): Check => compile(ast)
