/**
 * Rubrics (履职考评办法) as data: a district writes its evaluation rules in JSON or YAML, and
 * `parseRubric` checks every part of them before anything is scored.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import * as Schema from "effect/Schema"
import { Labels } from "../i18n/Labels.js"
import {
  bilingual,
  isBetween,
  isFiniteNumber,
  isInt,
  isNonNegative,
  isPositive,
  NonEmptyTrimmedString,
  optional,
  quoted,
  strictAll,
  taggedBy,
  withDefault,
} from "../internal/schema.js"
import { AttendanceStatus, BuiltinActivityType, Speech } from "../model/Activity.js"
import { ActivityTypeId } from "../model/Ids.js"
import * as Issue from "../model/Issue.js"
import { MemberLevel } from "../model/Member.js"
import { OutcomeStatus } from "../model/Outcome.js"
import { SubmissionFlag, SubmissionKind } from "../model/Submission.js"

const slug = Schema.String.check(
  Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/, {
    message: bilingual(
      'must be lower-case letters, digits and dashes (e.g. "plenary-attendance")',
      '应由小写字母、数字和短横线组成（如 "plenary-attendance"）',
    ),
  }),
)
const finite = Schema.Number.check(isFiniteNumber)
const count = Schema.Number.check(isInt, isNonNegative)
const list = <S extends Schema.Top>(s: S) => withDefault(Schema.Array(s), () => [])

/**
 * Each attendance record of the member at an activity of the given types (all when empty) with one
 * of the statuses. With `per: "half-day"` an occurrence counts the half-days attended.
 *
 * @since 0.1.0
 * @category selectors
 */
export const AttendanceSelector = Schema.Struct({
  from: Schema.Literal("attendance"),
  types: list(ActivityTypeId),
  statuses: withDefault(Schema.Array(AttendanceStatus.schema), () => ["present", "late"] as const),
  /** Only records with one of these speeches (all records when empty). */
  speech: list(Speech.schema),
})

/**
 * Each submission of the given kinds the subject authored in the given role and that carries every
 * listed flag. For a committee subject: submissions led by one of its members.
 *
 * @since 0.1.0
 * @category selectors
 */
export const SubmissionSelector = Schema.Struct({
  from: Schema.Literal("submissions"),
  kinds: list(SubmissionKind.schema),
  role: withDefault(Schema.Literals(["any", "lead", "co"]), () => "any" as const),
  flags: list(SubmissionFlag.schema),
  /** Only collective (true) or only non-collective (false) submissions; both when absent. */
  collective: optional(Schema.Boolean),
})

/**
 * Committee subjects: each activity the committee (or the branch serving it) organised.
 *
 * @since 0.1.0
 * @category selectors
 */
export const ActivitySelector = Schema.Struct({
  from: Schema.Literal("activities"),
  types: list(ActivityTypeId),
})

/**
 * Committee subjects: each top-level outcome in the committee's street with one of the statuses.
 * With `per: "progress"` an occurrence counts its rolled-up progress ÷ 100.
 *
 * @since 0.1.0
 * @category selectors
 */
export const OutcomeSelector = Schema.Struct({
  from: Schema.Literal("outcomes"),
  statuses: list(OutcomeStatus.schema),
})

/**
 * A selector contributed by a plugin: `from` names it, `params` are checked by its own Schema.
 *
 * @since 0.1.0
 * @category selectors
 */
export const PluginSelector = Schema.Struct({
  from: Schema.Literal("plugin"),
  kind: NonEmptyTrimmedString,
  params: withDefault(Schema.Unknown, () => ({})),
})

/**
 * @since 0.1.0
 * @category selectors
 */
export const Selector = Schema.Union([
  AttendanceSelector,
  SubmissionSelector,
  ActivitySelector,
  OutcomeSelector,
  PluginSelector,
]).pipe(taggedBy("from"))

/**
 * @since 0.1.0
 * @category selectors
 */
export type Selector = typeof Selector.Type

/**
 * How points of a joint submission are shared among its authors:
 * - `full`: every author scores the full points;
 * - `equal`: the points are divided equally;
 * - `first-share`: the first author gets `firstShare` of the points and the others share the rest
 *   (a single author gets everything).
 * `maxAuthors` limits scoring to the first K authors (the share is computed among them).
 *
 * @since 0.1.0
 * @category models
 */
