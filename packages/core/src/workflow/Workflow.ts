/**
 * Workflows: a consultation case's life as a typed state machine. A definition names its stages,
 * roles and transitions (each with a payload Schema, the roles allowed to fire it, an optional guard
 * and deadline); a case's state is a fold over its events (`replay`), and the events form a hash
 * chain (`verifyChain`). The engine (`WorkflowEngine`) dispatches commands through the `Store`.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { sha256 } from "../internal/sha256.js"
import type { Labels } from "../i18n/Labels.js"
import type { CaseId, DistrictId } from "../model/Ids.js"
import * as IsoDate from "../model/IsoDate.js"
import * as Issue from "../model/Issue.js"
import type * as Store from "../store/Store.js"
import type { WriteError } from "../store/StoreError.js"
import type { Vetoed } from "./Engine.js"
import * as Calendar from "./Calendar.js"
import { NonEmptyTrimmedString, optional } from "../internal/schema.js"

/**
 * Who fires a command, with the roles they hold in this district.
 *
 * @since 0.1.0
 * @category models
 */
export const Actor = Schema.Struct({
  id: NonEmptyTrimmedString,
  name: optional(Schema.String),
  roles: Schema.Array(NonEmptyTrimmedString),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}

/**
 * A stage of a workflow.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stage {
  readonly labels: Labels
  /** A case in a terminal stage is finished: no transition leaves it. */
  readonly terminal?: boolean
}

/**
 * What a guard sees.
 *
 * @since 0.1.0
 * @category models
 */
export interface GuardInput<P> {
  readonly state: CaseState
  readonly payload: P
  readonly actor: Actor
  /** The time of the command (ISO 8601). */
  readonly at: string
}

/**
 * What a transition's `effects` see: they run in the same store transaction as the event, so both
 * commit or neither does.
 *
 * @since 0.1.0
 * @category models
 */
export interface EffectsInput<P> extends GuardInput<P> {
  readonly district: DistrictId
  readonly store: Store.Service
  /** The event's version. */
  readonly version: number
}

/**
 * A transition: from which stages to which, who may fire it, what it carries.
 *
 * @since 0.1.0
 * @category models
 */
export interface Transition<
  S extends string = string,
  R extends string = string,
  P extends Schema.Codec<unknown, unknown> = Schema.Codec<unknown, unknown>,
> {
  readonly labels?: Labels
  readonly from: S | ReadonlyArray<S>
  readonly to: S
  readonly roles: ReadonlyArray<R>
  readonly payload: P
  /** Refuses the command by returning the reason, in both languages. */
  readonly guard?: (input: GuardInput<Schema.Schema.Type<P>>) => Labels | undefined
  /** Must fire within this many working days of the case entering its `from` stage. */
  readonly deadline?: { readonly workingDays: number }
  /**
   * Writes that belong to the event (e.g. the outcome items a report creates). Failing with
   * `WorkflowEngine.Vetoed` refuses the command; nothing is written.
   */
  readonly effects?: (input: EffectsInput<Schema.Schema.Type<P>>) => Effect.Effect<void, WriteError | Vetoed>
}

/**
 * A workflow definition.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition<
  S extends string = string,
  R extends string = string,
  T extends { readonly [name: string]: Transition<S, R, any> } = { readonly [name: string]: Transition<S, R, any> },
> {
  readonly id: string
  readonly version: number
  readonly labels: Labels
  readonly stages: { readonly [K in S]: Stage }
  readonly roles: { readonly [K in R]: Labels }
  readonly initial: S
  readonly transitions: T
}

/**
 * Any workflow definition.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Definition<string, string, { readonly [name: string]: Transition<string, string, any> }>

/**
 * The commands of a workflow: `{ type: "approve", payload: … }` with the payload its Schema decodes
 * to, so dispatching `"approve"` type-checks its payload.
 *
 * @since 0.1.0
 * @category models
 */
export type Command<W> =
  W extends Definition<any, any, infer T>
    ? {
        readonly [K in keyof T & string]: { readonly type: K; readonly payload: Schema.Codec.Encoded<T[K]["payload"]> }
      }[keyof T & string]
    : never

/**
 * A definition with an impossible shape: every problem, with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class DefinitionError extends Schema.TaggedError<DefinitionError>()("WorkflowDefinitionError", {
  workflow: Schema.String,
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `workflow "${this.workflow}" is not valid:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

const problem = (path: string, en: string, zh: string): Issue.Issue => ({
  path,
  code: "invalid-workflow",
  message: en,
  messageZh: zh,
})

const fromList = (t: Transition): ReadonlyArray<string> => (typeof t.from === "string" ? [t.from] : t.from)

/**
 * Every problem of a definition: unknown stages or roles, transitions out of terminal stages, stages
 * no transition reaches, names the engine reserves.
 *
 * @since 0.1.0
 * @category validation
 */
