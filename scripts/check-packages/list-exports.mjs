// `node list-exports.mjs <specifier>…`: what each entry point exports at run time, once through
// `import` and once through `require`, as JSON { import: { spec: { name: [member names] | null } },
// require: …, errors: { import: { spec: message }, require: … } }. An export that is a plain object (a namespace such as `Progress`) lists its members.
// check-packages turns this into probe files that must type-check: every run-time export must be a
// value in the published declarations.
import { createRequire } from "node:module"

const require = createRequire(`${process.cwd()}/`)
const isPlainObject = (v) =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(v))
const describe = (m) =>
  Object.fromEntries(Object.keys(m).map((k) => [k, isPlainObject(m[k]) ? Object.keys(m[k]) : null]))

const out = { import: {}, require: {}, errors: { import: {}, require: {} } }
for (const spec of process.argv.slice(2)) {
  try {
    out.import[spec] = describe(await import(spec))
  } catch (e) {
    out.errors.import[spec] = String(e?.message ?? e).split("\n")[0]
  }
  try {
    out.require[spec] = describe(require(spec))
  } catch (e) {
    out.errors.require[spec] = String(e?.message ?? e).split("\n")[0]
  }
}
console.log(JSON.stringify(out))
