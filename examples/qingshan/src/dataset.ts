/**
 * The committed dataset file: where it lives, how it is rendered, and how it is loaded.
 */
import { District } from "@tongxin/core"
import * as Result from "effect/Result"
import { fileURLToPath } from "node:url"
import { defaultSeed, generate } from "./generate.js"

/** `examples/qingshan/data/qingshan.json`. */
export const datasetPath = fileURLToPath(new URL("../data/qingshan.json", import.meta.url))

/**
 * Generates, checks and renders the dataset. It goes through `District.parse` and `District.encode`
 * so the file holds exactly what the model reads back, defaults included.
 */
export const render = (seed: number = defaultSeed): string => {
  const parsed = District.parse(generate(seed))
  if (Result.isFailure(parsed)) throw new Error(`the generator produced invalid data:\n${parsed.failure.message}`)
  return `${stringify(District.encode(parsed.success), "")}\n`
}

// JSON with two-space indentation, but objects and arrays holding only scalars on one line, so
// an attendance row or an author list is one line of the file.
const stringify = (value: unknown, indent: string): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value)
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]"
    if (value.every(isFlat)) return `[${value.map((v) => stringify(v, "")).join(", ")}]`
    return `[\n${value.map((v) => inner + stringify(v, inner)).join(",\n")}\n${indent}]`
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return "{}"
  if (entries.every(([, v]) => v === null || typeof v !== "object")) {
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringify(v, inner)}`).join(",\n")}\n${indent}}`
}

const isFlat = (v: unknown): boolean =>
  v === null ||
  typeof v !== "object" ||
  (!Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x !== "object"))