export const check = (definition: Any): ReadonlyArray<Issue.Issue> => {
  const issues: Array<Issue.Issue> = []
  const stages = new Set(Object.keys(definition.stages))
  const roles = new Set(Object.keys(definition.roles))
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(definition.id))
    issues.push(
      problem("id", "must be lower-case letters, digits, dots and dashes", "应由小写字母、数字、点和短横线组成"),
    )
  if (!Number.isInteger(definition.version) || definition.version < 1)
    issues.push(problem("version", "must be a whole number, 1 or more", "应为不小于 1 的整数"))
  if (!stages.has(definition.initial))
    issues.push(
      problem("initial", `"${definition.initial}" is not a stage`, `"${definition.initial}" 不是已定义的阶段`),
    )
  const reached = new Set([definition.initial])
  for (const [name, t] of Object.entries(definition.transitions)) {
    const at = `transitions.${name}`
    if (name === openedType)
      issues.push(
        problem(at, `"${openedType}" is reserved for the event that opens a case`, `"${openedType}" 保留给立案事件`),
      )
    for (const s of fromList(t)) {
      if (!stages.has(s)) issues.push(problem(`${at}.from`, `"${s}" is not a stage`, `"${s}" 不是已定义的阶段`))
      else if (definition.stages[s]!.terminal === true)
        issues.push(problem(`${at}.from`, `"${s}" is terminal: nothing may leave it`, `"${s}" 是终止阶段，不能再流转`))
    }
    if (fromList(t).length === 0) issues.push(problem(`${at}.from`, "needs at least one stage", "至少需要一个起始阶段"))
    if (!stages.has(t.to)) issues.push(problem(`${at}.to`, `"${t.to}" is not a stage`, `"${t.to}" 不是已定义的阶段`))
    reached.add(t.to)
    if (t.roles.length === 0) issues.push(problem(`${at}.roles`, "needs at least one role", "至少需要一个角色"))
    for (const r of t.roles)
      if (!roles.has(r))
        issues.push(problem(`${at}.roles`, `"${r}" is not a role of this workflow`, `"${r}" 不是本流程的角色`))
    if (t.deadline !== undefined && !(Number.isInteger(t.deadline.workingDays) && t.deadline.workingDays > 0)) {
      issues.push(
        problem(
          `${at}.deadline.workingDays`,
          "must be a whole number of working days, 1 or more",
          "应为不小于 1 的工作日数",
        ),
      )
    }
  }
  for (const s of stages)
    if (!reached.has(s))
      issues.push(problem(`stages.${s}`, "no transition leads to this stage", "没有任何流转到达此阶段"))
  return issues
}

/**
 * Checks and returns a definition, keeping its literal types so commands type-check. Throws
 * `DefinitionError` listing every problem: a definition is code, and a broken one should stop the
 * program that declares it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <
  const S extends string,
  const R extends string,
  P extends { readonly [name: string]: Schema.Codec<unknown, unknown> },
>(definition: {
  readonly id: string
  readonly version: number
  readonly labels: Labels
  readonly stages: { readonly [K in S]: Stage }
  readonly roles: { readonly [K in R]: Labels }
  readonly initial: NoInfer<S>
  // A mapped type over the payload Schemas, so each transition's guard and effects see its own payload.
  readonly transitions: { readonly [K in keyof P]: Transition<NoInfer<S>, NoInfer<R>, P[K]> }
}): Definition<S, R, { readonly [K in keyof P]: Transition<S, R, P[K]> }> => {
  const issues = check(definition as unknown as Any)
  if (issues.length > 0) throw new DefinitionError({ workflow: `${definition.id}@${definition.version}`, issues })
  return definition as Definition<S, R, { readonly [K in keyof P]: Transition<S, R, P[K]> }>
}

/**
 * The type of the event that opens a case.
 *
 * @since 0.1.0
 * @category events
 */
export const openedType = "opened"

/**
 * One step of a case's history.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly version: number
  readonly command: string
  readonly from: string
  readonly to: string
  readonly actor: string
  readonly at: string
}

/**
 * A case's state: the fold of its events.
 *
 * @since 0.1.0
 * @category models
 */
