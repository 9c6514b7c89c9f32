/**
 * Emulator round trips over loopback, beside a bare node:http server that
 * answers a fixed JSON body, measured in the same run: the ratio is what the
 * emulator's own work (auth, rate limit, routing, state, logging) costs.
 */
import { createServer } from 'node:http'
import { Bench } from 'tinybench'
import { startEmulator } from '../src/emulator/index.ts'
import { listen } from '../src/emulator/listen.ts'
import { meanMs } from './corpus.ts'

export async function run(): Promise<void> {
  const fixed = JSON.stringify({ account_id: 1001, name: 'Hanako Sato' })
  const bare = await listen(createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(fixed))
  }), {})
  // Limits out of the way: this measures work, not throttling.
  const emu = await startEmulator({ rateLimit: { limit: 1e9, roomPostLimit: 1e9 } })
  const headers = { 'x-chatworktoken': emu.token }
  const room = emu.rooms().find((candidate) => candidate.name === 'Project X')!.room_id
  const get = async (url: string) => void (await (await fetch(url, { headers })).text())

  const bench = new Bench({ time: 1500, warmupTime: 300 })
  bench
    .add('baseline: bare node:http, fixed JSON', () => get(`${bare.origin}/v2/me`))
    .add('GET /me', () => get(`${emu.baseURL}/me`))
    .add('GET /rooms', () => get(`${emu.baseURL}/rooms`))
    .add('GET …/messages?force=1 (100 messages)', () => get(`${emu.baseURL}/rooms/${room}/messages?force=1`))
    .add('POST …/messages', async () => {
      const response = await fetch(`${emu.baseURL}/rooms/${room}/messages`, { method: 'POST', headers, body: new URLSearchParams({ body: 'bench [To:1002]' }) })
      await response.text()
    })
  try {
    await bench.run()
  } finally {
    await emu.close()
    await bare.close()
  }
  const baseline = meanMs(bench.getTask('baseline: bare node:http, fixed JSON'))
  console.log('\nEmulator: sequential requests over loopback')
  console.table(
    bench.tasks.map((task) => ({
      task: task.name,
      'ms/request': meanMs(task).toFixed(3),
      'vs baseline': `${(meanMs(task) / baseline).toFixed(2)}x`,
    })),
  )
}
