/**
 * Reads a file to upload from its path, on runtimes with a file system (Node,
 * Bun, Deno). Workers and browsers get read-path.worker.ts in its place,
 * through the package's `workerd`, `worker` and `browser` export conditions,
 * so that the code they load names no `node:` module.
 */

/**
 * The bytes of the file at `path`.
 *
 * @example
 * const bytes = await readPath('./report.pdf')
 */
export async function readPath(path: string): Promise<Uint8Array> {
  // Loaded on first use only, so that importing the client costs no file-system module.
  const { readFile } = await import('node:fs/promises')
  return readFile(path)
}
