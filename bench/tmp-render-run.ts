import { run } from './render.bench.ts'
await run()
