/**
 * The suite's entry on workerd: a Worker that imports every subpath Workers
 * support, runs the suite inside the Worker (handler and client included) on
 * the settings POSTed to it, and answers the results as JSON. Bundled as
 * Workers' bundler does (the `workerd`, `worker` and `browser` conditions).
 */
import * as root from 'chatwork-kit'
import * as client from 'chatwork-kit/client'
import * as markup from 'chatwork-kit/markup'
import * as webhook from 'chatwork-kit/webhook'
import { runSuite } from './suite.mjs'

const modules = { 'chatwork-kit': root, 'chatwork-kit/markup': markup, 'chatwork-kit/client': client, 'chatwork-kit/webhook': webhook }

export default {
  async fetch(request) {
    const config = await request.json()
    return Response.json(await runSuite(async (specifier) => modules[specifier], config))
  },
}
