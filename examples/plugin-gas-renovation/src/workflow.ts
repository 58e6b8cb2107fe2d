/**
 * The `gas-renovation` workflow (老旧燃气管道改造): household survey → consultation → scheduling →
 * renovation, tracked to a percentage that only moves forward → acceptance → closed, as Qingshan's
 * Yejin street ran it. The consensus writes the outcome item (协商成果) the renovation's progress is
 * tracked on, in the same transaction as the event.
 *
 * @since 0.1.0
 */
import { Ids, IsoDate, type Outcome, Outcomes, Store, StoreError, Workflow, type WorkflowEngine } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { defaults, type ProgressNotice, type Resolved } from "./options.js"
import { NonEmptyTrimmedString } from "./schema.js"

/**
 * The workflow's id; cases name it (with a version) in `workflow`.
 *
 * @since 0.1.0
 * @category constants
 */
export const workflowId = "gas-renovation"

const Households = Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))
const Percent = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 100 }))
const Note = Schema.optionalKey(Schema.String)

/**
 * What the survey (入户调查) records: households surveyed so far out of all households on the pipes
 * to renovate, and how many of those agreed to the works.
 *
 * @since 0.1.0
 * @category payloads
 */
export const SurveyPayload = Schema.Struct({
  on: IsoDate.IsoDate,
  total: Households.check(Schema.isGreaterThan(0)),
  surveyed: Households,
  consenting: Households,
  note: Note,
})

/**
 * A progress report on the works: the share done, 0–100.
 *
 * @since 0.1.0
 * @category payloads
 */
export const ProgressPayload = Schema.Struct({
  percent: Percent,
  on: IsoDate.IsoDate,
  note: Note,
})

/**
 * The outcome item a case tracks its works on. One per case, so its id comes from the case's.
 *
 * @since 0.1.0
 * @category outcomes
 */
export const outcomeIdOf = (caseId: string): Ids.OutcomeId => `${caseId}/gas` as Ids.OutcomeId

/**
 * Where a case's works stand, as its events say: the last reported percentage, and whether the
 * works were reopened since (then the next report may be lower).
 *
 * @since 0.1.0
 * @category progress
 */
export const progressOf = (state: Workflow.CaseState): { readonly percent: number; readonly reopened: boolean } => {
  let reopened = false
  for (let i = state.history.length - 1; i >= 0; i--) {
    const command = state.history[i]!.command
    if (command === "reopen" || command === "failAcceptance") reopened = true
    else if (command === "completeRenovation") return { percent: 100, reopened }
    // `payloads` keeps each command's latest payload: the report found first walking back.
    else if (command === "reportProgress") {
      const report = decodeProgress(state.payloads["reportProgress"])
      return { percent: Option.isSome(report) ? report.value.percent : 0, reopened }
    }
  }
  return { percent: 0, reopened }
}

/**
 * The latest survey of a case, if one was recorded.
 *
 * @since 0.1.0
 * @category progress
 */
export const surveyOf = (state: Workflow.CaseState): Option.Option<typeof SurveyPayload.Type> =>
  decodeSurvey(state.payloads["survey"])

const decodeProgress = Schema.decodeUnknownOption(ProgressPayload)
const decodeSurvey = Schema.decodeUnknownOption(SurveyPayload)

/**
 * Builds the workflow for a set of options (survey rate, deadlines, handling unit).
 *
 * @since 0.1.0
 * @category workflows
 */
