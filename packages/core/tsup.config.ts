import { library } from "../../scripts/tsup-library.js"

export default library({
  index: "src/index.ts",
  "testing/index": "src/testing/index.ts",
  "promise/index": "src/promise/index.ts",
})