export const Split = Schema.Struct({
  policy: Schema.Literals(["full", "equal", "first-share"]),
  firstShare: optional(Schema.Number.check(isBetween(0, 1))),
  maxAuthors: optional(Schema.Number.check(isInt, isPositive)),
})

/**
 * @since 0.1.0
 * @category models
 */
export type Split = typeof Split.Type

/**
 * What an occurrence counts as: one, its half-days, or an outcome's progress ÷ 100.
 *
 * @since 0.1.0
 * @category models
 */
export const Per = Schema.Literals(["occurrence", "half-day", "progress"])

/**
 * A scoring item: points for each occurrence its selector finds.
 *
 * @since 0.1.0
 * @category models
 */
export const Item = Schema.Struct({
  id: slug,
  labels: Labels,
  select: Selector,
  /** Points per occurrence (or per half-day); negative for deductions. */
  points: finite,
  per: withDefault(Per, () => "occurrence" as const),
  /** The first N occurrences (in date order) score nothing. */
  after: withDefault(count, () => 0),
  /** Sharing of submission points among authors. */
  split: optional(Split),
  /** Sharing for collective submissions, when it differs. */
  collectiveSplit: optional(Split),
  cap: optional(finite),
  floor: optional(finite),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Item extends Schema.Schema.Type<typeof Item> {}

/**
 * A category of items, with its own cap and floor.
 *
 * @since 0.1.0
 * @category models
 */
export const Category = Schema.Struct({
  id: slug,
  labels: Labels,
  items: Schema.NonEmptyArray(Item),
  cap: optional(finite),
  floor: optional(finite),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Category extends Schema.Schema.Type<typeof Category> {}

/**
 * A section on top of the base categories: rewards (加分) with their own cap, or deductions (扣分)
 * with a floor on how much can be taken off.
 *
 * @since 0.1.0
 * @category models
 */
export const Section = Schema.Struct({
  labels: Labels,
  categories: Schema.NonEmptyArray(Category),
  cap: optional(finite),
  floor: optional(finite),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Section extends Schema.Schema.Type<typeof Section> {}

/**
 * A minimum requirement: met when any alternative reaches its minimum count. Unmet, it lowers the
 * grade to `failGrade` (if the score would give a better one).
 *
 * @since 0.1.0
 * @category models
 */
export const Requirement = Schema.Struct({
  id: slug,
  labels: Labels,
  anyOf: Schema.NonEmptyArray(Schema.Struct({ select: Selector, min: Schema.Number.check(isInt, isPositive) })),
  failGrade: optional(slug),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Requirement extends Schema.Schema.Type<typeof Requirement> {}

/**
 * A grade band: scores from `min` (inclusive) up to `below` (exclusive). The lowest band may omit
 * `min` and the highest `below`; together the bands must cover every score exactly once.
 *
 * @since 0.1.0
 * @category models
 */
export const Grade = Schema.Struct({
  id: slug,
  labels: Labels,
  min: optional(finite),
  below: optional(finite),
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Grade extends Schema.Schema.Type<typeof Grade> {}

/**
 * A rubric: who is evaluated, a base score, categories, optional reward and deduction sections,
 * minimum requirements and grade bands.
 *
 * @since 0.1.0
 * @category models
 */
export const Rubric = Schema.Struct({
  $schema: optional(Schema.String),
  id: slug,
  name: Labels,
  /** Members (履职考评) or liaison committees (street evaluation). */
  subject: withDefault(Schema.Literals(["member", "committee"]), () => "member" as const),
  /** Member levels evaluated (all when empty). */
  levels: list(MemberLevel.schema),
  base: withDefault(finite, () => 0),
  categories: list(Category),
  rewards: optional(Section),
  deductions: optional(Section),
  total: optional(Schema.Struct({ cap: optional(finite), floor: optional(finite) })),
  requirements: list(Requirement),
  grades: Schema.NonEmptyArray(Grade),
}).annotate({ identifier: "Rubric" })

/**
 * @since 0.1.0
 * @category models
 */
export interface Rubric extends Schema.Schema.Type<typeof Rubric> {}

/**
 * Every problem of a rubric; nothing is scored from a half-valid one.
 *
 * @since 0.1.0
 * @category errors
 */
export class RubricError extends Schema.TaggedError<RubricError>()("RubricError", {
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `The rubric has ${this.issues.length} problem(s):\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

/**
 * What a rubric may refer to beyond the built-ins.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParseOptions {
  /** Activity types declared by the district or contributed by plugins. */
  readonly activityTypes?: Iterable<string>
  /** Plugin selector kinds, with a check of their params returning issues (paths relative to params). */
  readonly selectors?: ReadonlyMap<
    string,
    {
      readonly subjects: ReadonlyArray<"member" | "committee">
      readonly check: (params: unknown) => ReadonlyArray<Issue.Issue>
    }
  >
}

const decodeShape = Schema.decodeUnknownResult(Rubric, strictAll)

/**
 * Decodes and checks a rubric (already parsed from JSON or YAML). A failure lists every problem with
 * its path: shape errors, duplicate ids, unknown selectors and activity types, negative caps,
 * floors above caps, overlapping or gapped grade bands, requirements pointing at unknown grades.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (input: unknown, options: ParseOptions = {}): Result.Result<Rubric, RubricError> => {
  const shape = decodeShape(input)
  if (Result.isFailure(shape)) return Result.fail(new RubricError({ issues: Issue.fromSchemaError(shape.failure) }))
  const issues = check(shape.success, options)
  if (issues.length > 0) return Result.fail(new RubricError({ issues }))
  shapeChecked.add(shape.success)
  return Result.succeed(shape.success)
}

// Rubrics known to have their type's shape: returned by `parse`, or passed by `assertShape`.
const shapeChecked = new WeakSet<Rubric>()

/**
 * Checks that a rubric typed as {@link Rubric} in code really has that shape, and throws a
 * {@link RubricError} listing every problem when it does not (a cap written as the string `"10"`,
 * a grade band missing its floor). `Scoring.evaluate` and `Scoring.explain` call it, so a rubric
 * built by hand fails loudly instead of scoring wrongly; a rubric from {@link parse} costs a lookup.
 * Only the shape is checked: the rules between fields (ids, selectors, activity types, bands) are
 * {@link parse}'s, which needs the plugins' selectors and activity types to judge them.
 *
 * @since 0.1.0
 * @category parsing
 */
export const assertShape = (rubric: Rubric): void => {
  if (shapeChecked.has(rubric)) return
  const shape = decodeShape(rubric)
  if (Result.isFailure(shape)) throw new RubricError({ issues: Issue.fromSchemaError(shape.failure) })
  shapeChecked.add(rubric)
}

const check = (rubric: Rubric, options: ParseOptions): ReadonlyArray<Issue.Issue> => {
  const issues: Array<Issue.Issue> = []
  const report = (path: string, code: string, message: string, messageZh: string) =>
    issues.push({ path, code, message, messageZh })
  const types = new Set<string>([...BuiltinActivityType.values, ...(options.activityTypes ?? [])])
  const ids = new Map<string, string>()
  const uniqueId = (path: string, id: string) => {
    const first = ids.get(id)
    if (first !== undefined)
      report(`${path}.id`, "duplicate-id", `id "${id}" is already used at ${first}`, `编号“${id}”已在 ${first} 使用`)
    else ids.set(id, path)
  }
  const bounds = (path: string, cap: number | undefined, floor: number | undefined, allowNegativeCap: boolean) => {
    if (cap !== undefined && cap < 0 && !allowNegativeCap) {
      report(
        `${path}.cap`,
        "negative-cap",
        `a cap is the most that can be earned and cannot be negative (${cap}); limit deductions with floor`,
        `上限不能为负数（${cap}）；扣分请用 floor 限定`,
      )
    }
    if (cap !== undefined && floor !== undefined && floor > cap) {
      report(`${path}.floor`, "floor-above-cap", `floor ${floor} is above cap ${cap}`, `下限 ${floor} 高于上限 ${cap}`)
    }
  }
  const selector = (path: string, s: Selector, per?: typeof Per.Type) => {
    const member = rubric.subject === "member"
    if ((s.from === "attendance" && !member) || ((s.from === "activities" || s.from === "outcomes") && member)) {
      report(
        `${path}.from`,
        "wrong-subject",
        `"${s.from}" selects records of ${member ? "committees" : "members"}, but this rubric evaluates ${rubric.subject}s`,
        `“${s.from}”适用于${member ? "联络委" : "委员"}考评，本办法考评对象为${member ? "委员" : "联络委"}`,
      )
    }
    if (s.from === "attendance" || s.from === "activities") {
      s.types.forEach((t, i) => {
        if (!types.has(t))
          report(
            `${path}.types[${i}]`,
            "unknown-activity-type",
            `activity type "${t}" is neither built in nor declared`,
            `活动类型“${t}”既非内置也未声明`,
          )
      })
    }
    if (s.from === "plugin") {
      const plugin = options.selectors?.get(s.kind)
      if (plugin === undefined) {
        const known = [
          "attendance",
          "submissions",
          "activities",
          "outcomes",
          ...(options.selectors?.keys() ?? []),
        ].join(", ")
        report(
          `${path}.kind`,
          "unknown-selector",
          `no selector is called ${quoted(s.kind)}; known: ${known}`,
          `没有名为 ${quoted(s.kind)} 的选择器；可用：${known}`,
        )
      } else {
        if (!plugin.subjects.includes(rubric.subject))
          report(
            `${path}.kind`,
            "wrong-subject",
            `selector ${quoted(s.kind)} does not apply to ${rubric.subject}s`,
            `选择器 ${quoted(s.kind)} 不适用于该考评对象`,
          )
        for (const i of plugin.check(s.params))
          issues.push({ ...i, path: i.path === "(root)" ? `${path}.params` : `${path}.params.${i.path}` })
      }
    }
    if (per === "half-day" && s.from !== "attendance" && s.from !== "activities") {
      report(
        `${path}`,
        "per-not-applicable",
        `per "half-day" needs attendance or activities, not ${s.from}`,
        `按半天计分只适用于出勤或活动`,
      )
    }
    if (per === "progress" && s.from !== "outcomes")
      report(`${path}`, "per-not-applicable", `per "progress" needs outcomes, not ${s.from}`, `按进度计分只适用于成果`)
  }
  const categories = (path: string, cats: ReadonlyArray<Category>, section: "main" | "rewards" | "deductions") =>
    cats.forEach((c, i) => {
      const at = `${path}[${i}]`
      uniqueId(at, c.id)
      bounds(at, c.cap, c.floor, section === "deductions")
      c.items.forEach((item, j) => {
        const it = `${at}.items[${j}]`
        uniqueId(it, item.id)
        bounds(it, item.cap, item.floor, section === "deductions")
        selector(`${it}.select`, item.select, item.per)
        if ((item.split !== undefined || item.collectiveSplit !== undefined) && item.select.from !== "submissions") {
          report(
            `${it}.split`,
            "split-not-applicable",
            `split applies to submissions only`,
            `分享规则只适用于提案和信息`,
          )
        }
        for (const key of ["split", "collectiveSplit"] as const) {
          const split = item[key]
          if (split?.policy === "first-share" && split.firstShare === undefined) {
            report(
              `${it}.${key}.firstShare`,
              "missing",
              `policy "first-share" needs firstShare (e.g. 0.5)`,
              `“first-share”规则需要 firstShare（如 0.5）`,
            )
          }
        }
        if (section === "deductions" && item.points > 0) {
          report(
            `${it}.points`,
            "positive-deduction",
            `a deduction takes points off: write ${-item.points}, not ${item.points}`,
            `扣分项应为负数：写 ${-item.points}，而非 ${item.points}`,
          )
        }
      })
    })
  categories("categories", rubric.categories, "main")
  if (rubric.rewards !== undefined) {
    bounds("rewards", rubric.rewards.cap, rubric.rewards.floor, false)
    categories("rewards.categories", rubric.rewards.categories, "rewards")
  }
  if (rubric.deductions !== undefined) {
    bounds("deductions", rubric.deductions.cap, rubric.deductions.floor, true)
    categories("deductions.categories", rubric.deductions.categories, "deductions")
  }
  if (rubric.total !== undefined) bounds("total", rubric.total.cap, rubric.total.floor, true)

  // Grade bands: sorted by where they start, each must begin where the previous one ends.
  rubric.grades.forEach((g, i) => {
    const first = ids.get(g.id)
    if (first !== undefined)
      report(
        `grades[${i}].id`,
        "duplicate-id",
        `id "${g.id}" is already used at ${first}`,
        `编号“${g.id}”已在 ${first} 使用`,
      )
    else ids.set(g.id, `grades[${i}]`)
    if (g.min !== undefined && g.below !== undefined && g.below <= g.min) {
      report(
        `grades[${i}].below`,
        "empty-band",
        `band ${g.labels.en} is empty: below ${g.below} is not above min ${g.min}`,
        `等次“${g.labels["zh-CN"]}”区间为空：below ${g.below} 不大于 min ${g.min}`,
      )
    }
  })
  const bands = rubric.grades
    .map((g, i) => ({ g, i, lo: g.min ?? -Infinity, hi: g.below ?? Infinity }))
    .sort((a, b) => a.lo - b.lo)
  if (bands[0]!.lo !== -Infinity) {
    report(
      `grades[${bands[0]!.i}].min`,
      "grade-gap",
      `scores below ${bands[0]!.lo} have no grade: omit min on the lowest band`,
      `低于 ${bands[0]!.lo} 的分数没有对应等次：最低等次请省略 min`,
    )
  }
  if (bands[bands.length - 1]!.hi !== Infinity) {
    const top = bands[bands.length - 1]!
    report(
      `grades[${top.i}].below`,
      "grade-gap",
      `scores of ${top.hi} and more have no grade: omit below on the highest band`,
      `${top.hi} 分及以上没有对应等次：最高等次请省略 below`,
    )
  }
  for (let k = 1; k < bands.length; k++) {
    const prev = bands[k - 1]!
    const cur = bands[k]!
    if (prev.hi < cur.lo) {
      report(
        `grades[${cur.i}].min`,
        "grade-gap",
        `scores from ${prev.hi} to below ${cur.lo} have no grade (between ${prev.g.labels.en} and ${cur.g.labels.en})`,
        `${prev.hi} 至 ${cur.lo} 之间的分数没有对应等次（${prev.g.labels["zh-CN"]}与${cur.g.labels["zh-CN"]}之间）`,
      )
    } else if (prev.hi > cur.lo) {
      report(
        `grades[${cur.i}].min`,
        "grade-overlap",
        `bands ${prev.g.labels.en} and ${cur.g.labels.en} overlap from ${cur.lo} to below ${prev.hi}`,
        `等次“${prev.g.labels["zh-CN"]}”与“${cur.g.labels["zh-CN"]}”在 ${cur.lo} 至 ${prev.hi} 之间重叠`,
      )
    }
  }
  const gradeIds = new Set(rubric.grades.map((g) => g.id))
  rubric.requirements.forEach((r, i) => {
    uniqueId(`requirements[${i}]`, r.id)
    r.anyOf.forEach((alt, j) => {
      selector(`requirements[${i}].anyOf[${j}].select`, alt.select)
    })
    if (r.failGrade !== undefined && !gradeIds.has(r.failGrade)) {
      report(
        `requirements[${i}].failGrade`,
        "unknown-reference",
        `grade "${r.failGrade}" is not one of the grades (${[...gradeIds].join(", ")})`,
        `等次“${r.failGrade}”不存在（可用：${[...gradeIds].join("、")}）`,
      )
    }
  })
  return issues
}

/**
 * The grade of a score (before requirements), or undefined only for a rubric that did not pass
 * `parse`.
 *
 * @since 0.1.0
 * @category grading
 */
export const gradeOf = (rubric: Rubric, score: number): Grade | undefined =>
  rubric.grades.find((g) => (g.min === undefined || score >= g.min) && (g.below === undefined || score < g.below))

/**
 * Grades from best to worst (by where their band starts).
 *
 * @since 0.1.0
 * @category grading
 */
export const gradesBestFirst = (rubric: Rubric): ReadonlyArray<Grade> =>
  [...rubric.grades].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity))