export const makeWorkflow = (options: Resolved = defaults) =>
  Workflow.define({
    id: workflowId,
    version: 1,
    labels: { "zh-CN": "老旧燃气管道改造", en: "Ageing gas-pipe renovation" },
    stages: {
      survey: { labels: { "zh-CN": "入户调查", en: "Household survey" } },
      consultation: { labels: { "zh-CN": "协商议事", en: "Consultation" } },
      scheduling: { labels: { "zh-CN": "排期", en: "Scheduling" } },
      renovation: { labels: { "zh-CN": "施工", en: "Renovation works" } },
      acceptance: { labels: { "zh-CN": "验收", en: "Acceptance" } },
      closed: { labels: { "zh-CN": "办结", en: "Closed" }, terminal: true },
    },
    roles: {
      streetOffice: { "zh-CN": "街道办", en: "Street office" },
      community: { "zh-CN": "社区", en: "Community" },
      member: { "zh-CN": "政协委员", en: "CPPCC member" },
      gasCompany: { "zh-CN": "燃气公司", en: "Gas company" },
      residents: { "zh-CN": "居民代表", en: "Residents' representatives" },
    },
    initial: "survey",
    transitions: {
      survey: {
        labels: { "zh-CN": "登记入户调查", en: "Record the household survey" },
        from: "survey",
        to: "survey",
        roles: ["community", "member", "gasCompany"],
        payload: SurveyPayload,
        guard: ({ payload: p }) =>
          p.surveyed > p.total
            ? {
                en: `${p.surveyed} households surveyed out of ${p.total}: cannot be more than all of them`,
                "zh-CN": `已调查 ${p.surveyed} 户，超过总户数 ${p.total} 户`,
              }
            : p.consenting > p.surveyed
              ? {
                  en: `${p.consenting} consenting households but only ${p.surveyed} surveyed`,
                  "zh-CN": `同意改造 ${p.consenting} 户，多于已调查的 ${p.surveyed} 户`,
                }
              : undefined,
      },
      startConsultation: {
        labels: { "zh-CN": "启动协商", en: "Start the consultation" },
        from: "survey",
        to: "consultation",
        roles: ["streetOffice", "community"],
        payload: Schema.Struct({ meetingOn: IsoDate.IsoDate, venue: NonEmptyTrimmedString, note: Note }),
        // Residents are consulted once enough of them have been asked, not on a handful of doors.
        guard: ({ state }) =>
          Option.match(surveyOf(state), {
            onNone: () => ({ en: "record the household survey first", "zh-CN": "请先登记入户调查情况" }),
            onSome: (s) =>
              s.surveyed / s.total + 1e-9 < options.surveyRate
                ? {
                    en: `only ${s.surveyed} of ${s.total} households (${percent(s.surveyed / s.total)}) were surveyed; the consultation needs at least ${percent(options.surveyRate)}`,
                    "zh-CN": `仅入户调查 ${s.surveyed}/${s.total} 户（${percent(s.surveyed / s.total)}），启动协商须达到 ${percent(options.surveyRate)}`,
                  }
                : undefined,
          }),
        deadline: { workingDays: options.surveyWorkingDays },
      },
      reachConsensus: {
        labels: { "zh-CN": "形成改造共识", en: "Reach consensus" },
        from: "consultation",
        to: "scheduling",
        roles: ["streetOffice", "community", "member"],
        payload: Schema.Struct({
          heldOn: IsoDate.IsoDate,
          attendees: Schema.Array(Ids.MemberId),
          residentRepresentatives: Households,
          consensus: NonEmptyTrimmedString,
        }),
        // The consensus becomes the outcome item the gas company is tracked on: written with the
        // event, so a case never reaches scheduling without it.
        effects: ({ district, store, state, at }) =>
          Effect.gen(function* () {
            const record = yield* store.get(district, "cases", state.caseId)
            if (Option.isNone(record))
              return yield* new StoreError.NotFound({
                operation: "gas-renovation.reachConsensus",
                entity: "case",
                id: state.caseId,
              })
            const id = outcomeIdOf(state.caseId)
            const existing = yield* store.get(district, "outcomes", id)
            if (Option.isSome(existing) && existing.value.caseId !== state.caseId) {
              return yield* invalid(
                "reachConsensus",
                "outcome-taken",
                `outcome "${id}" already belongs to another case`,
                `成果编号“${id}”已被其他议题使用`,
              )
            }
            const c = record.value
            const item: Outcome.Outcome = {
              id,
              title: c.topic,
              caseId: c.id,
              ...(c.unitId === undefined ? {} : { unitId: c.unitId }),
              handlingUnit: options.handlingUnit,
              status: "assigned",
              progress: 0,
              assignedOn: IsoDate.make(at.slice(0, 10)),
              implemented: false,
              milestones: [],
            }
            yield* store.upsert(district, "outcomes", [item])
          }),
      },
      schedule: {
        labels: { "zh-CN": "确定施工排期", en: "Schedule the works" },
        from: "scheduling",
        to: "renovation",
        roles: ["gasCompany", "streetOffice"],
        payload: Schema.Struct({
          startOn: IsoDate.IsoDate,
          endOn: IsoDate.IsoDate,
          contractor: NonEmptyTrimmedString,
          note: Note,
        }),
        guard: ({ payload }) =>
          payload.endOn <= payload.startOn
            ? {
                en: `the works must end after they start (${payload.startOn} → ${payload.endOn})`,
                "zh-CN": `完工日期须晚于开工日期（${payload.startOn} → ${payload.endOn}）`,
              }
            : undefined,
        // The schedule becomes the item's due date and milestones.
        effects: ({ district, store, state, payload }) =>
          Effect.gen(function* () {
            const item = yield* outcomeOf(store, district, state.caseId, "schedule")
            yield* store.upsert(district, "outcomes", [
              {
                ...item,
                dueOn: payload.endOn,
                milestones: [
                  { title: `开工（${payload.contractor}）`, due: payload.startOn },
                  { title: "完工", due: payload.endOn },
                ],
              },
            ])
          }),
      },
      reportProgress: {
        labels: { "zh-CN": "报告施工进度", en: "Report progress" },
        from: "renovation",
        to: "renovation",
        roles: ["gasCompany"],
        payload: ProgressPayload,
        guard: ({ state, payload }) => {
          if (payload.percent >= 100) {
            return {
              en: "report 100% with completeRenovation, which sends the works to acceptance",
              "zh-CN": "进度达到 100% 请使用“完工”（completeRenovation），转入验收",
            }
          }
          const now = progressOf(state)
          return !now.reopened && payload.percent < now.percent
            ? {
                en: `progress only moves forward: the works are at ${now.percent}% (${payload.percent}% given); reopen them to report less`,
                "zh-CN": `施工进度只能前进：当前 ${now.percent}%，本次报告 ${payload.percent}%；如需下调请先重新打开（reopen）`,
              }
            : undefined
        },
        // The same rule again on the item itself, so progress written outside this workflow is respected.
        effects: ({ district, store, state, payload }) =>
          recordProgress(store, district, "reportProgress", {
            outcomeId: outcomeIdOf(state.caseId),
            progress: payload.percent,
            on: payload.on,
            ...(payload.note === undefined ? {} : { note: payload.note }),
          }),
      },
      completeRenovation: {
        labels: { "zh-CN": "完工", en: "Complete the works" },
        from: "renovation",
        to: "acceptance",
        roles: ["gasCompany"],
        payload: Schema.Struct({ on: IsoDate.IsoDate, note: Note }),
        effects: ({ district, store, state, payload }) =>
          recordProgress(store, district, "completeRenovation", {
            outcomeId: outcomeIdOf(state.caseId),
            progress: 100,
            on: payload.on,
            ...(payload.note === undefined ? {} : { note: payload.note }),
          }),
      },
      reopen: {
        labels: { "zh-CN": "重新打开", en: "Reopen the works" },
        from: "renovation",
        to: "renovation",
        roles: ["streetOffice", "gasCompany"],
        payload: Schema.Struct({ on: IsoDate.IsoDate, reason: NonEmptyTrimmedString }),
        // Outcomes.reopen needs a Store in its context: the effect hands it the event's transaction.
        effects: ({ district, store, state, payload }) =>
          Effect.asVoid(
            Outcomes.reopen(district, {
              outcomeId: outcomeIdOf(state.caseId),
              on: payload.on,
              reason: payload.reason,
            }).pipe(Effect.provideService(Store.Store, store)),
          ),
      },
      passAcceptance: {
        labels: { "zh-CN": "验收通过", en: "Pass the acceptance" },
        from: "acceptance",
        to: "closed",
        roles: ["streetOffice", "residents"],
        payload: Schema.Struct({
          on: IsoDate.IsoDate,
          inspectors: Schema.NonEmptyArray(NonEmptyTrimmedString),
          note: Note,
        }),
        deadline: { workingDays: options.acceptanceWorkingDays },
        effects: ({ district, store, state, payload }) =>
          Effect.gen(function* () {
            const item = yield* outcomeOf(store, district, state.caseId, "passAcceptance")
            yield* store.upsert(district, "outcomes", [{ ...item, implemented: true, feedbackOn: payload.on }])
          }),
      },
      failAcceptance: {
        labels: { "zh-CN": "验收不通过", en: "Fail the acceptance" },
        from: "acceptance",
        to: "renovation",
        roles: ["streetOffice", "residents"],
        payload: Schema.Struct({ on: IsoDate.IsoDate, defects: Schema.NonEmptyArray(NonEmptyTrimmedString) }),
        deadline: { workingDays: options.acceptanceWorkingDays },
        // Failing reopens the item: the gas company reports again from where the inspectors found it.
        effects: ({ district, store, state, payload }) =>
          Effect.asVoid(
            Outcomes.reopen(district, {
              outcomeId: outcomeIdOf(state.caseId),
              on: payload.on,
              reason: `验收不通过：${payload.defects.join("；")}`,
            }).pipe(Effect.provideService(Store.Store, store)),
          ),
      },
    },
  })

