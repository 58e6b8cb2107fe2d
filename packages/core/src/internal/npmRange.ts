// Plugin compatibility (`requires: "^0.1.0"`) by npm's range rules, on `effect/SemVerRange`.
//
// `effect/SemVerRange` does the matching: the bounds of `^`, `~`, x-ranges, comparators and hyphen
// ranges, and npm's pre-release rule (a pre-release only matches a comparator set holding a
// pre-release on the same major.minor.patch, so `1.3.0-beta.1` is not in `^1.2.0`). Where it reads a
// range differently from npm (semver 7.8), the range is rewritten before it gets there:
// - npm reads a range with a `*` alternative (`*`, `x`, `>=0`, an empty one, …) as just `*`, which
//   matches no pre-release: `1.2.3-beta || *` does not match `1.2.3-beta`; effect keeps the union;
// - npm drops a lower bound of `>=0.0.0` (from `>=0`, `^0.x`, `0.0.0 - 1`, …), so it does not keep out
//   0.0.0's pre-releases; effect keeps it;
// - npm's grammar allows what effect rejects: build metadata (`1.2.3+build`), a pre-release after a
//   wildcard (`1.2.x-beta`, ignored), empty `||` alternatives, and after `^`, `~` and in hyphen ranges
//   anything after a wildcard (`~1.x.3` is `~1`);
// - npm also reads `v1.2.3` (versions too), `~>1.2` and a space after an operator (`>= 1.2.3`).
// A few spellings npm takes are still refused (`^=1.2.3`, `>==0`): such a range "cannot be read".
// `test/Semver.test.ts` checks all this against the `semver` package on random versions and ranges.
import * as Result from "effect/Result"
import * as SemVer from "effect/SemVer"
import * as SemVerRange from "effect/SemVerRange"

/** A range read with npm's rules: `*` (every release, no pre-release) or an effect range. */
export type Range = { readonly _tag: "Any" } | { readonly _tag: "Range"; readonly range: SemVerRange.SemVerRange }

/** A version as npm reads one (`1.2.3-rc.1+build`, also ` v1.2.3 `); `undefined` when it is not one. */
export const parseVersion = (text: string): SemVer.SemVer | undefined => {
  const r = SemVer.parse(text.trim().replace(/^v/, ""))
  return Result.isSuccess(r) ? r.success : undefined
}

/** A range as npm reads one; `undefined` when npm would reject it (or in the odd corner, see above). */
export const parseRange = (text: string): Range | undefined => {
  const sets = text.split("||").map(comparatorSet)
  // What effect must accept as written, and what it then matches: they differ where npm drops a
  // lower bound of `>=0.0.0` (which would keep out 0.0.0's pre-releases).
  const written = SemVerRange.parse(sets.map((set) => set.written).join(" || "))
  if (Result.isFailure(written)) return undefined
  if (sets.some((set) => set.any)) return { _tag: "Any" }
  const matched = SemVerRange.parse(sets.map((set) => set.matched).join(" || "))
  return Result.isSuccess(matched) ? { _tag: "Range", range: matched.success } : undefined
}

/** Whether `version` satisfies `range` by npm's rules; `undefined` when either cannot be read. */
export const satisfies = (version: string, range: string): boolean | undefined => {
  const v = parseVersion(version)
  const r = parseRange(range)
  if (v === undefined || r === undefined) return undefined
  return r._tag === "Any" ? !SemVer.isPrerelease(v) : SemVerRange.matches(r.range, v)
}