export interface CaseState {
  readonly caseId: CaseId
  readonly workflow: { readonly id: string; readonly version: number }
  readonly stage: string
  readonly terminal: boolean
  /** How many events the case has: the version the next append must expect. */
  readonly version: number
  readonly openedAt: string
  /** When the case entered its current stage. */
  readonly enteredStageAt: string
  /** The latest payload of each command, by command name. */
  readonly payloads: { readonly [command: string]: Store.Json }
  readonly history: ReadonlyArray<Step>
  /** The hash of the latest event, which the next one links to. */
  readonly lastHash: string
}

/**
 * What the engine records in each event's `meta`.
 *
 * @since 0.1.0
 * @category events
 */
export interface EventMeta {
  readonly actor: { readonly id: string; readonly roles: ReadonlyArray<string> }
  readonly at: string
  readonly command: string
  readonly from: string
  readonly to: string
  readonly workflow: { readonly id: string; readonly version: number }
  readonly prevHash: string
  readonly hash: string
}

// JSON with object keys sorted, so a store that reorders keys (PostgreSQL's jsonb) keeps hashes.
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`
}

/**
 * The hash of an event: SHA-256 over its case, version, type, data and meta (without the hash).
 *
 * @since 0.1.0
 * @category events
 */
export const hashOf = (event: {
  readonly caseId: string
  readonly version: number
  readonly type: string
  readonly data: unknown
  readonly meta: { readonly [k: string]: unknown }
}): string => {
  const { hash: _, ...meta } = event.meta
  return sha256(canonical({ caseId: event.caseId, version: event.version, type: event.type, data: event.data, meta }))
}

/**
 * Where a hash chain breaks.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainBroken extends Schema.TaggedError<ChainBroken>()("ChainBroken", {
  caseId: Schema.String,
  /** The first event (1-based position in the list given) that does not fit. */
  at: Schema.Number,
  reason: Schema.Literals(["version-gap", "wrong-case", "hash-mismatch", "link-mismatch", "truncated"]),
}) {
  override get message(): string {
    const why = {
      "version-gap": "its version does not follow the one before (an event was removed or reordered)",
      "wrong-case": "it belongs to another case",
      "hash-mismatch": "its contents were changed after it was written",
      "link-mismatch": "it does not link to the event before it (an event was removed or reordered)",
      truncated: "the chain ends before the head recorded for it (events were removed from the end)",
    }[this.reason]
    return `case "${this.caseId}": event ${this.at} breaks the chain: ${why}`
  }
}

/**
 * Checks a case's events: versions 1, 2, 3, …, each event's hash matches its contents, and each
 * links to the one before. Any changed, removed or reordered event is found; removing events from
 * the end leaves a shorter valid chain, which `head` (the version and hash of the last event,
 * recorded elsewhere: a report, a published digest) catches.
 *
 * @since 0.1.0
 * @category events
 */
export const verifyChain = (
  caseId: string,
  events: ReadonlyArray<Store.StoredEvent>,
  options: { readonly head?: { readonly version: number; readonly hash: string } } = {},
): Result.Result<void, ChainBroken> => {
  let prev = ""
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const meta = e.meta as Partial<EventMeta>
    const broken = (reason: ChainBroken["reason"]) => Result.fail(new ChainBroken({ caseId, at: i + 1, reason }))
    if (e.caseId !== caseId) return broken("wrong-case")
    if (e.version !== i + 1) return broken("version-gap")
    if (meta.prevHash !== prev) return broken("link-mismatch")
    if (meta.hash !== hashOf(e)) return broken("hash-mismatch")
    prev = meta.hash
  }
  const head = options.head
  if (head !== undefined && (events.length !== head.version || prev !== head.hash)) {
    return Result.fail(new ChainBroken({ caseId, at: Math.min(events.length, head.version) + 1, reason: "truncated" }))
  }
  return Result.succeed(undefined)
}

/**
 * Why events do not replay under a definition.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReplayError extends Schema.TaggedError<ReplayError>()("ReplayError", {
  caseId: Schema.String,
  version: Schema.Number,
  message: Schema.String,
}) {}

/**
 * Folds a case's events into its state under its workflow definition. Each event must be a
 * transition its definition allows from the stage the case was in.
 *
 * @since 0.1.0
 * @category replay
 */
export const replay = (
  definition: Any,
  events: ReadonlyArray<Store.StoredEvent>,
): Result.Result<CaseState, ReplayError> => {
  const first = events[0]
  if (first === undefined || first.type !== openedType) {
    return Result.fail(
      new ReplayError({
        caseId: first?.caseId ?? "",
        version: 1,
        message: "a case's first event must be the one that opened it",
      }),
    )
  }
  let state = opened(definition, first)
  for (let i = 1; i < events.length; i++) {
    const next = apply(definition, state, events[i]!)
    if (Result.isFailure(next)) return next
    state = next.success
  }
  return Result.succeed(state)
}

const opened = (definition: Any, e: Store.StoredEvent): CaseState => {
  const meta = e.meta as unknown as EventMeta
  return {
    caseId: e.caseId,
    workflow: { id: definition.id, version: definition.version },
    stage: definition.initial,
    terminal: definition.stages[definition.initial]!.terminal === true,
    version: e.version,
    openedAt: meta.at,
    enteredStageAt: meta.at,
    payloads: {},
    history: [
      { version: e.version, command: openedType, from: "", to: definition.initial, actor: meta.actor.id, at: meta.at },
    ],
    lastHash: meta.hash,
  }
}

/**
 * One more event on a state (what `replay` does for each event after the first).
 *
 * @since 0.1.0
 * @category replay
 */
export const apply = (
  definition: Any,
  state: CaseState,
  e: Store.StoredEvent,
): Result.Result<CaseState, ReplayError> => {
  const t = definition.transitions[e.type]
  const meta = e.meta as unknown as EventMeta
  if (t === undefined)
    return Result.fail(
      new ReplayError({
        caseId: state.caseId,
        version: e.version,
        message: `"${e.type}" is not a command of ${definition.id}@${definition.version}`,
      }),
    )
  if (!fromList(t).includes(state.stage)) {
    return Result.fail(
      new ReplayError({
        caseId: state.caseId,
        version: e.version,
        message: `"${e.type}" cannot fire in stage "${state.stage}"`,
      }),
    )
  }
  if (e.version !== state.version + 1)
    return Result.fail(
      new ReplayError({ caseId: state.caseId, version: e.version, message: `expected version ${state.version + 1}` }),
    )
  return Result.succeed({
    ...state,
    stage: t.to,
    terminal: definition.stages[t.to]?.terminal === true,
    version: e.version,
    enteredStageAt: t.to === state.stage ? state.enteredStageAt : meta.at,
    payloads: { ...state.payloads, [e.type]: e.data },
    history: [
      ...state.history,
      { version: e.version, command: e.type, from: state.stage, to: t.to, actor: meta.actor.id, at: meta.at },
    ],
    lastHash: meta.hash,
  })
}

/**
 * The commands a case can take now, and whether an actor may fire each.
 *
 * @since 0.1.0
 * @category queries
 */
export const available = (
  definition: Any,
  state: CaseState,
  actor?: Actor,
): ReadonlyArray<{ readonly command: string; readonly to: string; readonly allowed: boolean }> =>
  Object.entries(definition.transitions)
    .filter(([, t]) => fromList(t).includes(state.stage))
    .map(([command, t]) => ({
      command,
      to: t.to,
      allowed: actor === undefined || t.roles.some((r) => actor.roles.includes(r)),
    }))

/**
 * A late case.
 *
 * @since 0.1.0
 * @category deadlines
 */
export interface Overdue {
  readonly caseId: CaseId
  readonly stage: string
  /** The command that is late. */
  readonly command: string
  readonly due: IsoDate.IsoDate
  /** Working days past the due date. */
  readonly workingDaysLate: number
}

/**
 * The cases whose current stage has a transition past its deadline on `asOf`, latest first. A
 * transition's deadline counts working days from the day the case entered the stage.
 *
 * @since 0.1.0
 * @category deadlines
 */
export const overdue = (
  cases: Iterable<{ readonly definition: Any; readonly state: CaseState }>,
  asOf: IsoDate.IsoDate,
  calendar: Calendar.Calendar = Calendar.weekdays,
): ReadonlyArray<Overdue> => {
  const out: Array<Overdue> = []
  for (const { definition, state } of cases) {
    if (state.terminal) continue
    const entered = state.enteredStageAt.slice(0, 10) as IsoDate.IsoDate
    let worst: Overdue | undefined
    for (const [command, t] of Object.entries(definition.transitions)) {
      if (t.deadline === undefined || !fromList(t).includes(state.stage)) continue
      const due = Calendar.addWorkingDays(calendar, entered, t.deadline.workingDays)
      const late = Calendar.workingDaysBetween(calendar, due, asOf)
      // The case is late only if no transition out of the stage is still on time.
      if (late <= 0) {
        worst = undefined
        break
      }
      if (worst === undefined || late < worst.workingDaysLate)
        worst = { caseId: state.caseId, stage: state.stage, command, due, workingDaysLate: late }
    }
    if (worst !== undefined) out.push(worst)
  }
  return out.sort(
    (a, b) => b.workingDaysLate - a.workingDaysLate || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  )
}
