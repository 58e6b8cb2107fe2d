// Runs one solver on one benchmark instance in a fresh process (see assignment.ts).
import { worker } from "./assignment.js"

await worker(process.argv[2]!, Number(process.argv[3]))
