// The shape of an assignment problem (`AssignmentProblem.Problem` decoded with `strictAll`), checked
// by hand in one pass: about a hundred times faster than the Schema decoder on 59,000 pairs, so that
// `parse` and `solve` can afford it on every call. It only answers yes or no; when it says no, the
// decoder runs and reports every problem with its path. A property test holds it to the decoder.

type Obj = Record<string, unknown>

const isObject = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getOwnPropertySymbols(v).length === 0

// Only the listed keys, each optional unless required; an unknown key is an error to the decoder.
const onlyKeys = (o: Obj, allowed: ReadonlySet<string>): boolean => {
  for (const k in o) if (Object.hasOwn(o, k) && !allowed.has(k)) return false
  // Non-enumerable own keys are ignored by the decoder, like `for … in` here.
  return true
}

const present = (o: Obj, k: string) => Object.hasOwn(o, k)
const isText = (v: unknown): v is string => typeof v === "string"
const isNonEmptyTrimmed = (v: unknown): boolean => typeof v === "string" && v.length > 0 && v.trim() === v
const isCount = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0
const isCost = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0
const isArray = (v: unknown): v is ReadonlyArray<unknown> => Array.isArray(v)

// Every element, holes included (`every` would skip them; the decoder does not).
const all = (v: unknown, test: (x: unknown) => boolean): boolean => {
  if (!isArray(v)) return false
  for (let i = 0; i < v.length; i++) if (!test(v[i])) return false
  return true
}

const agentKeys = new Set(["id", "category", "name"])
const targetKeys = new Set(["id", "name", "min", "max", "categories"])
const boundsKeys = new Set(["min", "max"])
const pairKeys = new Set(["agent", "target", "cost", "terms"])
const termKeys = new Set(["term", "cost"])
const placementKeys = new Set(["agent", "target"])
const problemKeys = new Set(["agents", "targets", "pairs", "forbidden", "locked", "current", "movePenalty"])

const optionalAs = (o: Obj, k: string, test: (v: unknown) => boolean) => !present(o, k) || test(o[k])

const isAgent = (v: unknown) =>
  isObject(v) &&
  onlyKeys(v, agentKeys) &&
  isNonEmptyTrimmed(v["id"]) &&
  optionalAs(v, "category", isNonEmptyTrimmed) &&
  optionalAs(v, "name", isText)

const isBounds = (v: unknown) =>
  isObject(v) && onlyKeys(v, boundsKeys) && optionalAs(v, "min", isCount) && optionalAs(v, "max", isCount)

const isCategories = (v: unknown) => {
  if (!isObject(v)) return false
  for (const k of Object.keys(v)) if (!isBounds(v[k])) return false
  return true
}

const isTarget = (v: unknown) =>
  isObject(v) &&
  onlyKeys(v, targetKeys) &&
  isNonEmptyTrimmed(v["id"]) &&
  optionalAs(v, "name", isText) &&
  optionalAs(v, "min", isCount) &&
  optionalAs(v, "max", isCount) &&
  optionalAs(v, "categories", isCategories)

const isTerm = (v: unknown) =>
  isObject(v) && onlyKeys(v, termKeys) && isText(v["term"]) && typeof v["cost"] === "number"

const isPair = (v: unknown) => {
  if (!isObject(v) || !isText(v["agent"]) || !isText(v["target"]) || !isCost(v["cost"])) return false
  // Most pairs have exactly these three keys: skip the key scan for them.
  if (!present(v, "terms")) return Object.keys(v).length === 3 || onlyKeys(v, pairKeys)
  const terms = v["terms"]
  return onlyKeys(v, pairKeys) && all(terms, isTerm)
}

const isPlacement = (v: unknown) =>
  isObject(v) && onlyKeys(v, placementKeys) && isText(v["agent"]) && isText(v["target"])

/** Whether `input` decodes as an assignment problem without a single issue. */
export const isWellFormed = (input: unknown): boolean =>
  isObject(input) &&
  onlyKeys(input, problemKeys) &&
  all(input["agents"], isAgent) &&
  all(input["targets"], isTarget) &&
  all(input["pairs"], isPair) &&
  optionalAs(input, "forbidden", (v) => all(v, isPlacement)) &&
  optionalAs(input, "locked", (v) => all(v, isPlacement)) &&
  optionalAs(input, "current", (v) => all(v, isPlacement)) &&
  optionalAs(input, "movePenalty", isCost)
