// Why an assignment problem that passes every count has no placement: the smallest set of targets
// whose demands the agents who may go there cannot meet, or the smallest set of agents whose
// targets cannot take them all — each read off the minimum cut of a bipartite flow (Hall's
// theorem), so what is named is a real obstruction, not a guess.
import { bipartiteCut } from "./bipartiteCut.js"

/** The problem, by index: what `Assignment` has already looked up. */
export interface Indexed {
  readonly agents: ReadonlyArray<{ readonly id: string; readonly name?: string; readonly category?: string }>
  readonly targets: ReadonlyArray<{
    readonly id: string
    readonly name?: string
    readonly min?: number
    readonly max?: number
  }>
  /** Each usable pair's agent and target; −1 for both when the pair may not be used. */
  readonly pairAgent: Int32Array
  readonly pairTarget: Int32Array
  /** The bounds of target `t` for category `c` (own keys only). */
  readonly bound: (t: number, category: string) => { readonly min?: number; readonly max?: number } | undefined
}

export interface Obstruction {
  readonly code: "demand-obstruction" | "capacity-obstruction"
  readonly message: string
  readonly messageZh: string
  readonly shortBy: number
  /** The targets named, by id. */
  readonly targets: ReadonlyArray<string>
  /** The category the bounds named are for, when they are a category's. */
  readonly category?: string
}

const listed = (names: ReadonlyArray<string>, and: string, max = 6) =>
  names.length <= max
    ? names.length === 1
      ? names[0]!
      : `${names.slice(0, -1).join(", ")} ${and} ${names.at(-1)}`
    : `${names.slice(0, max).join(", ")} ${and} ${names.length - max} more`

const listedZh = (names: ReadonlyArray<string>, max = 6) =>
  names.length <= max ? names.join("、") : `${names.slice(0, max).join("、")}等 ${names.length} 个`

/**
 * Demands: targets (or a category's groups in targets) with a minimum, against the agents (of that
 * category) who may go to them. `category` undefined: target minimums, every agent counts.
 */
const demand = (p: Indexed, category: string | undefined): Obstruction | undefined => {
  const T = p.targets.length
  const need = new Float64Array(T)
  let any = false
  for (let t = 0; t < T; t++) {
    need[t] = category === undefined ? (p.targets[t]!.min ?? 0) : (p.bound(t, category)?.min ?? 0)
    if (need[t]! > 0) any = true
  }
  if (!any) return undefined
  const eligible = (a: number) => category === undefined || (p.agents[a]!.category ?? "") === category
  const edgeLeft: Array<number> = []
  const edgeRight: Array<number> = []
  for (let i = 0; i < p.pairAgent.length; i++) {
    const a = p.pairAgent[i]!
    const t = p.pairTarget[i]!
    if (a < 0 || need[t] === 0 || !eligible(a)) continue
    edgeLeft.push(t)
    edgeRight.push(a)
  }
  const cut = bipartiteCut(
    need,
    new Float64Array(p.agents.length).fill(1),
    Int32Array.from(edgeLeft),
    Int32Array.from(edgeRight),
  )
  let total = 0
  for (let t = 0; t < T; t++) total += need[t]!
  if (cut.flow >= total) return undefined
  const named: Array<number> = []
  let needed = 0
  for (let t = 0; t < T; t++)
    if (cut.left[t] === 1) {
      named.push(t)
      needed += need[t]!
    }
  let may = 0
  for (const r of cut.right) may += r
  const names = named.map((t) => p.targets[t]!.name ?? p.targets[t]!.id)
  const what = category === undefined ? "" : ` "${category}"`
  const whatZh = category === undefined ? "个" : `名“${category}”`
  const option =
    category === undefined
      ? "lower their min (with the builders: balance, `tongxin assign --balance`) or allow more pairs to them"
      : `lower their categories.${category}.min (with the builders: minPartyMembers, \`tongxin assign --min-party-members\`) or allow more pairs to them`
  const optionZh =
    category === undefined
      ? "请降低其下限（构建器的 balance，`tongxin assign --balance`），或允许更多对象编入"
      : `请降低其 categories.${category}.min（构建器的 minPartyMembers，\`tongxin assign --min-party-members\`），或允许更多对象编入`
  return {
    code: "demand-obstruction",
    shortBy: needed - may,
    targets: named.map((t) => p.targets[t]!.id),
    ...(category === undefined ? {} : { category }),
    message:
      `${listed(names, "and")} need at least ${needed}${what} ${named.length === 1 ? "" : "between them"}`.trimEnd() +
      `; only ${may} may go there: ${option}`,
    messageZh: `${listedZh(names)}${named.length === 1 ? "" : "合计"}至少需要 ${needed} ${whatZh}，但只有 ${may} 个可以编入：${optionZh}`,
  }
}

