/**
 * The workflow engine: opens cases and dispatches commands through the `Store`. A command is
 * checked (stage, role, payload, guard, before-hooks) and then appended with the version the case
 * was read at, so a concurrent writer gets `VersionConflict` and nothing is lost. After-hooks run
 * once the event is committed; their failures are reported, never undo the event, and can be
 * retried.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Labels from "../i18n/Labels.js"
import { Case } from "../model/Case.js"
import type { CaseId, DistrictId } from "../model/Ids.js"
import * as Issue from "../model/Issue.js"
import * as Store from "../store/Store.js"
import type { InvalidInput, NotFound, PayloadTooLarge, StoreError, VersionConflict } from "../store/StoreError.js"
import * as Workflow from "./Workflow.js"
import { strictAll } from "../internal/schema.js"

/**
 * A hook a plugin attaches to commands: `before` may veto, `after` reacts to the committed event.
 *
 * @since 0.1.0
 * @category hooks
 */
export interface Hook {
  readonly id: string
  /** Only commands of this workflow id (all workflows when absent). */
  readonly workflow?: string
  /** Only this command (all commands when absent). */
  readonly command?: string
  /** Runs in the event's store transaction, before the append; may read the store. */
  readonly before?: (input: HookInput) => Effect.Effect<void, Vetoed, Store.Store>
  readonly after?: (input: AfterHookInput) => Effect.Effect<void, unknown, Store.Store>
}

/**
 * @since 0.1.0
 * @category hooks
 */
export interface HookInput {
  readonly district: DistrictId
  readonly definition: Workflow.Any
  readonly state: Workflow.CaseState
  readonly command: string
  readonly payload: unknown
  readonly actor: Workflow.Actor
  readonly at: string
}

/**
 * @since 0.1.0
 * @category hooks
 */
export interface AfterHookInput extends HookInput {
  readonly event: Store.StoredEvent
  /** The state after the event. */
  readonly next: Workflow.CaseState
}

/**
 * A before-hook refused the command.
 *
 * @since 0.1.0
 * @category errors
 */
export class Vetoed extends Schema.TaggedError<Vetoed>()("Vetoed", {
  hook: Schema.String,
  reason: Labels.Labels,
}) {
  override get message(): string {
    return `refused by ${this.hook}: ${this.reason.en} (${this.reason["zh-CN"]})`
  }
}

/**
 * The case does not exist in the district.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownCase extends Schema.TaggedError<UnknownCase>()("UnknownCase", { caseId: Schema.String }) {
  override get message(): string {
    return `no case "${this.caseId}"`
  }
}

/**
 * A case with this id already exists.
 *
 * @since 0.1.0
 * @category errors
 */
export class CaseExists extends Schema.TaggedError<CaseExists>()("CaseExists", { caseId: Schema.String }) {
  override get message(): string {
    return `case "${this.caseId}" already exists`
  }
}

/**
 * The case's workflow (at its version) is not registered.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownWorkflow extends Schema.TaggedError<UnknownWorkflow>()("UnknownWorkflow", {
  workflow: Schema.String,
  version: Schema.Number,
}) {
  override get message(): string {
    return `workflow ${this.workflow}@${this.version} is not registered`
  }
}

/**
 * The command does not exist, or cannot fire in the case's stage.
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandRefused extends Schema.TaggedError<CommandRefused>()("CommandRefused", {
  caseId: Schema.String,
  command: Schema.String,
  stage: Schema.String,
  reason: Schema.Literals(["unknown-command", "wrong-stage", "not-allowed", "guard"]),
  /** What would have been allowed, or the guard's reason. */
  detail: Labels.Labels,
}) {
  override get message(): string {
    return `case "${this.caseId}" (stage ${this.stage}): "${this.command}" refused: ${this.detail.en} (${this.detail["zh-CN"]})`
  }
}

/**
 * The command's payload (or a case record) does not decode: every problem, with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidPayload extends Schema.TaggedError<InvalidPayload>()("InvalidPayload", {
  command: Schema.String,
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `"${this.command}": ${this.issues.map((i) => Issue.format(i)).join("; ")}`
  }
}

/**
 * An after-hook that failed; the event stays committed.
 *
 * @since 0.1.0
 * @category hooks
 */
export interface HookFailure {
  readonly hook: string
  readonly message: string
}

/**
 * What a dispatch did.
 *
 * @since 0.1.0
 * @category models
 */
export interface Dispatched {
  readonly state: Workflow.CaseState
  readonly event: Store.StoredEvent
  /** After-hooks that failed: the event is committed; `retryAfterHooks` runs them again. */
  readonly hookFailures: ReadonlyArray<HookFailure>
}

