import { describe, expect, it } from 'vitest'
import { EMOTICON_CODES, EXTENDED_EMOTICON_CODES, parse, type Download, type Reply } from '../../src/markup/index.ts'
import {
  checkAccounts,
  checkFiles,
  checkLocale,
  createDateFormat,
  downloadLabel,
  dtextSentence,
  hasDownloadLabel,
  EMOTICON_EMOJI,
  isWebUrl,
  replyIsLinked,
  resolveAccount,
  resolveFile,
  toTree,
} from '../../src/render/common/index.ts'

const first = <T>(body: string) => parse(body).children[0] as T

describe('toTree', () => {
  it('parses a body without positions and passes a tree through', () => {
    const tree = toTree('[To:1]a')
    expect(tree).toEqual({ type: 'root', children: [{ type: 'to', accountId: 1, source: '[To:1]' }, { type: 'text', value: 'a' }] })
    const given = parse('x')
    expect(toTree(given)).toBe(given)
  })
  it('refuses what is neither', () => {
    expect(() => toTree(null as never)).toThrow(TypeError)
    expect(() => toTree({} as never)).toThrow(/message body/)
  })
})

describe('accounts', () => {
  it('reads a Map or a function, and unknown ids as undefined', () => {
    expect(resolveAccount(new Map([[1, { name: 'Taro' }]]), 1)).toEqual({ name: 'Taro' })
    expect(resolveAccount(new Map(), 1)).toBeUndefined()
    expect(resolveAccount((id) => (id === 2 ? { name: 'Jiro', avatarUrl: 'https://a/2.png' } : undefined), 2)).toEqual({ name: 'Jiro', avatarUrl: 'https://a/2.png' })
    expect(resolveAccount(undefined, 1)).toBeUndefined()
  })
  it('throws a TypeError for a malformed account or option', () => {
    expect(() => resolveAccount(() => ({ name: 5 }) as never, 3)).toThrow(/account 3/)
    expect(() => resolveAccount(() => ({ name: 'a', avatarUrl: 1 }) as never, 3)).toThrow(/avatarUrl/)
    expect(() => checkAccounts([])).toThrow(TypeError)
    expect(() => checkAccounts(new Map())).not.toThrow()
  })
})

describe('files', () => {
  it('reads a Map or a function and checks the values', () => {
    expect(resolveFile(new Map([[5, { name: 'a.png' }]]), 5)).toEqual({ name: 'a.png' })
    expect(resolveFile(() => undefined, 5)).toBeUndefined()
    expect(() => resolveFile(() => ({ url: 1 }) as never, 5)).toThrow(/file 5/)
    expect(() => checkFiles('x')).toThrow(TypeError)
  })
  it('reads a download label as name and size', () => {
    expect(downloadLabel(first<Download>('[download:1]file.zip (247.60 KB)[/download]'))).toEqual({ name: 'file.zip', size: '247.60 KB' })
    expect(downloadLabel(first<Download>('[download:1]FILENAME (0 B)[/download]'))).toEqual({ name: 'FILENAME', size: '0 B' })
    expect(downloadLabel(first<Download>('[download:1]notes (draft).txt[/download]'))).toEqual({ name: 'notes (draft).txt' })
    expect(downloadLabel(first<Download>('[download:1]a.zip (2 KB)[/download]'), { name: 'b.zip' })).toEqual({ name: 'b.zip', size: '2 KB' })
    expect(downloadLabel(first<Download>('[download:1]see https://x.com :) (1 B)[/download]'))).toEqual({ name: 'see https://x.com :)', size: '1 B' })
    expect(hasDownloadLabel(first<Download>('[download:1]see https://x.com :) (1 B)[/download]'))).toBe(true)
    expect(hasDownloadLabel(first<Download>('[download:1]a[To:2][/download]'))).toBe(false)
  })
})

describe('dates', () => {
  it('formats in the locale and time zone, with the ISO instant', () => {
    expect(createDateFormat('en', 'UTC').date(1735600000)).toEqual({ text: 'Dec 30, 2024', iso: '2024-12-30T23:06:40.000Z' })
    expect(createDateFormat('ja', 'Asia/Tokyo').date(1735600000)?.text).toBe('2024/12/31')
    expect(createDateFormat('ja', 'Asia/Tokyo').dateTime(1735600000)?.text).toBe('2024/12/31 8:06')
    expect(createDateFormat('en').date(0)?.text).toBe('Jan 1, 1970')
  })
  it('gives undefined past the calendar, and refuses an unknown zone', () => {
    expect(createDateFormat('en').date(9e15)).toBeUndefined()
    expect(() => createDateFormat('en', 'Mars/Olympus')).toThrow(/timeZone/)
  })
})

describe('locale and sentences', () => {
  it('checks the locale', () => {
    expect(checkLocale(undefined)).toBe('en')
    expect(checkLocale('ja')).toBe('ja')
    expect(() => checkLocale('fr')).toThrow(TypeError)
  })
  it('expands known keys and keeps unknown ones as the tag, inherited names included', () => {
    expect(dtextSentence('task_done', 'ja')).toBe('タスクを完了しました。')
    expect(dtextSentence('chatroom_member_is', 'en')).toBe('')
    expect(dtextSentence('no_such_key', 'en')).toBe('[dtext:no_such_key]')
    expect(dtextSentence('constructor', 'en')).toBe('[dtext:constructor]')
  })
})

describe('isWebUrl', () => {
  it('accepts http and https only, as a browser reads the scheme', () => {
    expect(isWebUrl('https://example.com/')).toBe(true)
    expect(isWebUrl('HTTP://example.com')).toBe(true)
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:x', 'data:text/html,x', '//example.com', '/a', 'https//x', 5, undefined]) {
      expect(isWebUrl(bad), String(bad)).toBe(false)
    }
  })
})

describe('replyIsLinked', () => {
  it('is false only for the to=R:M form', () => {
    expect(replyIsLinked(first<Reply>('[rp aid=1 to=2-3]'))).toBe(true)
    expect(replyIsLinked(first<Reply>('[rp aid=1 to=2:3]'))).toBe(false)
    expect(replyIsLinked(first<Reply>('[rp to=2:3 aid=1]'))).toBe(false)
    expect(replyIsLinked({ type: 'reply', accountId: 1, roomId: 2, messageId: '3' })).toBe(true)
  })
})

describe('EMOTICON_EMOJI', () => {
  it('maps only known codes, each to one emoji and a Slack name', () => {
    const codes = new Set([...EMOTICON_CODES, ...EXTENDED_EMOTICON_CODES].map((e) => e.code))
    for (const [code, emoji] of Object.entries(EMOTICON_EMOJI)) {
      expect(codes.has(code), code).toBe(true)
      expect(emoji.slack).toMatch(/^[a-z0-9_+-]+$/)
      expect([...new Intl.Segmenter().segment(emoji.unicode)]).toHaveLength(1)
    }
  })
})
