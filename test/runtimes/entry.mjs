/**
 * The suite's entry on Node (ESM), Bun and Deno: loads the package with
 * `import()`, reads its settings from the JSON file named on the command
 * line, and prints the results as one line of JSON after a marker.
 */
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { runSuite } from './suite.mjs'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const results = await runSuite((specifier) => import(specifier), config)
console.log(`RUNTIME-RESULTS ${JSON.stringify(results)}`)
