/**
 * Assignment problems as data: agents (members, leaders, streets…) to place, targets (committees,
 * streets, leaders…) with size and category bounds, and the allowed pairs with their costs.
 * Serialisable, so a district can save the problem it solved next to the answer.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { costScale, MAX_DECIMALS, placementCosts } from "../internal/costScale.js"
import {
  bilingual,
  hiddenCharacter,
  isInt,
  isNonNegative,
  NonEmptyTrimmedString,
  optional,
  quoted,
  refineWith,
  strictAll,
  withDefault,
} from "../internal/schema.js"
import { isWellFormed } from "../internal/problemShape.js"
import * as Issue from "../model/Issue.js"

// A failed check stops the others (as Effect 3's chained filters did): one issue per bad value.
const nonNegativeInt = Schema.Number.check(isInt.abort(), isNonNegative)
const cost = Schema.Number.check(
  refineWith(Number.isFinite, () => bilingual("a cost must be a finite number", "成本必须是有限数"), {
    arbitraryConstraint: { number: "finite" },
  }).abort(),
  refineWith(
    (n: number) => n >= 0,
    () => bilingual("a cost cannot be negative", "成本不能为负数"),
    {
      arbitraryConstraint: { minimum: 0 },
    },
  ),
)

/**
 * Someone or something to place exactly once. `category` is its value in the problem's one
 * category partition (say `party` / `non-party`).
 *
 * @since 0.1.0
 * @category models
 */
