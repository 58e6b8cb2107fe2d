import { describe, expect, it } from "@effect/vitest"
import { satisfies } from "../src/internal/npmRange.js"
import { hmacSha256, sha256 } from "../src/internal/sha256.js"
import { createHash, createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import * as fc from "fast-check"
import semver from "semver"
import { Plugin } from "../src/index.js"

describe("semver ranges (plugin compatibility)", () => {
  const cases: Array<[string, string, boolean | undefined]> = [
    ["0.1.0", "^0.1.0", true],
    ["0.1.5", "^0.1.0", true],
    ["0.2.0", "^0.1.0", false],
    ["1.2.3", "^1.0.0", true],
    ["2.0.0", "^1.0.0", false],
    ["1.2.3", "~1.2.0", true],
    ["1.3.0", "~1.2.0", false],
    ["1.2.3", "1.x", true],
    ["2.0.0", "1.x", false],
    ["1.2.3", "*", true],
    ["1.2.3", ">=1.2.0 <2.0.0", true],
    ["2.0.0", ">=1.2.0 <2.0.0", false],
    ["0.1.0", "^1.0.0 || ^0.1.0", true],
    ["1.0.0-beta", "^1.0.0", false],
    ["1.2.3", "1.2.3", true],
    ["1.2.4", "1.2.3", false],
    ["1.2.3", "banana", undefined],
    ["x", "^1", undefined],
    ["0.0.3", "^0.0.3", true],
    ["0.0.4", "^0.0.3", false],
    ["1.5.0", "1", true],
    ["1.0.0-alpha.10", ">1.0.0-alpha.2", true],
    ["1.0.0-alpha", "<1.0.0-alpha.1", true],
    ["1.0.0-alpha.beta", ">1.0.0-alpha.1", true],
    ["1.5.0", "<=1.4", false],
    ["1.4.9", "<=1.4", true],
    ["1.5.0", ">1.4", true],
    ["1.4.9", ">1.4", false],
  ]
  for (const [version, range, expected] of cases) {
    it(`${version} against "${range}" is ${expected}`, () => expect(satisfies(version, range)).toBe(expected))
  }
})

// npm's rules, which the hand-written matcher before effect/SemVerRange got wrong or lacked.
describe("semver ranges follow npm", () => {
  const cases: Array<[string, string, boolean | undefined]> = [
    // A pre-release only matches a range with a pre-release on the same major.minor.patch.
    ["1.3.0-beta.1", "^1.2.0", false],
    ["2.0.0-alpha", "<2.0.0", false],
    ["1.2.3-beta.2", "^1.2.3-beta.1", true],
    ["1.3.0-rc.1", "^1.2.3-beta.1", false],
    // Hyphen ranges: inclusive; a partial upper end covers what it leaves out.
    ["1.2.3", "1.2.3 - 2.3.4", true],
    ["2.3.4", "1.2.3 - 2.3.4", true],
    ["2.3.5", "1.2.3 - 2.3.4", false],
    ["2.3.9", "1.2 - 2.3", true],
    ["2.4.0", "1.2 - 2.3", false],
    // A `*` alternative makes the whole range `*`, which matches no pre-release.
    ["1.2.3-beta", "1.2.3-beta || *", false],
    ["1.2.3-beta", "1.2.3-beta || >=1.0.0", true],
    // What npm's grammar allows besides: build metadata, `v`, `~>`, spaces after operators, empty alternatives.
    ["1.2.3", "1.2.3+build.1", true],
    ["v1.2.3", "^v1.2.0", true],
    ["1.2.9", "~>1.2", true],
    ["1.2.3", ">= 1.2.0 < 2", true],
    ["1.2.3", "2.x ||", true],
    ["1.2.3", "1.x.3", undefined],
    ["1.2.3", "01.2.3", undefined],
    ["1.2.3", ">=1.0.0 - 2", undefined],
  ]
  for (const [version, range, expected] of cases) {
    it(`${version} against "${range}" is ${expected}`, () => expect(satisfies(version, range)).toBe(expected))
  }

  // What npm says, with `undefined` for a version or range it cannot read (its `satisfies` says false).
  const npm = (version: string, range: string): boolean | undefined =>
    semver.valid(version) === null || semver.validRange(range) === null ? undefined : semver.satisfies(version, range)

  // Few distinct values, so versions and ranges often meet on the same major.minor.patch.
  const number = fc.oneof(
    { arbitrary: fc.constantFrom("0", "1"), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 12 }).map(String), weight: 1 },
  )
  const identifier = fc.oneof(
    { arbitrary: fc.constantFrom("alpha", "beta", "0", "1"), weight: 4 },
    {
      arbitrary: fc.oneof(fc.constantFrom("rc", "10", "x-1", "0a", "01"), fc.integer({ min: 0, max: 20 }).map(String)),
      weight: 1,
    },
  )
  const prerelease = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((ids) => `-${ids.join(".")}`)
  const build = fc
    .array(fc.constantFrom("build", "1", "001", "sha-5"), { minLength: 1, maxLength: 2 })
    .map((ids) => `+${ids.join(".")}`)
  const maybe = (arb: fc.Arbitrary<string>, weight = 1) =>
    fc.oneof({ arbitrary: fc.constant(""), weight: 3 }, { arbitrary: arb, weight })

  const version = fc
    .tuple(maybe(fc.constant("v"), 1), number, number, number, maybe(prerelease, 3), maybe(build))
    .map(([v, major, minor, patch, pre, b]) => `${v}${major}.${minor}.${patch}${pre}${b}`)

  // A partial version: 1 to 3 components, numbers or wildcards (anywhere, so some are invalid),
  // a pre-release and build metadata only after three components, sometimes a `v`.
  const xr = fc.oneof({ arbitrary: number, weight: 4 }, { arbitrary: fc.constantFrom("x", "X", "*"), weight: 1 })
  const partial = fc.oneof(
    fc
      .tuple(maybe(fc.constant("v"), 1), fc.array(xr, { minLength: 1, maxLength: 2 }))
      .map(([v, parts]) => `${v}${parts.join(".")}`),
    fc
      .tuple(maybe(fc.constant("v"), 1), xr, xr, xr, maybe(prerelease, 2), maybe(build, 1))
      .map(([v, major, minor, patch, pre, b]) => `${v}${major}.${minor}.${patch}${pre}${b}`),
  )
  const operator = fc.constantFrom("", "=", "<", "<=", ">", ">=", "~", "~>", "^")
  const comparator = fc
    .tuple(operator, maybe(fc.constant(" "), 1), partial)
    .map(([op, space, p]) => (op === "" ? p : `${op}${space}${p}`))
  const set = fc.oneof(
    { arbitrary: fc.array(comparator, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(" ")), weight: 6 },
    { arbitrary: fc.tuple(partial, partial).map(([from, to]) => `${from} - ${to}`), weight: 3 },
    { arbitrary: fc.constantFrom("*", "x", "", ">=0.0.0", ">=0"), weight: 1 },
  )
  const range = fc
    .tuple(fc.array(set, { minLength: 1, maxLength: 3 }), fc.constantFrom(" || ", "||", "  ||  "))
    .map(([sets, or]) => sets.join(or))

  it("match the semver package for random versions and ranges of every kind", () => {
    fc.assert(
      fc.property(version, range, (v, r) => {
        expect(satisfies(v, r), `${v} against "${r}"`).toBe(npm(v, r))
      }),
      { numRuns: 20_000 },
    )
  })

  it("match the semver package for a range around the version itself", () => {
    // Ranges built from the version make matches common, pre-releases included.
    const near = version.chain((v) => {
      const bare = v.replace(/^v/, "").replace(/\+.*$/, "")
      return fc.tuple(
        fc.constant(v),
        fc.constantFrom(
          `^${bare}`,
          `~${bare}`,
          `>=${bare}`,
          `<=${bare}`,
          `${bare} - 12.0.0`,
          `0.0.0 - ${bare}`,
          `>${bare} || ${bare}`,
          `<${bare} || *`,
        ),
      )
    })
    fc.assert(
      fc.property(near, ([v, r]) => {
        expect(satisfies(v, r), `${v} against "${r}"`).toBe(npm(v, r))
      }),
      { numRuns: 5_000 },
    )
  })
})

describe("sha256 (the case events' hash chain)", () => {
  it("equals node:crypto for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"))
      }),
    )
  })

  it("HMAC-SHA-256 equals node:crypto for any key (short, 64 bytes, long) and text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 100 }),
        fc.string({ unit: "binary", maxLength: 300 }),
        (key, text) => {
          expect(hmacSha256(key, text)).toBe(createHmac("sha256", key).update(text, "utf8").digest("hex"))
        },
      ),
      {
        examples: [
          ["k".repeat(64), "x"],
          ["k".repeat(65), ""],
          ["", "abc"],
        ],
      },
    )
  })
})

describe("Plugin.coreVersion", () => {
  it("is the package's own version, so plugins are checked against what is installed (the built package: check:packages)", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string
    }
    expect(Plugin.coreVersion).toBe(manifest.version)
    expect(semver.valid(Plugin.coreVersion)).toBe(Plugin.coreVersion)
  })
})