const build = /\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*/g
const wildcard = /^[xX*]$/
const xr = /^(?:0|[1-9]\d*|[xX*])$/
const prerelease = /^(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*$/

interface Partial {
  readonly text: string
  /** The numbers before the first wildcard (empty for `*`). */
  readonly numbers: ReadonlyArray<string>
  readonly prerelease: boolean
  /** Written with a `v`, as in `>=v0.0.0` (npm then does not read it as `*`). */
  readonly v: boolean
}

// A partial version as effect reads it: no `v`, no pre-release after a wildcard (npm drops it). After
// `^`, `~` and at the ends of a hyphen range npm ignores whatever follows a wildcard (`~1.x.3` is `~1`).
const partial = (raw: string, loose = false): Partial => {
  const v = raw.startsWith("v")
  const text = v ? raw.slice(1) : raw
  const dash = text.indexOf("-")
  const core = (dash === -1 ? text : text.slice(0, dash)).split(".")
  const firstWildcard = core.findIndex((part) => wildcard.test(part))
  const numbers = firstWildcard === -1 ? core : core.slice(0, firstWildcard)
  const wellFormed =
    core.length <= 3 &&
    core.every((part) => xr.test(part)) &&
    (dash === -1 || (core.length === 3 && prerelease.test(text.slice(dash + 1))))
  if (firstWildcard !== -1 && wellFormed && (loose || core.slice(firstWildcard).every((part) => wildcard.test(part)))) {
    return { text: numbers.length === 0 ? "*" : numbers.join("."), numbers, prerelease: false, v }
  }
  return { text, numbers, prerelease: dash !== -1, v }
}

// All zeros and no pre-release (`0`, `0.x`, `0.0.0`): a lower bound npm writes as `>=0.0.0` and drops,
// except from a `v`-prefixed full version, which it keeps as written (`>=v0.0.0`).
const zeroFloor = (p: Partial): boolean =>
  !p.prerelease && p.numbers.length > 0 && p.numbers.every((n) => n === "0") && !(p.v && p.numbers.length === 3)

// The upper bound left of a `^`, `~` or x-range over a zero version once npm drops its `>=0.0.0`.
const zeroCeiling = (operator: string, p: Partial): string | undefined => {
  const n = p.numbers.length
  switch (operator) {
    case "^":
      return n === 1 ? "<1.0.0-0" : n === 2 ? "<0.1.0-0" : "<0.0.1-0"
    case "~":
      return n === 1 ? "<1.0.0-0" : "<0.1.0-0"
    case "":
    case "=":
      return n === 1 ? "<1.0.0-0" : n === 2 ? "<0.1.0-0" : undefined
  }
  return undefined
}

interface ComparatorSet {
  /** The set in effect's syntax, as written. */
  readonly written: string
  /** The set effect should match: `written` without the bounds npm drops. */
  readonly matched: string
  /** npm reads the set as `*`. */
  readonly any: boolean
}

const comparatorSet = (alternative: string): ComparatorSet => {
  const text = alternative.replace(build, "").trim().replace(/\s+/g, " ")
  if (text === "") return { written: "*", matched: "*", any: true }
  const [, low, high] = /^(\S+) - (\S+)$/.exec(text) ?? []
  if (low !== undefined && high !== undefined) {
    const from = partial(low, true)
    const to = partial(high, true)
    const noFloor = from.numbers.length === 0 || zeroFloor(from)
    return {
      written: `${from.text} - ${to.text}`,
      matched: `${noFloor ? "*" : from.text} - ${to.text}`,
      any: noFloor && to.numbers.length === 0,
    }
  }
  const written: Array<string> = []
  const matched: Array<string> = []
  let any = true
  for (const token of text.replace(/(~>|<=|>=|<|>|=|~|\^) /g, "$1").split(" ")) {
    const [, op = "", version = ""] = /^(~>|<=|>=|<|>|=|~|\^)?(.*)$/.exec(token) ?? []
    const operator = op === "~>" ? "~" : op
    const p = partial(version, operator === "^" || operator === "~")
    written.push(`${operator}${p.text}`)
    if (p.numbers.length === 0) {
      // `*`, `^*`, `>=x`, …: any release; `<*` and `>*`: none.
      if (operator === "<" || operator === ">") any = false
      matched.push(`${operator}${p.text}`)
    } else if (operator === ">=" && zeroFloor(p)) {
      // Dropped: npm's `>=0.0.0` is its empty comparator.
    } else {
      any = false
      const ceiling = zeroFloor(p) ? zeroCeiling(operator, p) : undefined
      matched.push(ceiling ?? `${operator}${p.text}`)
    }
  }
  return { written: written.join(" "), matched: matched.length === 0 ? "*" : matched.join(" "), any }
}