/**
 * Errors reading a case back.
 *
 * @since 0.1.0
 * @category errors
 */
export type LoadError = UnknownCase | UnknownWorkflow | Workflow.ChainBroken | Workflow.ReplayError | StoreError

/**
 * Errors of `dispatch`.
 *
 * @since 0.1.0
 * @category errors
 */
export type DispatchError =
  | LoadError
  | CommandRefused
  | InvalidPayload
  | Vetoed
  | VersionConflict
  | InvalidInput
  | PayloadTooLarge
  | NotFound

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Every workflow definition, at every version cases may run under. */
  readonly workflows: ReadonlyArray<Workflow.Any>
  readonly hooks?: ReadonlyArray<Hook>
  /**
   * A secret the application holds (not the store): events are then hashed with HMAC-SHA-256 under
   * it, and every case is verified with it on load, so rewriting a case's events in the store and
   * recomputing their hashes needs the key. Cases written without a key fail to load with one
   * (`not-keyed`), and keyed cases need it (`key-required`): choose before the first case.
   */
  readonly chainKey?: Redacted.Redacted<string>
}

/**
 * Options of `load`.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoadOptions {
  /** A head recorded earlier (`Workflow.headOf`, `tongxin cases --json`): the case must still pass through it. */
  readonly head?: Workflow.Head
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Engine {
  readonly definition: (id: string, version: number) => Option.Option<Workflow.Any>
  /** Opens a case under `record.workflow` (id and version); the first event records it. */
  readonly open: (
    district: DistrictId,
    record: Case,
    actor: Workflow.Actor,
    options?: { readonly at?: string },
  ) => Effect.Effect<
    Workflow.CaseState,
    InvalidPayload | UnknownWorkflow | CaseExists | StoreError | InvalidInput | PayloadTooLarge | NotFound,
    Store.Store
  >
  readonly load: (
    district: DistrictId,
    caseId: CaseId,
    options?: LoadOptions,
  ) => Effect.Effect<{ readonly definition: Workflow.Any; readonly state: Workflow.CaseState }, LoadError, Store.Store>
  readonly dispatch: <W extends Workflow.Any = Workflow.Any>(
    district: DistrictId,
    caseId: CaseId,
    command: Workflow.Command<W> | { readonly type: string; readonly payload: unknown },
    actor: Workflow.Actor,
    options?: { readonly at?: string },
  ) => Effect.Effect<Dispatched, DispatchError, Store.Store>
  /** Runs the after-hooks of an event again (e.g. after fixing what made them fail). */
  readonly retryAfterHooks: (
    district: DistrictId,
    caseId: CaseId,
    version: number,
  ) => Effect.Effect<ReadonlyArray<HookFailure>, LoadError, Store.Store>
}

const key = (id: string, version: number) => `${id}@${version}`
const decodeCase = Schema.decodeUnknownResult(Case, strictAll)
const decodeActor = Schema.decodeUnknownResult(Workflow.Actor, strictAll)

// The caller's actor, checked: a role list that is a string would pass `includes` by substring.
const checkedActor = (command: string, actor: unknown): Effect.Effect<Workflow.Actor, InvalidPayload> => {
  const decoded = decodeActor(actor)
  return Result.isSuccess(decoded)
    ? Effect.succeed(decoded.success)
    : Effect.fail(new InvalidPayload({ command, issues: prefixed("actor", Issue.fromSchemaError(decoded.failure)) }))
}

// The command's time: the caller's (checked: it ends up in deadlines and dates) or the clock's.
const now = (command: string, at: string | undefined): Effect.Effect<string, InvalidPayload> => {
  if (at === undefined) return Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
  if (Workflow.isDateTime(at)) return Effect.succeed(at)
  return Effect.fail(
    new InvalidPayload({
      command,
      issues: [
        {
          path: "at",
          code: "invalid",
          message: "must be an ISO 8601 date-time like 2025-06-15T09:30:00+08:00",
          messageZh: "应为 ISO 8601 时间，例如 2025-06-15T09:30:00+08:00",
        },
      ],
    }),
  )
}

