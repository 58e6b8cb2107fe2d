// Just enough semver for plugin compatibility: versions `1.2.3` (a prerelease suffix sorts before
// its release), ranges of `^`, `~`, `x`/`*` wildcards, comparators (`>=1.2 <2`), and `||`.
export type Version = readonly [number, number, number, string]

const versionPattern = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

export const parseVersion = (text: string): Version | undefined => {
  const m = versionPattern.exec(text.trim())
  return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ""]
}

export const compare = (a: Version, b: Version): number => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  if (a[3] === b[3]) return 0
  if (a[3] === "") return 1
  if (b[3] === "") return -1
  // Prerelease identifiers: numbers numerically and below words, words by text (semver §11).
  const x = a[3].split(".")
  const y = b[3].split(".")
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!
    const q = y[i]!
    if (p === q) continue
    const pn = /^\d+$/.test(p)
    const qn = /^\d+$/.test(q)
    if (pn && qn) return Number(p) - Number(q)
    if (pn !== qn) return pn ? -1 : 1
    return p < q ? -1 : 1
  }
  return x.length - y.length
}

type Comparator = (v: Version) => boolean

// A partial version (`1`, `1.2`, `1.x`, `*`) as its numbers, `undefined` for wildcards.
const partial = (text: string): readonly [number | undefined, number | undefined, number | undefined, string] | undefined => {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?$/.exec(text)
  if (m === null) return undefined
  const n = (s: string | undefined) => (s === undefined || /[xX*]/.test(s) ? undefined : Number(s))
  return [n(m[1]), n(m[2]), n(m[3]), m[4] ?? ""]
}

const at = (major: number, minor: number, patch: number, pre = ""): Version => [major, minor, patch, pre]

const comparator = (token: string): Comparator | undefined => {
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(token)
  if (m === null) return undefined
  const op = m[1] ?? ""
  const p = partial(m[2]!)
  if (p === undefined) return undefined
  const [major, minor, patch, pre] = p
  if (major === undefined) return op === "" || op === "=" || op === ">=" || op === "<=" ? () => true : undefined
  const low = at(major, minor ?? 0, patch ?? 0, pre)
  const ge = (v: Version) => compare(v, low) >= 0
  // The first version past the range a partial or caret/tilde version stands for.
  const next = (): Version =>
    op === "^"
      ? major > 0 || minor === undefined
        ? at(major + 1, 0, 0, "0")
        : minor > 0 || patch === undefined
          ? at(major, minor + 1, 0, "0")
          : at(major, minor, patch + 1, "0")
      : minor === undefined
        ? at(major + 1, 0, 0, "0")
        : op === "~" || patch === undefined
          ? at(major, minor + 1, 0, "0")
          : at(major, minor, patch + 1, "0")
  switch (op) {
    case "^":
    case "~":
    case "":
    case "=": {
      if ((op === "" || op === "=") && minor !== undefined && patch !== undefined) return (v) => compare(v, low) === 0
      const high = next()
      return (v) => ge(v) && compare(v, high) < 0
    }
    case ">=":
      return ge
    case ">":
      return minor !== undefined && patch !== undefined ? (v) => compare(v, low) > 0 : (v) => compare(v, next()) >= 0
    case "<":
      return (v) => compare(v, low) < 0
    case "<=":
      return minor !== undefined && patch !== undefined ? (v) => compare(v, low) <= 0 : (v) => compare(v, next()) < 0
  }
  return undefined
}

/** Whether `version` satisfies `range`; `undefined` when either cannot be read. */
export const satisfies = (version: string, range: string): boolean | undefined => {
  const v = parseVersion(version)
  if (v === undefined) return undefined
  const alternatives = range.split("||").map((alt) => alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, "$1"))
  let any = false
  for (const alt of alternatives) {
    const tokens = alt === "" ? ["*"] : alt.split(/\s+/)
    const comparators = tokens.map(comparator)
    if (comparators.some((c) => c === undefined)) return undefined
    if (comparators.every((c) => c!(v))) any = true
  }
  return any
}