/**
 * The workflow with the default options (survey rate 2/3, 20 working days for the survey, 10 for
 * the acceptance, handled by 燃气公司).
 *
 * @since 0.1.0
 * @category workflows
 */
export const gasRenovationWorkflow = makeWorkflow()

/**
 * The workflow's type, for typed commands: `Workflow.Command<GasRenovationWorkflow>`.
 *
 * @since 0.1.0
 * @category workflows
 */
export type GasRenovationWorkflow = typeof gasRenovationWorkflow

/**
 * The commands that change the works' progress.
 *
 * @since 0.1.0
 * @category progress
 */
export const progressCommands: ReadonlySet<string> = new Set([
  "reportProgress",
  "completeRenovation",
  "reopen",
  "failAcceptance",
])

/**
 * An after-hook telling `onProgress` about every committed progress change.
 *
 * @since 0.1.0
 * @category hooks
 */
export const notifyHook = (
  onProgress: (notice: ProgressNotice) => Effect.Effect<void, unknown>,
): WorkflowEngine.Hook => ({
  id: "gas-renovation-notify",
  workflow: workflowId,
  after: ({ command, next, at }) =>
    progressCommands.has(command)
      ? onProgress({ caseId: next.caseId, command, percent: progressOf(next).percent, at })
      : Effect.void,
})

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

