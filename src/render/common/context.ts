/**
 * A renderer's `context(options?)`: checks that `options` is an object and
 * makes the context from it, once for all the calls that pass no options.
 *
 * @example
 * const slackContext = contextMaker(makeContext)
 * slackContext() === slackContext() // true
 */
export function contextMaker<Options extends object, Context>(make: (options: Options) => Context): (options?: Options) => Context {
  let defaultContext: Context | undefined
  return (options) => {
    // most calls pass no options: their context is made once
    if (options === undefined) return (defaultContext ??= make({} as Options))
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object')
    return make(options)
  }
}
