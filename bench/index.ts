/**
 * `npm run bench`: every benchmark, each printed beside a baseline measured in
 * the same run, because absolute figures on shared machines mean little.
 */
import { run as builder } from './builder.bench.ts'
import { run as client } from './client.bench.ts'
import { run as emulator } from './emulator.bench.ts'
import { run as hostile } from './hostile.bench.ts'
import { run as lint } from './lint.bench.ts'
import { run as markdown } from './markdown.bench.ts'
import { run as markup } from './markup.bench.ts'
import { run as redis } from './redis.bench.ts'
import { run as render } from './render.bench.ts'
import { run as webhook } from './webhook.bench.ts'

for (const run of [markup, builder, lint, hostile, render, markdown, webhook, emulator, client, redis]) await run()