export const Agent = Schema.Struct({
  id: NonEmptyTrimmedString,
  category: optional(NonEmptyTrimmedString),
  /** For explanations only. */
  name: optional(Schema.String),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Agent extends Schema.Schema.Type<typeof Agent> {}

/**
 * Bounds on how many agents of one category a target takes.
 *
 * @since 0.1.0
 * @category models
 */
export const Bounds = Schema.Struct({ min: optional(nonNegativeInt), max: optional(nonNegativeInt) })

/**
 * A place agents go, with how many it takes in all (`min`, `max`) and per category. Category names
 * are data like any other: `__proto__`, `constructor` or `toString` bound the agents of that
 * category and nothing else, and only a record's own keys count (never inherited members).
 *
 * @since 0.1.0
 * @category models
 */
export const Target = Schema.Struct({
  id: NonEmptyTrimmedString,
  name: optional(Schema.String),
  min: optional(nonNegativeInt),
  max: optional(nonNegativeInt),
  categories: optional(Schema.Record(Schema.String, Bounds)),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Target extends Schema.Schema.Type<typeof Target> {}

/**
 * A weighted preference term behind a pair's cost, for explanations ("does not live in the street:
 * 3").
 *
 * @since 0.1.0
 * @category models
 */
export const Term = Schema.Struct({ term: Schema.String, cost: Schema.Number })

/**
 * An allowed (agent, target) pair and its cost; pairs not listed are not allowed.
 *
 * @since 0.1.0
 * @category models
 */
export const Pair = Schema.Struct({
  agent: Schema.String,
  target: Schema.String,
  cost,
  terms: optional(Schema.Array(Term)),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Pair extends Schema.Schema.Type<typeof Pair> {}

/**
 * @since 0.1.0
 * @category models
 */
export const Placement = Schema.Struct({ agent: Schema.String, target: Schema.String })

/**
 * The problem.
 *
 * @since 0.1.0
 * @category models
 */
export const Problem = Schema.Struct({
  agents: Schema.Array(Agent),
  targets: Schema.Array(Target),
  pairs: Schema.Array(Pair),
  /** Pairs that may not be used even if listed. */
  forbidden: withDefault(Schema.Array(Placement), () => []),
  /** Placements that must be kept. */
  locked: withDefault(Schema.Array(Placement), () => []),
  /** Where agents are now; moving one elsewhere costs `movePenalty` more. */
  current: withDefault(Schema.Array(Placement), () => []),
  movePenalty: withDefault(cost, () => 0),
}).annotate({ identifier: "AssignmentProblem" })

/**
 * @since 0.1.0
 * @category models
 */
export interface Problem extends Schema.Schema.Type<typeof Problem> {}

/**
 * Every problem with an assignment problem's input.
 *
 * @since 0.1.0
 * @category errors
 */
export class ProblemError extends Schema.TaggedError<ProblemError>()("AssignmentProblemError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `The assignment problem has ${this.issues.length} problem(s):\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

const decodeShape = Schema.decodeUnknownResult(Problem, strictAll)

/**
 * Decodes and checks a problem: negative or non-finite costs, costs with more than 6 decimals or
 * too large to solve exactly, ids and categories with control or invisible characters (bidirectional
 * overrides, zero-width spaces), category bounds held in a prototype rather than as keys, unknown
 * agent or target ids, duplicate ids or pairs, min above max, and locked pairs that are also
 * forbidden (or not allowed) are errors with paths, never a wrong answer.
 *
 * A problem this returned is remembered: parsing it again, as `Assignment.solve` does, costs a
 * lookup instead of a second pass.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: unknown): Result.Result<Problem, ProblemError> => {
  // Well-formed input (the usual case) skips the decoder, which would only add the defaults; `check`
  // sees the input itself, prototypes included.
  if (checkedProblems.has(input as Problem)) return Result.succeed(input as Problem)
  if (isWellFormed(input)) {
    const problem = withDefaults(input as Problem)
    const issues = check(problem)
    return issues.length > 0 ? Result.fail(new ProblemError({ issues })) : Result.succeed(accepted(problem))
  }
  // Decoding reads own keys only, so a bound held in a prototype must be reported before it is lost.
  const inherited =
    typeof input === "object" && input !== null && Object.hasOwn(input, "targets")
      ? inheritedCategories((input as { readonly targets: unknown }).targets)
      : []
  const shape = decodeShape(input)
  if (Result.isFailure(shape))
    return Result.fail(new ProblemError({ issues: [...inherited, ...Issue.fromSchemaError(shape.failure)] }))
  const issues = [...inherited, ...check(shape.success)]
  return issues.length > 0 ? Result.fail(new ProblemError({ issues })) : Result.succeed(accepted(shape.success))
}

// Problems `parse` accepted: parsing one again (as `Assignment.solve` does) costs a lookup. Values
// are readonly; a problem changed after parsing (by plain JavaScript) is not checked again.
const checkedProblems = new WeakSet<Problem>()
const accepted = (problem: Problem): Problem => {
  checkedProblems.add(problem)
  return problem
}

// What the decoder's defaults add to a well-formed problem whose optional lists are absent.
const withDefaults = (p: Problem): Problem =>
  p.forbidden !== undefined && p.locked !== undefined && p.current !== undefined && p.movePenalty !== undefined
    ? p
    : {
        ...p,
        forbidden: p.forbidden ?? [],
        locked: p.locked ?? [],
        current: p.current ?? [],
        movePenalty: p.movePenalty ?? 0,
      }

/**
 * Every check of {@link parse}, for problems built in code: their shape (what the decoder refuses)
 * and their integrity.
 *
 * @since 0.1.0
 * @category parsing
 */
export const check = (problem: Problem): ReadonlyArray<Issue.Issue> => {
  // A problem built in code may break what its type promises (a NaN or negative cost, a bound of
  // 1.5): those are the decoder's to report, with their paths.
  if (!isWellFormed(problem)) {
    const shape = decodeShape(problem)
    if (Result.isFailure(shape))
      return [...inheritedCategories(problem.targets), ...Issue.fromSchemaError(shape.failure)]
  }
  const issues: Array<Issue.Issue> = [...inheritedCategories(problem.targets)]
  const report = (path: string, code: string, message: string, messageZh: string) =>
    issues.push({ path, code, message, messageZh })
  // Ids and categories are joined with U+0000 into lookup keys, so none may hold a control
  // character; they reach consoles and reports, so none may hold an invisible one either.
  const plain = (path: string, name: string) => {
    const found = hiddenCharacter(name)
    if (found !== undefined)
      report(
        path,
        found.code,
        `${quoted(name)} contains ${found.en}; ids and categories may not contain control, bidirectional-override or invisible (zero-width) characters`,
        `${quoted(name)} 含有${found.zh}；编号和类别不能包含控制字符、双向文本控制字符或不可见（零宽）字符`,
      )
  }
  // Each id's first position: for duplicates, references, and pairs keyed by position below.
  const agents = new Map<string, number>()
  problem.agents.forEach((a, i) => {
    plain(`agents[${i}].id`, a.id)
    if (a.category !== undefined) plain(`agents[${i}].category`, a.category)
    if (agents.has(a.id))
      report(`agents[${i}].id`, "duplicate-id", `agent ${quoted(a.id)} is listed twice`, `对象 ${quoted(a.id)} 重复`)
    else agents.set(a.id, i)
  })
  const targets = new Map<string, number>()
  problem.targets.forEach((t, i) => {
    plain(`targets[${i}].id`, t.id)
    for (const c of Object.keys(t.categories ?? {})) plain(`targets[${i}].categories`, c)
    if (targets.has(t.id))
      report(`targets[${i}].id`, "duplicate-id", `target ${quoted(t.id)} is listed twice`, `目标 ${quoted(t.id)} 重复`)
    else targets.set(t.id, i)
    if (t.min !== undefined && t.max !== undefined && t.min > t.max) {
      report(
        `targets[${i}].min`,
        "min-above-max",
        `min ${t.min} is above max ${t.max}`,
        `下限 ${t.min} 大于上限 ${t.max}`,
      )
    }
    for (const [c, b] of Object.entries(t.categories ?? {})) {
      if (b.min !== undefined && b.max !== undefined && b.min > b.max) {
        report(
          Issue.formatPath(["targets", i, "categories", c, "min"]),
          "min-above-max",
          `min ${b.min} is above max ${b.max} for category ${quoted(c)}`,
          `类别 ${quoted(c)} 的下限 ${b.min} 大于上限 ${b.max}`,
        )
      }
    }
  })
  const ref = (path: string, agent: string, target: string) => {
    if (!agents.has(agent))
      report(
        `${path}.agent`,
        "unknown-reference",
        `agent ${quoted(agent)} is not in agents`,
        `对象 ${quoted(agent)} 不在 agents 中`,
      )
    if (!targets.has(target))
      report(
        `${path}.target`,
        "unknown-reference",
        `target ${quoted(target)} is not in targets`,
        `目标 ${quoted(target)} 不在 targets 中`,
      )
  }
  // Duplicate pairs, found with typed arrays: pairs grouped by agent (a stable counting sort), then
  // each agent's targets stamped. Sets of 400,000 string or number keys made this the slowest part
  // of parsing. Pairs naming an unknown id are rare and keyed by text.
  const A = problem.agents.length
  const P = problem.pairs.length
  const pairAgent = new Int32Array(P)
  const pairTarget = new Int32Array(P)
  const byAgent = new Int32Array(A + 1)
  let lastAgent: string | undefined
  let lastAt: number | undefined
  for (let i = 0; i < P; i++) {
    const p = problem.pairs[i]!
    // Pairs usually come grouped by agent: the previous lookup often answers the next one.
    if (p.agent !== lastAgent) {
      lastAgent = p.agent
      lastAt = agents.get(p.agent)
    }
    const t = targets.get(p.target)
    pairAgent[i] = lastAt === undefined || t === undefined ? -1 : lastAt
    pairTarget[i] = t ?? -1
    if (pairAgent[i]! >= 0) byAgent[lastAt! + 1]!++
  }
  for (let a = 0; a < A; a++) byAgent[a + 1]! += byAgent[a]!
  const order = new Int32Array(byAgent[A]!)
  const fill = byAgent.slice(0, A)
  for (let i = 0; i < P; i++) if (pairAgent[i]! >= 0) order[fill[pairAgent[i]!]!++] = i
  const duplicate = new Uint8Array(P)
  const stamp = new Int32Array(problem.targets.length).fill(-1)
  for (let a = 0; a < A; a++)
    for (let k = byAgent[a]!; k < byAgent[a + 1]!; k++) {
      const i = order[k]!
      if (stamp[pairTarget[i]!] === a) duplicate[i] = 1
      else stamp[pairTarget[i]!] = a
    }
  const unknownPairs = new Set<string>()
  for (let i = 0; i < P; i++) {
    const p = problem.pairs[i]!
    if (pairAgent[i]! < 0) {
      ref(`pairs[${i}]`, p.agent, p.target)
      const key = `${p.agent}\u0000${p.target}`
      if (unknownPairs.has(key)) duplicate[i] = 1
      else unknownPairs.add(key)
    }
    if (duplicate[i] === 1)
      report(
        `pairs[${i}]`,
        "duplicate-entry",
        `pair (${quoted(p.agent)}, ${quoted(p.target)}) is listed twice`,
        `配对（${quoted(p.agent)}，${quoted(p.target)}）重复`,
      )
  }
  // Whether (agent, target) is among the allowed pairs: a scan of the agent's own pairs.
  const allowed = (agent: string, target: string) => {
    const a = agents.get(agent)
    const t = targets.get(target)
    if (a === undefined || t === undefined) return false
    for (let k = byAgent[a]!; k < byAgent[a + 1]!; k++) if (pairTarget[order[k]!] === t) return true
    return false
  }
  const forbidden = new Set<string>()
  problem.forbidden.forEach((p, i) => {
    ref(`forbidden[${i}]`, p.agent, p.target)
    forbidden.add(`${p.agent}\u0000${p.target}`)
  })
  const lockedAgents = new Map<string, number>()
  problem.locked.forEach((p, i) => {
    ref(`locked[${i}]`, p.agent, p.target)
    const key = `${p.agent}\u0000${p.target}`
    if (forbidden.has(key))
      report(
        `locked[${i}]`,
        "locked-and-forbidden",
        `(${quoted(p.agent)}, ${quoted(p.target)}) is both locked and forbidden`,
        `（${quoted(p.agent)}，${quoted(p.target)}）既被锁定又被禁止`,
      )
    else if (agents.has(p.agent) && targets.has(p.target) && !allowed(p.agent, p.target)) {
      report(
        `locked[${i}]`,
        "locked-not-allowed",
        `(${quoted(p.agent)}, ${quoted(p.target)}) is locked but not among the allowed pairs`,
        `（${quoted(p.agent)}，${quoted(p.target)}）被锁定，但不在允许的配对中`,
      )
    }
    const other = lockedAgents.get(p.agent)
    if (other !== undefined)
      report(
        `locked[${i}].agent`,
        "duplicate-entry",
        `agent ${quoted(p.agent)} is already locked at locked[${other}]`,
        `对象 ${quoted(p.agent)} 已在 locked[${other}] 锁定`,
      )
    else lockedAgents.set(p.agent, i)
  })
  const currentAgents = new Set<string>()
  problem.current.forEach((p, i) => {
    ref(`current[${i}]`, p.agent, p.target)
    if (currentAgents.has(p.agent))
      report(
        `current[${i}].agent`,
        "duplicate-entry",
        `agent ${quoted(p.agent)} has two current placements`,
        `对象 ${quoted(p.agent)} 有两个当前编入`,
      )
    currentAgents.add(p.agent)
  })
  checkCosts(problem, report)
  return issues
}

// In JavaScript, `{ __proto__: { max: 0 } }` sets the object's prototype rather than naming a
// category. Only own keys are categories (decoding and the solver read nothing else), so a bound held
// that way would be silently ignored: refuse categories that are not a plain object.
const inheritedCategories = (targets: unknown): ReadonlyArray<Issue.Issue> => {
  if (!Array.isArray(targets)) return []
  const issues: Array<Issue.Issue> = []
  targets.forEach((t: unknown, i) => {
    if (typeof t !== "object" || t === null || !Object.hasOwn(t, "categories")) return
    const categories: unknown = (t as { readonly categories: unknown }).categories
    if (typeof categories !== "object" || categories === null || Array.isArray(categories)) return
    const prototype: unknown = Object.getPrototypeOf(categories)
    if (prototype === Object.prototype || prototype === null) return
    issues.push({
      path: `targets[${i}].categories`,
      code: "inherited-categories",
      message:
        'must be a plain object: its prototype would hold bounds that are ignored. In JavaScript, { __proto__: … } sets the prototype; write { ["__proto__"]: … } for a category called __proto__',
      messageZh:
        '应为普通对象：其原型上的界限会被忽略。在 JavaScript 中 { __proto__: … } 设置的是原型；名为 __proto__ 的类别请写作 { ["__proto__"]: … }',
    })
  })
  return issues
}

// Costs the solver can take exactly: at most 6 decimals, and not so large that sums along the
// network's paths pass 2^53. Reports the first few offenders of each kind and how many there are.
const checkCosts = (
  problem: Problem,
  report: (path: string, code: string, message: string, messageZh: string) => void,
) => {
  const costs = placementCosts(problem)
  const P = problem.pairs.length
  const categories = new Set(problem.agents.map((a) => a.category ?? "")).size
  const { scale, tooPrecise, limit, tooLarge } = costScale(costs, problem.targets.length * (categories + 1) + 1)
  const path = (i: number) => (i === P ? "movePenalty" : `pairs[${i}].cost`)
  const shown = 20
  for (const i of tooPrecise.slice(0, shown)) {
    report(
      path(i),
      "cost-too-precise",
      `${costs[i]} has more than ${MAX_DECIMALS} decimals; round it to ${MAX_DECIMALS} or fewer`,
      `${costs[i]} 的小数超过 ${MAX_DECIMALS} 位，请四舍五入到 ${MAX_DECIMALS} 位以内`,
    )
  }
  if (tooPrecise.length > shown)
    report(
      "pairs",
      "cost-too-precise",
      `${tooPrecise.length - shown} more costs have more than ${MAX_DECIMALS} decimals`,
      `另有 ${tooPrecise.length - shown} 个成本的小数超过 ${MAX_DECIMALS} 位`,
    )
  const largest = Math.floor(limit / scale)
  for (const i of tooLarge.slice(0, shown)) {
    report(
      path(i),
      "cost-too-large",
      `${costs[i]} is too large to solve exactly at this size: costs (penalty included) may be at most ${largest}; use smaller units`,
      `${costs[i]} 过大，无法在此规模下精确求解：成本（含调动惩罚）最多为 ${largest}，请换用更小的单位`,
    )
  }
  if (tooLarge.length > shown)
    report(
      "pairs",
      "cost-too-large",
      `${tooLarge.length - shown} more costs are too large`,
      `另有 ${tooLarge.length - shown} 个成本过大`,
    )
}
