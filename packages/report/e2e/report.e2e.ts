// The Qingshan report in a real browser: every chart rendered with visible shapes and its table
// beside it, no console errors, no network requests, and a screenshot of each language.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { type Browser, chromium } from "playwright-core"
import { Report } from "../src/index.js"
import * as Q from "../test/qingshan.js"

const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const out = fileURLToPath(new URL("./output/", import.meta.url))

let browser: Browser
let input: Report.ReportInput

beforeAll(async () => {
  if (!existsSync(executablePath))
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    )
  mkdirSync(out, { recursive: true })
  input = await Q.input()
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  })
})

afterAll(async () => {
  await browser?.close()
})

describe.each(["zh-CN", "en"] as const)("the Qingshan report in Chromium (%s)", (locale) => {
  it("renders every chart with its table, without console errors or network requests", async () => {
    const file = join(out, `report-${locale}.html`)
    writeFileSync(file, Report.render({ ...input, generatedAt: "2026-01-05" }, { locale }))
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`))
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) problems.push(`network request: ${r.url()}`)
    })
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" })
    expect(await page.getAttribute("html", "lang")).toBe(locale)

    const charts = await page.$$eval("figure[data-chart]", (figures) =>
      figures.map((f) => {
        const svg = f.querySelector("svg")
        const box = svg?.getBoundingClientRect()
        return {
          key: f.getAttribute("data-chart"),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          shapes: svg?.querySelectorAll("path, rect").length ?? 0,
          rows: f.querySelectorAll("table tbody tr").length,
        }
      }),
    )
    expect(charts.map((c) => c.key).sort()).toEqual([...Report.charts].sort())
    for (const c of charts) {
      expect(c.width, `${c.key} is laid out`).toBeGreaterThan(100)
      expect(c.height, `${c.key} is laid out`).toBeGreaterThan(100)
      expect(c.shapes, `${c.key} draws its bars`).toBeGreaterThan(c.rows)
      expect(c.rows, `${c.key} has its numbers in a table`).toBeGreaterThan(0)
    }
    const sections = await page.$$eval("section[data-section]", (s) => s.map((x) => x.getAttribute("data-section")))
    expect(sections).toEqual([...Report.sections])
    await page.screenshot({ path: join(out, `report-${locale}.png`), fullPage: true })
    expect(existsSync(join(out, `report-${locale}.png`))).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })
})
