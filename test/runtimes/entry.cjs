/**
 * The suite's entry on Node as CommonJS: loads the package with `require()`,
 * so that its CommonJS build is the one checked.
 */
const { readFileSync } = require('node:fs')

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
import('./suite.mjs')
  .then(({ runSuite }) => runSuite((specifier) => require(specifier), config))
  .then((results) => console.log(`RUNTIME-RESULTS ${JSON.stringify(results)}`))
