import { library } from "../../scripts/tsup-library.js"

export default library({ index: "src/index.ts", Testing: "src/Testing.ts" })
