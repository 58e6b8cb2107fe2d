// @tongxin/core in a web page: esbuild bundles e2e/browser-core/main.ts (core's ESM build and
// effect, minified, for the browser) into a temp folder; a tiny server on 127.0.0.1 serves the page,
// its script, the Qingshan district and the Qingshan rubric; Chromium loads it with every other
// request blocked. The page parses the district, runs coverage, assignment and scoring, and shows
// the results; the test checks there were no console errors, that the numbers on the page and in
// its summary are exactly the ones Node gets from the same build, and that the page's JavaScript
// stays within its size budget (minified + gzip -9).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { build } from "esbuild"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { gzipSync } from "node:zlib"
import { type Browser, chromium } from "playwright-core"
import { type Rules, type Summary, summarise } from "./browser-core/summary.js"

const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const coreBuild = here("../../core/dist/index.js")
const districtFile = here("../../../examples/qingshan/data/qingshan.json")
const rubricFile = here("../../core/rubrics/qingshan.json")
const out = here("./output/")

/**
 * The page's JavaScript, minified and gzipped at level 9, may not exceed this many bytes.
 * Measured 128,225 B (2026-12: effect 4.1.5 ~113 kB, core ~166 kB, yaml ~98 kB minified);
 * the budget is that plus 10%.
 */
const budget = 141_000

let browser: Browser
let server: Server
let origin: string
let dir: string
let bytes: { readonly minified: number; readonly gzip: number; readonly byPackage: Record<string, number> }

const files = (): Record<string, { readonly file: string; readonly type: string }> => ({
  "/": { file: join(dir, "index.html"), type: "text/html; charset=utf-8" },
  "/main.js": { file: join(dir, "main.js"), type: "text/javascript; charset=utf-8" },
  "/data/qingshan.json": { file: districtFile, type: "application/json; charset=utf-8" },
  "/data/rubric.json": { file: rubricFile, type: "application/json; charset=utf-8" },
})

// Which package each byte of the bundle comes from (for the printed figure).
const owner = (input: string): string => {
  const pnpm = /node_modules\/\.pnpm\/([^/]+)\//.exec(input)
  if (pnpm !== null) return pnpm[1]!.replace(/@([^@]+)$/, " $1")
  if (input.includes("core/dist/")) return "@tongxin/core (dist)"
  return "page"
}

