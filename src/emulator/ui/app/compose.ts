/**
 * The compose pane: a markup editor whose preview, lint diagnostics (with
 * their line and column; choosing one selects its span), parsed tree and
 * mentions follow every keystroke; a "safe text" toggle that puts typed and
 * pasted text through the builder's escaping; and, in the emulator, the
 * sender, To and reply pickers and the send button.
 */
import { escapeText, mentions, parse } from '../../../markup/index.ts'
import { lint, type Diagnostic } from '../../../lint/index.ts'
import type { HtmlOptions } from '../../../render/html/index.ts'
import { h, replaceChildren, renderBody } from './dom.ts'

/** What the emulator adds to the pane. */
export interface ComposeHooks {
  /** The accounts who may send, and the default one. */
  senders: () => { accounts: { account_id: number; name: string }[]; selected: number }
  /** Sends the body as the account; resolves to an error message, or undefined when sent. */
  send: (as: number, body: string) => Promise<string | undefined>
}

/** The pane, and how to insert markup at its caret. */
export interface Compose {
  element: HTMLElement
  /** Inserts markup (not escaped) at the caret. */
  insertMarkup: (markup: string) => void
  /** Refills the sender and To pickers (the room changed). */
  refresh: () => void
  /** Re-renders the preview (accounts changed). */
  update: () => void
}

let paneCount = 0

/**
 * Makes the pane. `renderOptions` gives names and avatars to the preview.
 *
 * @example
 * document.body.append(createCompose({ renderOptions: () => ({}) }).element)
 */
