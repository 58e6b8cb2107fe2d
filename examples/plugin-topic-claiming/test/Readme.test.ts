// Keeps README.md honest: every code block that names a file must match that file, piece by piece
// (`// …` separates pieces; indentation may differ inside list items).
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"

const root = new URL("../", import.meta.url)
const readme = readFileSync(new URL("README.md", root), "utf8")
const blocks = [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map((m) =>
  m[2]!.split("\n").map((l) => l.slice(m[1]!.length)),
)

describe("README code blocks", () => {
  it("are all named and there are enough of them", () => {
    expect(blocks.length).toBeGreaterThan(15)
    for (const b of blocks) expect(b[0]).toMatch(/^\/\/ (src|test)\/[\w.]+\.ts$/)
  })

  it.each(blocks.map((b) => [b[0]!.slice(3), b] as const))(
    "%s: the block is real code from the file",
    (path, block) => {
      const file = readFileSync(new URL(path, root), "utf8")
      const pieces: Array<Array<string>> = [[]]
      for (const line of block.slice(1, -1)) {
        if (line.trim() === "// …") pieces.push([])
        else pieces.at(-1)!.push(line)
      }
      let from = 0
      for (const piece of pieces) {
        const text = piece.join("\n")
        const at = file.indexOf(text, from)
        expect(at, `not found in ${path} (in order):\n${text}`).toBeGreaterThanOrEqual(0)
        from = at + text.length
      }
    },
  )
})