/**
 * Capacities: agents (of `category`, or all) against the targets with a maximum (for that
 * category) they may go to. An agent with a target without a maximum can always go there, so it
 * cannot be part of an obstruction and is left out.
 */
const capacity = (p: Indexed, category: string | undefined): Obstruction | undefined => {
  const T = p.targets.length
  const cap = new Float64Array(T)
  for (let t = 0; t < T; t++)
    cap[t] =
      category === undefined
        ? (p.targets[t]!.max ?? Number.POSITIVE_INFINITY)
        : (p.bound(t, category)?.max ?? Number.POSITIVE_INFINITY)
  const A = p.agents.length
  const free = new Uint8Array(A)
  const counted = new Uint8Array(A)
  for (let i = 0; i < p.pairAgent.length; i++) {
    const a = p.pairAgent[i]!
    if (a < 0) continue
    if (category !== undefined && (p.agents[a]!.category ?? "") !== category) continue
    counted[a] = 1
    if (cap[p.pairTarget[i]!] === Number.POSITIVE_INFINITY) free[a] = 1
  }
  const supply = new Float64Array(A)
  let total = 0
  for (let a = 0; a < A; a++)
    if (counted[a] === 1 && free[a] === 0) {
      supply[a] = 1
      total++
    }
  if (total === 0) return undefined
  const edgeLeft: Array<number> = []
  const edgeRight: Array<number> = []
  for (let i = 0; i < p.pairAgent.length; i++) {
    const a = p.pairAgent[i]!
    if (a < 0 || supply[a] === 0) continue
    edgeLeft.push(a)
    edgeRight.push(p.pairTarget[i]!)
  }
  const finite = cap.map((c) => (Number.isFinite(c) ? c : 0))
  const cut = bipartiteCut(supply, finite, Int32Array.from(edgeLeft), Int32Array.from(edgeRight))
  if (cut.flow >= total) return undefined
  const stuck: Array<number> = []
  for (let a = 0; a < A; a++) if (cut.left[a] === 1 && supply[a] === 1) stuck.push(a)
  const named: Array<number> = []
  let room = 0
  for (let t = 0; t < T; t++)
    if (cut.right[t] === 1) {
      named.push(t)
      room += finite[t]!
    }
  const names = named.map((t) => p.targets[t]!.name ?? p.targets[t]!.id)
  const who = stuck.map((a) => p.agents[a]!.name ?? p.agents[a]!.id)
  const what = category === undefined ? "" : ` "${category}"`
  const whatZh = category === undefined ? "" : `“${category}”`
  return {
    code: "capacity-obstruction",
    shortBy: stuck.length - room,
    targets: named.map((t) => p.targets[t]!.id),
    ...(category === undefined ? {} : { category }),
    message:
      `${stuck.length}${what} (${listed(who, "and", 4)}) may only go to ${listed(names, "or")}, which take at most ${room}${what} in all: ` +
      `raise their ${category === undefined ? "max" : `categories.${category}.max`} or allow these more targets`,
    messageZh:
      `${stuck.length} 个${whatZh}对象（${listedZh(who, 4)}）只能编入${listedZh(names)}，其${whatZh}上限合计 ${room}：` +
      `请提高其${category === undefined ? "上限 max" : ` categories.${category}.max`}，或允许这些对象编入更多目标`,
  }
}

/**
 * The obstructions of an infeasible problem: per category, then for targets as a whole, demands
 * first. Empty when the obstruction lies only in how demands and capacities interact.
 */
export const obstructions = (p: Indexed): ReadonlyArray<Obstruction> => {
  const categories = [...new Set(p.agents.map((a) => a.category ?? ""))].sort()
  const out: Array<Obstruction> = []
  for (const c of categories) {
    const d = demand(p, c)
    if (d !== undefined) out.push(d)
  }
  const d = demand(p, undefined)
  if (d !== undefined) out.push(d)
  for (const c of categories) {
    const k = capacity(p, c)
    if (k !== undefined) out.push(k)
  }
  const k = capacity(p, undefined)
  if (k !== undefined) out.push(k)
  return out
}
