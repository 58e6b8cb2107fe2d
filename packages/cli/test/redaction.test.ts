// What the CLI may print of a store location and of text from user data, checked on the functions
// themselves (cli.test.ts checks the built binary).
import { describe, expect, it } from "@effect/vitest"
import { jsonText, visible } from "../src/internal/output.js"
import { redactUrl, redactUrls } from "../src/internal/store.js"

describe("redactUrl", () => {
  it.each([
    ["postgres://tongxin:s3cr3t@db:5432/tongxin", "postgres://tongxin:***@db:5432/tongxin"],
    ["postgres://u@db/x?password=s3cr3t&sslmode=require", "postgres://u@db/x?password=***&sslmode=require"],
    [
      "postgres://u@db/x?PassWord=a&sslpassword=b&SSLKEY=/k.pem",
      "postgres://u@db/x?PassWord=***&sslpassword=***&SSLKEY=***",
    ],
    ["postgres://u:p@ss@db/x", "postgres://u:***@db/x"],
    ["postgres://u:pw@db/x#fragment", "postgres://u:***@db/x"],
    ["mysql://root:secret@db/x", "mysql://root:***@db/x"],
  ])("%s is shown as %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown)
  })

  it.each([
    "postgres://u:pa/ss@db/x",
    // A password of digits before a `/` would parse as the port: `2024` and `secret` must not show.
    "postgres://u:2024/secret@db/x",
    "postgres://u:2024?secret@db/x",
    "postgres://u:2024#secret@db/x",
    "postgres://u:/secret@db/x",
    "postgres://u:p@ss/w@db/x",
    "postgres://u:pw@db:port/x",
  ])("%s is refused, not shown", (url) => {
    expect(redactUrl(url)).toBeUndefined()
  })

  it("redacts every URL in a message, or cuts it to its scheme", () => {
    expect(redactUrls('Unexpected positional arguments: "postgres://u:hunter2@db/x", "postgres://u:12/34@db/x"')).toBe(
      'Unexpected positional arguments: "postgres://u:***@db/x", "postgres://…"',
    )
  })
})

describe("visible", () => {
  it("escapes C0, DEL, C1, bidirectional and separator characters; removes colour codes", () => {
    expect(visible("a\x1b]52;c;aGk=\x07b\x1b[2Kc\x9b31md\u202ee\u2028f\x7f")).toBe(
      String.raw`a\u001b]52;c;aGk=\u0007b\u001b[2Kc\u009b31md\u202ee\u2028f\u007f`,
    )
    expect(visible("\x1b[1;31mred\x1b[0m")).toBe("red")
  })

  it("removing a colour code never completes another sequence", () => {
    expect(visible("\x1b\x1b[31m[2K")).toBe(String.raw`\u001b[2K`)
    expect(visible("\x1b[\x1b[31m2K")).toBe(String.raw`\u001b[2K`)
  })

  it("keeps newlines and tabs in messages, not in a line", () => {
    expect(visible("a\n\tb\r", { multiline: true })).toBe("a\n\tb\\u000d")
    expect(visible("a\n\tb")).toBe(String.raw`a\u000a\u0009b`)
  })

  it("keeps colour codes only when asked", () => {
    expect(visible("\x1b[1mHELP\x1b[0m\x07", { multiline: true, colours: true })).toBe("\x1b[1mHELP\x1b[0m\\u0007")
  })
})

describe("jsonText", () => {
  it("escapes what JSON.stringify leaves raw, and reads back the same", () => {
    const value = { name: "a\x1b\x9b\u202e\u2028\u2029\x7fz" }
    const text = jsonText(value)
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e\u2028\u2029]/)
    expect(JSON.parse(text)).toEqual(value)
  })
})
