/**
 * `chatwork-kit/vitest`: matchers for message bodies. Importing this module
 * registers them on vitest's `expect`; `chatworkMatchers` is exported for
 * `expect.extend` in setups that prefer to register by hand. vitest is a peer
 * dependency of this subpath only.
 *
 * Every matcher takes a body as a string, a tree (or node), or a builder.
 */
export * from './matchers.ts'
