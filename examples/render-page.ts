/**
 * Makes examples/render.html: a room's timeline rendered by
 * `chatwork-kit/html` with its default stylesheet, one message per kind of
 * markup (mentions, replies, quotes, info, code, tasks, files, system
 * messages, emoticons, links).
 *
 *   npx tsx examples/render-page.ts
 *
 * `test/render/html/example-page.test.ts` checks that the committed page is
 * what this script makes.
 */
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { CHATWORK_CSS, toHtml, type HtmlOptions } from 'chatwork-kit/html'

const accounts = new Map([
  [1001, { name: 'Hanako Sato' }],
  [1002, { name: 'Taro Yamada' }],
  [1003, { name: 'Jiro Suzuki' }],
])

const options: HtmlOptions = {
  accounts,
  files: new Map([[64242599, { name: 'release-notes.pdf', url: 'https://files.example.com/64242599' }]]),
  messageUrl: (roomId, messageId) => `https://www.chatwork.com/#!rid${roomId}-${messageId}`,
  linkTarget: '_blank',
  timeZone: 'Asia/Tokyo',
}

/** The timeline: who sent each message, when (Unix seconds), and its body. */
const MESSAGES: { from: number; time: number; body: string }[] = [
  { from: 1001, time: 1735600000, body: '[toall]Good morning everyone :)\nThe release is planned for [date:1735689600]. Notes: https://example.com/releases/2.0' },
  { from: 1002, time: 1735600300, body: '[rp aid=1001 to=5002-1928374655918273645] Hanako Sato\nThanks (bow) Two questions:\n[qt][qtmeta aid=1001 time=1735600000]The release is planned for the 1st.[/qt]Does that include the <b>API</b> changes?' },
  { from: 1001, time: 1735600600, body: '[To:1002] Taro Yamada\n[To:1003] Jiro Suzuki\n[info][title]Checklist[/title]1. Freeze the branch\n2. Run the migration:\n[code]\nnpm run migrate -- --env=production\n[/code]3. Announce it[hr]Ask in this room if anything is unclear (y)[/info]' },
  { from: 1003, time: 1735600900, body: '[info][title][dtext:task_added][/title][task aid=1002,1003 st=open lt=1735657199 ltype=date]Update the changelog[/task][/info]' },
  { from: 1002, time: 1735601200, body: '[info][title][dtext:task_done][/title][task aid=1002 st=done lt=0]Translate the notes[/task][/info]' },
  { from: 1001, time: 1735601500, body: '[info][title][dtext:file_uploaded][/title][preview id=64242599 ht=60][download:64242599]release-notes.pdf (247.60 KB)[/download][/info]' },
  { from: 1003, time: 1735601800, body: '[info][dtext:chatroom_member_is][piconname:1003][dtext:chatroom_added][/info]' },
  { from: 1003, time: 1735602100, body: 'Nice work (clap)(clap) 8-) — [picon:1001][pname:1001] will host the demo (coffee)' },
]

/**
 * The whole page, as a string.
 *
 * @example
 * await writeFile('render.html', renderPage())
 */
export function renderPage(): string {
  const rows = MESSAGES.map(({ from, time, body }) => {
    const header = toHtml(`[piconname:${from}]`, options).replace(/^<div class="cw-message">|<\/div>$/g, '')
    const sent = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(time * 1000)
    return `<article class="row"><header>${header}<span class="sent">${sent}</span></header>${toHtml(body, options)}</article>`
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>chatwork-kit/html: a rendered room</title>
<style>
${CHATWORK_CSS}
body { margin: 0; background: #eef1f4; font-family: system-ui, sans-serif; }
main { max-width: 760px; margin: 24px auto; background: #fff; border: 1px solid #d6dbe1; border-radius: 6px; }
h1 { margin: 0; padding: 12px 18px; font-size: 16px; border-bottom: 1px solid #d6dbe1; }
.row { padding: 12px 18px; border-bottom: 1px solid #eef1f4; }
.row header { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; font-size: 13px; }
.row .sent { color: #6b7280; font-size: 12px; }
</style>
</head>
<body>
<main>
<h1>Release planning</h1>
${rows.join('\n')}
</main>
</body>
</html>
`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await writeFile(new URL('render.html', import.meta.url), renderPage())
}