/**
 * An engine over a set of workflow definitions and hooks (usually a `PluginHost` registry's). Throws
 * `Workflow.DefinitionError` for a definition `Workflow.check` finds problems in.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Engine => {
  // Definitions made without `Workflow.define` are checked here: a transition to an unknown stage
  // would leave cases stuck.
  for (const w of options.workflows) {
    const issues = Workflow.check(w)
    if (issues.length > 0) throw new Workflow.DefinitionError({ workflow: `${w.id}@${w.version}`, issues })
  }
  const definitions = new Map(options.workflows.map((w) => [key(w.id, w.version), w]))
  const hooks = options.hooks ?? []
  const hooksFor = (workflow: string, command: string) =>
    hooks.filter(
      (h) =>
        (h.workflow === undefined || h.workflow === workflow) && (h.command === undefined || h.command === command),
    )

  const definition = (id: string, version: number) => Option.fromNullishOr(definitions.get(key(id, version)))

  const chainKey = options.chainKey
  const load: Engine["load"] = (district, caseId, loadOptions = {}) =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const events = yield* store.readCase(district, caseId)
      const first = events[0]
      if (first === undefined) return yield* new UnknownCase({ caseId })
      const workflow = (first.meta as { readonly workflow?: { readonly id?: unknown; readonly version?: unknown } })
        .workflow
      if (typeof workflow?.id !== "string" || typeof workflow.version !== "number") {
        return yield* new Workflow.ReplayError({
          caseId,
          version: 1,
          message: "the first event does not name its workflow: it was not written by the workflow engine",
        })
      }
      const def = definitions.get(key(workflow.id, workflow.version))
      if (def === undefined) return yield* new UnknownWorkflow({ workflow: workflow.id, version: workflow.version })
      yield* Effect.fromResult(
        Workflow.verifyChain(caseId, events, {
          ...(loadOptions.head === undefined ? {} : { head: loadOptions.head }),
          ...(chainKey === undefined ? {} : { key: chainKey }),
        }),
      )
      const state = yield* Effect.fromResult(Workflow.replay(def, events))
      return { definition: def, state }
    })

  const event = (
    caseId: CaseId,
    version: number,
    type: string,
    data: Store.Json,
    unkeyed: Omit<Workflow.EventMeta, "hash" | "chain">,
  ) => {
    const meta = chainKey === undefined ? unkeyed : { ...unkeyed, chain: "hmac-sha256" as const }
    const hash = Workflow.hashOf({ caseId, version, type, data, meta }, chainKey)
    return { type, data, meta: { ...meta, hash } as unknown as { readonly [k: string]: Store.Json } }
  }

  const open: Engine["open"] = (district, record, caller, opts = {}) =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const actor = yield* checkedActor(Workflow.openedType, caller)
      const decoded = decodeCase(record)
      if (Result.isFailure(decoded))
        return yield* new InvalidPayload({
          command: Workflow.openedType,
          issues: prefixed("case", Issue.fromSchemaError(decoded.failure)),
        })
      const c = decoded.success
      const def = definitions.get(key(c.workflow.id, c.workflow.version))
      if (def === undefined) return yield* new UnknownWorkflow({ workflow: c.workflow.id, version: c.workflow.version })
      const at = yield* now(Workflow.openedType, opts.at)
      const data = Schema.encodeSync(Case)(c) as unknown as Store.Json
      const e = event(
        c.id,
        1,
        Workflow.openedType,
        { case: data },
        {
          actor: { id: actor.id, roles: actor.roles },
          at,
          command: Workflow.openedType,
          from: "",
          to: def.initial,
          workflow: { id: def.id, version: def.version },
          prevHash: "",
        },
      )
      yield* store.transaction(
        Effect.gen(function* () {
          yield* store
            .append(district, c.id, 0, [e])
            .pipe(Effect.catchTag("VersionConflict", () => Effect.fail(new CaseExists({ caseId: c.id }))))
          yield* store.upsert(district, "cases", [c])
        }),
      )
      const [stored] = yield* store.readCase(district, c.id)
      return yield* Effect.orDie(Effect.fromResult(Workflow.replay(def, [stored!])))
    })

  const runAfter = (input: AfterHookInput): Effect.Effect<ReadonlyArray<HookFailure>, never, Store.Store> =>
    Effect.forEach(
      hooksFor(input.definition.id, input.command).filter((h) => h.after !== undefined),
      (h) =>
        Effect.matchCause(h.after!(input), {
          onFailure: (cause): HookFailure | undefined => ({
            hook: h.id,
            message: Cause.pretty(cause).split("\n")[0] ?? "failed",
          }),
          onSuccess: () => undefined,
        }),
    ).pipe(Effect.map((xs) => xs.filter((x): x is HookFailure => x !== undefined)))

  const dispatch: Engine["dispatch"] = (district, caseId, command, caller, opts = {}) =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const name = command.type as string
      const actor = yield* checkedActor(name, caller)
      const { definition: def, state } = yield* load(district, caseId)
      const refuse = (reason: CommandRefused["reason"], detail: Labels.Labels) =>
        Effect.fail(new CommandRefused({ caseId, command: name, stage: state.stage, reason, detail }))
      const t = Object.hasOwn(def.transitions, name) ? def.transitions[name] : undefined
      if (t === undefined) {
        const known = Object.keys(def.transitions).join(", ")
        return yield* refuse("unknown-command", {
          en: `commands of ${def.id}: ${known}`,
          "zh-CN": `${def.id} 的命令：${known}`,
        })
      }
      const from = typeof t.from === "string" ? [t.from] : t.from
      if (!from.includes(state.stage)) {
        const possible =
          Workflow.available(def, state)
            .map((a) => a.command)
            .join(", ") || "none"
        return yield* refuse("wrong-stage", { en: `possible now: ${possible}`, "zh-CN": `当前可用：${possible}` })
      }
      if (!t.roles.some((r: string) => actor.roles.includes(r))) {
        const roles = t.roles.map((r: string) => `${r} (${def.roles[r]?.["zh-CN"] ?? r})`).join(", ")
        return yield* refuse("not-allowed", {
          en: `needs one of the roles ${roles}`,
          "zh-CN": `需要以下角色之一：${roles}`,
        })
      }
      const decoded = Schema.decodeUnknownResult(t.payload, strictAll)(command.payload)
      if (Result.isFailure(decoded))
        return yield* new InvalidPayload({
          command: name,
          issues: prefixed("payload", Issue.fromSchemaError(decoded.failure)),
        })
      const payload = decoded.success
      const at = yield* now(name, opts.at)
      const previousAt = state.history.at(-1)!.at
      if (Date.parse(at) < Date.parse(previousAt))
        return yield* new InvalidPayload({
          command: name,
          issues: [
            {
              path: "at",
              code: "before-last-event",
              message: `${at} is before the case's last event (${previousAt}): a history runs forward`,
              messageZh: `${at} 早于本案上一事件的时间（${previousAt}）：案件记录只能按时间向前`,
            },
          ],
        })
      const guard = t.guard?.({ state, payload, actor, at })
      if (guard !== undefined) return yield* refuse("guard", guard)
      const input: HookInput = { district, definition: def, state, command: name, payload, actor, at }
      const data = Schema.encodeSync(t.payload)(payload) as Store.Json
      const version = state.version + 1
      const e = event(caseId, version, name, data ?? null, {
        actor: { id: actor.id, roles: actor.roles },
        at,
        command: name,
        from: state.stage,
        to: t.to,
        workflow: { id: def.id, version: def.version },
        prevHash: state.lastHash,
      })
      yield* store.transaction(
        Effect.gen(function* () {
          for (const h of hooksFor(def.id, name)) if (h.before !== undefined) yield* h.before(input)
          yield* store.append(district, caseId, state.version, [e])
          if (t.effects !== undefined) yield* t.effects({ state, payload, actor, at, district, store, version })
        }),
      )
      // Read the event back for its position in the district's log.
      const stored = (yield* store.readCase(district, caseId))[version - 1]!
      const next = yield* Effect.orDie(Effect.fromResult(Workflow.apply(def, state, stored)))
      const hookFailures = yield* runAfter({ ...input, event: stored, next })
      return { state: next, event: stored, hookFailures }
    })

  const retryAfterHooks: Engine["retryAfterHooks"] = (district, caseId, version) =>
    Effect.gen(function* () {
      const store = yield* Store.Store
      const { definition: def } = yield* load(district, caseId)
      const events = yield* store.readCase(district, caseId)
      const e = events[version - 1]
      if (e === undefined || version < 2) return []
      const before = yield* Effect.orDie(Effect.fromResult(Workflow.replay(def, events.slice(0, version - 1))))
      const next = yield* Effect.orDie(Effect.fromResult(Workflow.apply(def, before, e)))
      const meta = e.meta as unknown as Workflow.EventMeta
      const t = def.transitions[e.type]!
      const payload = Schema.decodeUnknownSync(t.payload)(e.data)
      return yield* runAfter({
        district,
        definition: def,
        state: before,
        command: e.type,
        payload,
        actor: { id: meta.actor.id, roles: meta.actor.roles },
        at: meta.at,
        event: e,
        next,
      })
    })

  return { definition, open, load, dispatch, retryAfterHooks }
}

const prefixed = (prefix: string, issues: ReadonlyArray<Issue.Issue>): ReadonlyArray<Issue.Issue> =>
  issues.map((i) => ({
    ...i,
    path: i.path === "(root)" ? prefix : i.path.startsWith("[") ? prefix + i.path : `${prefix}.${i.path}`,
  }))