beforeAll(async () => {
  if (!existsSync(executablePath))
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    )
  if (!existsSync(coreBuild))
    throw new Error(`no ${coreBuild}: the browser page bundles @tongxin/core's ESM build; run \`pnpm build\` first`)
  mkdirSync(out, { recursive: true })
  dir = mkdtempSync(join(tmpdir(), "tongxin-core-browser-"))

  // `@tongxin/core` resolves through the package's `exports` ("import" → dist/index.js): the page
  // uses what a bundler in an app would get from npm, not the TypeScript sources.
  const result = await build({
    entryPoints: [here("./browser-core/main.ts")],
    outfile: join(dir, "main.js"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    metafile: true,
    logLevel: "silent",
  })
  expect(result.errors).toEqual([])
  expect(result.warnings).toEqual([])
  const inputs = Object.keys(result.metafile.inputs)
  expect(inputs.some((i) => i.endsWith("core/dist/index.js"))).toBe(true)
  expect(inputs.filter((i) => i.includes("core/src/"))).toEqual([])
  const byPackage: Record<string, number> = {}
  for (const output of Object.values(result.metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      byPackage[owner(input)] = (byPackage[owner(input)] ?? 0) + bytesInOutput
  const js = readFileSync(join(dir, "main.js"))
  bytes = { minified: js.length, gzip: gzipSync(js, { level: 9 }).length, byPackage }
  copyFileSync(here("./browser-core/index.html"), join(dir, "index.html"))

  server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname
    const entry = files()[path]
    if (req.method !== "GET" || entry === undefined) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { "content-type": entry.type, "cache-control": "no-store" }).end(readFileSync(entry.file))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

const comparable = ({ ms: _, ...rest }: Summary) => rest

describe("@tongxin/core in Chromium", () => {
  it("runs coverage, assignment and scoring on Qingshan with Node's exact numbers, offline, within its size budget", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    const problems: Array<string> = []
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`)
    })
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`))
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`))
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
    })
    // No network: only the page's own server answers.
    await page.route("**", (route) => {
      const url = route.request().url()
      if (url === origin || url.startsWith(`${origin}/`)) return route.continue()
      problems.push(`blocked request: ${url}`)
      return route.abort("blockedbyclient")
    })

    await page.goto(`${origin}/`, { waitUntil: "load" })
    await page.waitForSelector("html[data-state=done], html[data-state=failed]", { state: "attached" })
    const state = await page.getAttribute("html", "data-state")
    expect(state, `the page says: ${await page.textContent("#app")}`).toBe("done")
    const browserSummary = (await page.evaluate("globalThis.tongxinSummary")) as Summary

    // Node, the same build of core: `@tongxin/core`'s dist/index.js, imported as an app would.
    const core = (await import(pathToFileURL(coreBuild).href)) as Rules
    const node = summarise(core, {
      district: JSON.parse(readFileSync(districtFile, "utf8")),
      rubric: JSON.parse(readFileSync(rubricFile, "utf8")),
    })

    // The data really went through the rules.
    expect(node.district).toEqual({ id: "qingshan", units: 129, members: 233, committees: 10, activities: 732 })
    expect(node.coverage.rules.length).toBe(9)
    expect(node.assignment.placements).toBe(233)
    expect(node.assignment.verified).toBe(true)
    expect(node.scoring.members).toBe(233)

    // Exactly Node's numbers (toEqual compares numbers with Object.is).
    expect(browserSummary.coverage).toEqual(node.coverage)
    expect(browserSummary.assignment.objective).toBe(node.assignment.objective)
    expect(browserSummary.assignment).toEqual(node.assignment)
    expect(Object.keys(browserSummary.scoring.totals).length).toBe(233)
    for (const [id, total] of Object.entries(node.scoring.totals))
      expect(browserSummary.scoring.totals[id], `total of ${id}`).toBe(total)
    expect(comparable(browserSummary)).toEqual(comparable(node))

    // …and the page shows them.
    const cells = (selector: string) =>
      page.$$eval(selector, (rows) =>
        rows.map((r) =>
          Array.from(r.querySelectorAll("td"), (td) => (td as { textContent: string | null }).textContent ?? ""),
        ),
      )
    expect(await cells("table[data-table=coverage] tbody tr")).toEqual([
      ...node.coverage.rules.map((r) => [r.id, String(r.covered), String(r.total)]),
      ["overall", String(node.coverage.overall.covered), String(node.coverage.overall.total)],
    ])
    expect(await cells("table[data-table=assignment] tbody tr")).toEqual([
      ["objective", String(node.assignment.objective)],
      ["placements", "233"],
      ["verified", "true"],
    ])
    expect(await cells("table[data-table=scoring] tbody tr")).toEqual([["members scored", "233"]])
    expect(await cells("table[data-table=top] tbody tr")).toEqual(
      node.scoring.top.map((t) => [String(t.rank), t.id, t.name, String(t.total), t.grade]),
    )
    await page.screenshot({ path: join(out, "core-in-browser.png"), fullPage: true })

    expect(problems).toEqual([])
    await page.close()

    const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`
    console.log(
      [
        `core in the browser: page JavaScript ${bytes.minified} B minified, ${bytes.gzip} B gzip -9 (budget ${budget} B)`,
        `  by package (minified): ${Object.entries(bytes.byPackage)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${kB(v)}`)
          .join(", ")}`,
        `  ms in Chromium / Node: ${(["parse", "coverage", "assignment", "scoring"] as const)
          .map((k) => `${k} ${browserSummary.ms[k].toFixed(1)} / ${node.ms[k].toFixed(1)}`)
          .join(", ")}`,
      ].join("\n"),
    )
    expect(bytes.gzip, `page JavaScript, minified + gzip -9 (bytes)`).toBeLessThanOrEqual(budget)
  })
})
