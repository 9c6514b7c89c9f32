/** A room's messages as Chatwork shows them, each with its markup, tree and mentions on demand and a Reply button. */
import { mentions, parse } from '../../../markup/index.ts'
import type { HtmlOptions } from '../../../render/html/index.ts'
import { h, renderBody } from './dom.ts'
import type { MessageView } from './types.ts'

/** Formats Unix seconds in the browser's locale and time zone. */
export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString()
}

/**
 * The timeline of a room.
 *
 * @example
 * replaceChildren(list, messages.map((m) => messageItem(m, options)))
 */
export function messageItem(message: MessageView, options: { roomId: number; render: HtmlOptions; name: (accountId: number) => string; avatar: (accountId: number) => string; onReply: (message: MessageView) => void }): HTMLElement {
  const body = h('div', { class: 'message-body' })
  renderBody(body, message.body, options.render)
  const details = h('details', { class: 'message-tree' }, h('summary', {}, 'Tree and mentions'))
  details.addEventListener('toggle', () => {
    if (!details.open || details.childElementCount > 1) return
    const tree = parse(message.body, { positions: false })
    details.append(h('h4', {}, 'Tree'), h('pre', { class: 'tree' }, JSON.stringify(tree, null, 2)), h('h4', {}, 'mentions()'), h('pre', { class: 'mentions' }, JSON.stringify(mentions(tree), null, 2)))
  })
  const name = options.name(message.account_id)
  return h(
    'li',
    { class: 'message', 'data-message-id': message.message_id, 'data-account-id': message.account_id, id: `message-${message.message_id}` },
    h('img', { class: 'avatar', src: options.avatar(message.account_id), alt: '', width: 36, height: 36 }),
    h(
      'article',
      { 'aria-label': `${name}, ${formatTime(message.send_time)}` },
      h(
        'header',
        { class: 'message-head' },
        h('span', { class: 'sender' }, name),
        ' ',
        h('time', { datetime: new Date(message.send_time * 1000).toISOString() }, formatTime(message.send_time)),
        message.update_time > 0 ? h('span', { class: 'edited', title: `Edited ${formatTime(message.update_time)}` }, ' (edited)') : null,
        h('button', { type: 'button', class: 'link reply-button', onclick: () => options.onReply(message), 'aria-label': `Reply to ${name}` }, 'Reply'),
      ),
      body,
      h('details', { class: 'message-markup' }, h('summary', {}, 'Markup'), h('pre', { class: 'raw' }, message.body)),
      details,
    ),
  )
}
