/**
 * The checks `npm run test:runtimes` runs on every runtime (Node ESM and CJS,
 * Bun, Deno, workerd), against the packed package as users install it. Plain
 * JavaScript with Web APIs only, so that every runtime, and the Worker bundle,
 * takes it as it is. Each check reports instead of throwing, so one failure
 * does not hide the others.
 */

/**
 * The MCP SDK's modules the suite connects a client with: a dependency of the
 * package, loaded like its subpaths (and, on workerd, bundled into the Worker).
 */
export const MCP_SDK_MODULES = ['@modelcontextprotocol/sdk/client/index.js', '@modelcontextprotocol/sdk/inMemory.js']

/** Names each subpath must export, whatever build the runtime picked. */
const EXPECTED_EXPORTS = {
  'chatwork-kit': ['parse', 'stringify', 'message', 'lint', 'ChatworkClient', 'createWebhookHandler', 'ChatworkError'],
  'chatwork-kit/markup': ['parse', 'stringify', 'message', 'cw', 'lint', 'formatDiagnostics', 'mentions', 'toPlainText'],
  'chatwork-kit/client': ['ChatworkClient', 'ChatworkApiError', 'ChatworkArgumentError', 'DEFAULT_BASE_URL'],
  'chatwork-kit/webhook': ['createWebhookHandler', 'verifySignature', 'parseWebhookEvent', 'ChatworkWebhookError'],
  'chatwork-kit/testing': ['startEmulator', 'DEFAULT_SEED'],
}

const HOSTILE = '[toall] [To:1002] [rp aid=1002 to=5002-1] [info][title]x[/title]y[/info] [code]z[/code] [hr] [/info] \u0000 \u202e'

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

function same(actual, expected, what) {
  const a = JSON.stringify(actual)
  const b = JSON.stringify(expected)
  assert(a === b, `${what}: expected ${b.slice(0, 300)}, got ${a.slice(0, 300)}`)
}

function base64(bytes) {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

async function sign(body, token) {
  const raw = Uint8Array.from(atob(token), (char) => char.charCodeAt(0))
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return base64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body))))
}

async function bytesOf(url) {
  const response = await fetch(url)
  assert(response.ok, `download answered ${response.status}`)
  return [...new Uint8Array(await response.arrayBuffer())]
}

/**
 * Runs every check; resolves with one `{ name, ok, error? }` per check.
 * `load(specifier)` imports (or requires) a subpath of the package;
 * `config` says where the emulator is and what this runtime can do.
 */
