// Lists the mutants a Stryker run did not detect (Survived, NoCoverage), one Markdown table row
// each: `node mutation/survivors.mjs [mutation/reports/mutation.json]`. Pass a JSON file that maps
// "File.ts:line:column replacement" to a verdict as the second argument to fill the verdict column.
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2] ?? "mutation/reports/mutation.json", "utf8"))
const verdicts = process.argv[3] === undefined ? {} : JSON.parse(readFileSync(process.argv[3], "utf8"))
const cell = (s) => s.replace(/\s+/g, " ").replaceAll("|", "\\|").replaceAll("`", "'")
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

console.log("| where | mutator | status | change | verdict |")
console.log("| --- | --- | --- | --- | --- |")
for (const [path, file] of Object.entries(report.files)) {
  const lines = file.source.split("\n")
  const name = path.split("/").at(-1)
  const undetected = file.mutants
    .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
    .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
  for (const m of undetected) {
    const { start, end } = m.location
    const original =
      start.line === end.line
        ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1].slice(start.column - 1)} …`
    const where = `${name}:${start.line}:${start.column}`
    const change = `\`${cell(clip(original, 60))}\` → \`${cell(clip(m.replacement ?? "", 40))}\``
    const status = m.status === "NoCoverage" ? "no coverage" : "survived"
    console.log(
      `| ${where} | ${m.mutatorName} | ${status} | ${change} | ${verdicts[`${where} ${m.replacement}`] ?? ""} |`,
    )
  }
}
