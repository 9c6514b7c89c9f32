/**
 * `chatwork-kit/markup`: the markup toolkit alone (parser, printer, builder,
 * tree helpers and the linter), with no runtime dependencies.
 */
export * from '../markup/index.ts'
export * from '../lint/index.ts'
