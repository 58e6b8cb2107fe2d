import { describe, expect, it } from "@effect/vitest"
import { satisfies } from "../src/internal/semver.js"
import { sha256 } from "../src/internal/sha256.js"
import { createHash } from "node:crypto"
import * as fc from "effect/FastCheck"

describe("semver ranges (plugin compatibility)", () => {
  const cases: Array<[string, string, boolean | undefined]> = [
    ["0.1.0", "^0.1.0", true], ["0.1.5", "^0.1.0", true], ["0.2.0", "^0.1.0", false], ["1.2.3", "^1.0.0", true], ["2.0.0", "^1.0.0", false],
    ["1.2.3", "~1.2.0", true], ["1.3.0", "~1.2.0", false], ["1.2.3", "1.x", true], ["2.0.0", "1.x", false], ["1.2.3", "*", true],
    ["1.2.3", ">=1.2.0 <2.0.0", true], ["2.0.0", ">=1.2.0 <2.0.0", false], ["0.1.0", "^1.0.0 || ^0.1.0", true], ["1.0.0-beta", "^1.0.0", false],
    ["1.2.3", "1.2.3", true], ["1.2.4", "1.2.3", false], ["1.2.3", "banana", undefined], ["x", "^1", undefined], ["0.0.3", "^0.0.3", true], ["0.0.4", "^0.0.3", false],
    ["1.5.0", "1", true], ["1.0.0-alpha.10", ">1.0.0-alpha.2", true], ["1.0.0-alpha", "<1.0.0-alpha.1", true], ["1.0.0-alpha.beta", ">1.0.0-alpha.1", true], ["1.5.0", "<=1.4", false], ["1.4.9", "<=1.4", true], ["1.5.0", ">1.4", true], ["1.4.9", ">1.4", false],
  ]
  for (const [version, range, expected] of cases) {
    it(`${version} against "${range}" is ${expected}`, () => expect(satisfies(version, range)).toBe(expected))
  }
})

describe("sha256 (the case events' hash chain)", () => {
  it.prop("equals node:crypto for any text", [fc.string({ unit: "binary", maxLength: 300 })], ([text]) => {
    expect(sha256(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"))
  })
})