const invalid = (command: string, code: string, en: string, zh: string) =>
  new StoreError.InvalidInput({
    operation: `gas-renovation.${command}`,
    issues: [{ path: "outcome", code, message: en, messageZh: zh }],
  })

const outcomeOf = (store: Store.Service, district: Ids.DistrictId, caseId: string, command: string) =>
  Effect.flatMap(store.get(district, "outcomes", outcomeIdOf(caseId)), (found) =>
    Option.match(found, {
      onNone: () =>
        Effect.fail(
          new StoreError.NotFound({
            operation: `gas-renovation.${command}`,
            entity: "outcome",
            id: outcomeIdOf(caseId),
          }),
        ),
      onSome: Effect.succeed,
    }),
  )

// Outcomes.recordProgress refuses going back and updating a completed item; inside a transition
// those refusals must roll the event back too, so they become the store's InvalidInput.
const recordProgress = (store: Store.Service, district: Ids.DistrictId, command: string, update: Outcomes.Update) =>
  Outcomes.recordProgress(district, update).pipe(
    Effect.provideService(Store.Store, store),
    Effect.catchTags({
      ProgressWentBack: (e) =>
        Effect.fail(
          invalid(
            command,
            "progress-went-back",
            e.message,
            `成果“${e.outcomeId}”当前进度 ${e.current}%，只能前进（本次 ${e.given}%）；如需下调请先重新打开`,
          ),
        ),
      OutcomeCompleted: (e) =>
        Effect.fail(
          invalid(command, "outcome-completed", e.message, `成果“${e.outcomeId}”已办结，请先重新打开再报告进度`),
        ),
    }),
    Effect.asVoid,
  )
