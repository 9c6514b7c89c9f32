/**
 * The mdast nodes that {@link toMdast} makes, typed narrowly so that the
 * hand-written printer (print-mdast.ts) is known to handle every one: a
 * paragraph of text, breaks, strong, links and images; blockquotes, code,
 * thematic breaks, and lists of task items that start with a paragraph.
 */
import type { Blockquote, Break, Code, Image, Link, List, ListItem, Paragraph, Root, Strong, Text, ThematicBreak } from 'mdast'

/** A link whose text is plain text (a reply chip, a download, a URL). */
export interface TextLink extends Link {
  children: Text[]
}

/** Inline content. */
export type ChatworkPhrasing = Text | Break | ChatworkStrong | TextLink | Image

export interface ChatworkStrong extends Strong {
  children: ChatworkPhrasing[]
}

export interface ChatworkParagraph extends Paragraph {
  children: ChatworkPhrasing[]
}

export interface ChatworkBlockquote extends Blockquote {
  children: ChatworkBlock[]
}

/** A task: a GitHub task list item, whose first child is the paragraph its checkbox stands before. */
export interface ChatworkTaskItem extends ListItem {
  checked: boolean
  children: [ChatworkParagraph, ...ChatworkBlock[]]
}

export interface ChatworkList extends List {
  children: ChatworkTaskItem[]
}

/** Block content. */
export type ChatworkBlock = ChatworkParagraph | ChatworkBlockquote | Code | ThematicBreak | ChatworkList

export interface ChatworkRoot extends Root {
  children: ChatworkBlock[]
}
