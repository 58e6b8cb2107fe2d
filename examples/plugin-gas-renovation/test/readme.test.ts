// The README's code blocks are real code: each names its file on its first line, and every part
// of it (parts are separated by `// …`) must appear in that file exactly as written.
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8")
const readme = read("README.md")
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)

describe("README.md", () => {
  it("has code blocks, each naming the file it quotes", () => {
    expect(blocks.length).toBeGreaterThan(15)
    for (const block of blocks) expect(block).toMatch(/^\/\/ (src|test)\/[\w.-]+\.ts\n/)
  })

  it.each(blocks.map((b, i) => [i + 1, b.split("\n")[0]!, b] as const))(
    "block %i (%s) is in its file, verbatim",
    (_, header, block) => {
      const source = read(header.slice(3))
      const parts = block
        .split("\n")
        .slice(1)
        .join("\n")
        .split(/^\/\/ …$/m)
      for (const part of parts) {
        const text = part.replace(/^\n+|\n+$/g, "")
        expect(text.length).toBeGreaterThan(0)
        expect(source.includes(text), `not found in ${header.slice(3)}:\n${text}`).toBe(true)
      }
    },
  )
})
