/** The markdown part (`chatwork-kit/markdown`): Chatwork to GitHub-flavoured Markdown, and Markdown to safe Chatwork markup. */
export { toMarkdown } from './to-markdown.ts'
export { toMdast, DEFAULT_LINE_BREAKS, CHATWORK_NESTING_LIMIT, type ToMarkdownOptions } from './to-mdast.ts'
export { fromMarkdown, DEFAULT_SECTIONS, MARKDOWN_NESTING_LIMIT, type FromMarkdownOptions } from './from-markdown.ts'
export type { MarkdownMentions } from './mentions.ts'