export async function runSuite(load, config) {
  const results = []
  async function check(name, body) {
    try {
      await body()
      results.push({ name, ok: true })
    } catch (error) {
      results.push({ name, ok: false, error: error && error.stack ? String(error.stack).split('\n').slice(0, 4).join('\n') : String(error) })
    }
  }

  const modules = {}
  await check('imports every subpath it supports (Workers: each with a workerd build)', async () => {
    for (const subpath of config.subpaths) {
      const module = await load(subpath)
      const missing = (EXPECTED_EXPORTS[subpath] ?? []).filter((name) => module[name] === undefined)
      assert(missing.length === 0, `${subpath} lacks ${missing.join(', ')}`)
      assert(Object.keys(module).length > 0, `${subpath} exports nothing`)
      modules[subpath] = module
    }
  })
  const markup = modules['chatwork-kit/markup']
  const client = modules['chatwork-kit/client']
  const webhook = modules['chatwork-kit/webhook']
  if (!markup || !client || !webhook) return results

  await check(`parses and prints the corpus (${config.corpus.length} bodies) byte for byte`, () => {
    const changed = config.corpus.filter((body) => markup.stringify(markup.parse(body)) !== body)
    assert(config.corpus.length > 100, 'the corpus is missing')
    assert(changed.length === 0, `${changed.length} bodies changed, the first: ${JSON.stringify(changed[0])}`)
  })

  const built = markup.message().to(1002, 'Taro').text(`hostile: ${HOSTILE}`).toString()
  await check('builds a message from hostile text: no mention or block but the one made', () => {
    const tree = markup.parse(built)
    same(markup.mentions(tree), { toAll: false, accountIds: [1002], replies: [] }, 'mentions')
    same(tree.children.map((node) => node.type), ['to', 'text'], 'node types')
    assert(markup.toPlainText(tree).includes('[toall]'), 'the text is not kept')
  })

  await check('lints: the built message is clean, a broken one is not', () => {
    same(markup.lint(built), [], 'diagnostics of the built message')
    const diagnostics = markup.lint('[info][title]unclosed')
    assert(diagnostics.length > 0, 'no diagnostic for an unclosed block')
    assert(markup.formatDiagnostics(diagnostics, '[info][title]unclosed').includes('unclosed'), 'formatDiagnostics printed no diagnostic')
  })

  await check('webhook handler: a signed delivery, a forged one, a query-signed one', async () => {
    const token = base64(crypto.getRandomValues(new Uint8Array(32)))
    const events = []
    const handler = webhook.createWebhookHandler({ token, onEvent: (event) => events.push(event), onError: (error) => events.push(error) })
    const body = JSON.stringify({
      webhook_setting_id: '1',
      webhook_event_type: 'message_created',
      webhook_event_time: 1735600200,
      webhook_event: { message_id: '1718000000000000005', room_id: 5002, account_id: 1002, body: built, send_time: 1735600199, update_time: 0 },
    })
    const url = 'https://bot.example/chatwork'
    const signature = await sign(body, token)
    const signed = await handler(new Request(url, { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': signature } }))
    same(signed.status, 200, 'signed delivery')
    const forged = await handler(new Request(url, { method: 'POST', body, headers: { 'x-chatworkwebhooksignature': await sign(`${body} `, token) } }))
    same(forged.status, 401, 'forged delivery')
    const query = await handler(new Request(`${url}?chatwork_webhook_signature=${encodeURIComponent(signature)}`, { method: 'POST', body }))
    same(query.status, 200, 'query-signed delivery')
    same(events.length, 2, 'events handled')
    same([events[0].type, events[0].body, markup.stringify(events[0].tree)], ['message_created', built, built], 'event')
  })

  const kit = new client.ChatworkClient({ baseURL: config.baseURL, token: config.token, retry: false })
  await check('client: sends a built message and reads it back as a tree', async () => {
    const { message_id } = await kit.messages.send(config.roomId, built)
    const read = await kit.messages.get(config.roomId, message_id)
    same(read.body, built, 'body read back')
    same(read.tree, markup.parse(built), 'tree read back')
  })

  await check('client: uploads bytes and a Blob, byte for byte', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i)
    const fromBytes = await kit.files.upload(config.roomId, bytes, { filename: 'bytes.bin', message: 'bytes' })
    const fromBlob = await kit.files.upload(config.roomId, new Blob(['a,b\r\n1,2\r\n--x--\r\n'], { type: 'text/csv' }), { filename: 'data.csv' })
    const first = await kit.files.get(config.roomId, fromBytes.file_id, { downloadUrl: true })
    const second = await kit.files.get(config.roomId, fromBlob.file_id, { downloadUrl: true })
    same([first.filename, second.filename], ['bytes.bin', 'data.csv'], 'file names')
    same(await bytesOf(first.download_url), [...bytes], 'uploaded bytes')
    same(await bytesOf(second.download_url), [...new TextEncoder().encode('a,b\r\n1,2\r\n--x--\r\n')], 'uploaded Blob')
  })

  if (config.uploadPath) {
    await check('client: uploads a file by its path', async () => {
      const { file_id } = await kit.files.upload(config.roomId, config.uploadPath.path)
      const file = await kit.files.get(config.roomId, file_id, { downloadUrl: true })
      same(file.filename, config.uploadPath.path.split(/[\\/]/).pop(), 'file name')
      same(await bytesOf(file.download_url), [...new TextEncoder().encode(config.uploadPath.content)], 'file content')
    })
  } else {
    await check('client: refuses an upload by path, which needs a file system', async () => {
      const error = await kit.files.upload(config.roomId, './report.pdf').then(() => undefined, (caught) => caught)
      assert(error instanceof client.ChatworkArgumentError, `expected a ChatworkArgumentError, got ${error}`)
      same(error.argument, 'file', 'argument')
    })
  }

  const html = modules['chatwork-kit/html']
  const markdown = modules['chatwork-kit/markdown']
  const slack = modules['chatwork-kit/slack']
  await check('renders the built message to HTML, Markdown and Slack, and Markdown back to markup', () => {
    const page = html.toHtml(built)
    assert(page.includes('class="cw-') && page.includes('toall]') && !page.includes('<script'), `HTML: ${page.slice(0, 300)}`)
    assert(markdown.toMarkdown(built).includes('toall'), 'Markdown lost the text')
    assert(slack.toSlack(built).includes('toall]'), 'Slack lost the text')
    same(markup.mentions(markup.parse(markup.stringify(markdown.fromMarkdown('# Hi\n\n[toall] @x')))), { toAll: false, accountIds: [], replies: [] }, 'mentions from Markdown')
  })

  const root = modules['chatwork-kit']
  const oauth = modules['chatwork-kit/oauth']
  await check('oauth: a forged redirect is one ChatworkOAuthError, a ChatworkError of the root subpath too', async () => {
    const { url, state } = await oauth.createAuthorizationRequest({ clientId: 'app', scope: ['rooms.all:read_write'] })
    assert(new URL(url).searchParams.get('code_challenge_method') === 'S256', 'no PKCE in the authorization URL')
    const error = (() => {
      try {
        oauth.handleRedirect(`https://app.example/callback?code=c&state=${state}x`, { state })
      } catch (caught) {
        return caught
      }
    })()
    assert(error instanceof oauth.ChatworkOAuthError && error instanceof root.ChatworkError, `expected one error hierarchy across subpaths, got ${error}`)
  })

  await check('mcp: an agent sends a Markdown message through the MCP server', async () => {
    const [{ Client }, { InMemoryTransport }] = await Promise.all(MCP_SDK_MODULES.map(load))
    const server = modules['chatwork-kit/mcp'].createMcpServer({ client: kit })
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
    await server.connect(serverSide)
    const agent = new Client({ name: 'runtime-suite', version: '1.0.0' })
    await agent.connect(clientSide)
    try {
      const result = await agent.callTool({ name: 'send_message', arguments: { room_id: config.roomId, markdown: '**done** [toall]' } })
      assert(!result.isError, `send_message failed: ${JSON.stringify(result.content)}`)
      const { body } = JSON.parse(result.content[0].text)
      same((await kit.messages.list(config.roomId, { force: true })).at(-1).body, body, 'message posted')
    } finally {
      await agent.close()
    }
  })

  if (config.redirects) {
    await check('client: answers a 302 and a 307 with a ChatworkApiError, following neither', async () => {
      for (const [status, call] of [
        [302, () => kit.rooms.get(config.redirects.getRoomId)],
        [307, () => kit.messages.send(config.redirects.postRoomId, 'must not be re-posted')],
      ]) {
        const error = await call().then(() => undefined, (caught) => caught)
        assert(error instanceof client.ChatworkApiError, `${status}: expected a ChatworkApiError, got ${error}`)
        same([error.status, error.location], [status, config.redirects.origin], `${status}: status and location`)
      }
    })
  }
  return results
}