export function createCompose(options: { renderOptions: () => HtmlOptions; hooks?: ComposeHooks }): Compose {
  const id = `compose-${++paneCount}`
  const textarea = h('textarea', { id: `${id}-body`, class: 'compose-body', rows: 6, spellcheck: 'false', 'aria-describedby': `${id}-diagnostics`, placeholder: 'Type Chatwork markup: [info][title]Hello[/title]world[/info]' })
  const safe = h('input', { type: 'checkbox', id: `${id}-safe` })
  const preview = h('div', { class: 'compose-preview', 'aria-live': 'polite' })
  const diagnostics = h('ul', { id: `${id}-diagnostics`, class: 'diagnostics', 'aria-live': 'polite', 'aria-label': 'Lint diagnostics' })
  const tree = h('pre', { class: 'tree' })
  const mentionList = h('pre', { class: 'mentions' })
  const status = h('p', { class: 'compose-status', role: 'status' })
  const sender = h('select', { id: `${id}-as`, 'aria-label': 'Send as' })
  const toPicker = h('select', { id: `${id}-to`, 'aria-label': 'Insert a To mention' })
  const sendButton = h('button', { type: 'submit', class: 'primary' }, 'Send')

  function insertMarkup(markup: string): void {
    textarea.focus()
    textarea.setRangeText(markup, textarea.selectionStart, textarea.selectionEnd, 'end')
    update()
  }

  // "Safe text": whatever is typed, pasted or dropped goes in escaped, as message().text() would put it.
  textarea.addEventListener('beforeinput', (event) => {
    if (!safe.checked || event.data === null || !/^insert(Text|FromPaste|FromDrop|ReplacementText)$/.test(event.inputType)) return
    const escaped = escapeText(event.data)
    if (escaped === event.data) return
    event.preventDefault()
    textarea.setRangeText(escaped, textarea.selectionStart, textarea.selectionEnd, 'end')
    update()
  })
  // Pastes carry their text in the clipboard, not in `data`.
  textarea.addEventListener('paste', (event) => {
    if (!safe.checked) return
    const text = event.clipboardData?.getData('text/plain')
    if (text === undefined) return
    event.preventDefault()
    insertEscaped(text)
  })
  function insertEscaped(text: string): void {
    textarea.setRangeText(escapeText(text), textarea.selectionStart, textarea.selectionEnd, 'end')
    update()
  }
  textarea.addEventListener('input', () => update())

  function diagnosticItem(diagnostic: Diagnostic): HTMLElement {
    const { start, end } = diagnostic.position
    const select = () => {
      textarea.focus()
      textarea.setSelectionRange(start.offset, end.offset)
    }
    return h(
      'li',
      { class: `diagnostic ${diagnostic.severity}`, 'data-code': diagnostic.code, 'data-start': start.offset, 'data-end': end.offset },
      h(
        'button',
        { type: 'button', class: 'link', onclick: select, title: 'Select this span in the editor' },
        h('span', { class: 'position' }, `${start.line}:${start.column}`),
        ' ',
        h('span', { class: 'severity' }, diagnostic.severity),
        ' ',
        h('code', { class: 'code' }, diagnostic.code),
        ' ',
        diagnostic.message,
      ),
    )
  }

  function update(): void {
    const body = textarea.value
    renderBody(preview, body, options.renderOptions())
    const found = lint(body)
    replaceChildren(diagnostics, (found.length === 0 ? [h('li', { class: 'diagnostic none' }, body === '' ? '' : 'No problems found.')] : found.map(diagnosticItem)))
    const parsed = parse(body, { positions: false })
    tree.textContent = JSON.stringify(parsed, null, 2)
    mentionList.textContent = JSON.stringify(mentions(parsed), null, 2)
  }

  function refresh(): void {
    if (options.hooks === undefined) return
    const { accounts, selected } = options.hooks.senders()
    replaceChildren(sender, accounts.map((account) => h('option', { value: account.account_id, selected: account.account_id === selected }, `${account.name} (${account.account_id})`)))
    replaceChildren(
      toPicker,
      h('option', { value: '' }, 'To…'),
      accounts.map((account) => h('option', { value: account.account_id }, account.name)),
      h('option', { value: 'all' }, 'All members [toall]'),
    )
  }

  toPicker.addEventListener('change', () => {
    const value = toPicker.value
    if (value === '') return
    const account = options.hooks?.senders().accounts.find((candidate) => String(candidate.account_id) === value)
    insertMarkup(value === 'all' ? '[toall]\n' : `[To:${value}]${account?.name ?? ''}\n`)
    toPicker.value = ''
  })

  const hooks = options.hooks
  const form = h(
    'form',
    {
      class: 'compose',
      'aria-label': hooks === undefined ? 'Markup playground' : 'Compose a message',
      onsubmit: (event) => {
        event.preventDefault()
        if (hooks === undefined) return
        const body = textarea.value
        sendButton.disabled = true
        status.textContent = 'Sending…'
        void hooks.send(Number(sender.value), body).then((error) => {
          sendButton.disabled = false
          status.textContent = error ?? 'Sent.'
          status.classList.toggle('error', error !== undefined)
          if (error === undefined) {
            textarea.value = ''
            update()
          }
        })
      },
    },
    hooks === undefined ? null : h('div', { class: 'compose-bar' }, h('label', { for: sender.id }, 'Send as '), sender, h('label', { for: toPicker.id, class: 'visually-hidden' }, 'To'), toPicker),
    h('label', { for: textarea.id, class: 'visually-hidden' }, 'Message'),
    textarea,
    h(
      'div',
      { class: 'compose-bar' },
      h('label', { for: safe.id, title: 'Typed and pasted text is escaped by the builder, so it cannot become a tag' }, safe, ' Safe text'),
      hooks === undefined ? null : sendButton,
      hooks === undefined ? null : h('span', { class: 'hint' }, 'Ctrl+Enter sends'),
    ),
    status,
    h('h3', {}, 'Diagnostics'),
    diagnostics,
    h('h3', {}, 'Preview'),
    preview,
    h('details', { class: 'tree-details' }, h('summary', {}, 'Tree and mentions'), h('h4', {}, 'Tree'), tree, h('h4', {}, 'mentions()'), mentionList),
  )
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  refresh()
  update()
  return { element: form, insertMarkup, refresh, update }
}
