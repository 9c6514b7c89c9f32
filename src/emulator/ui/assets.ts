/**
 * The browser app's bundle (app.js, app.css), made from src/emulator/ui/app
 * by esbuild: at build time into dist/ui/ (see tsup.config.ts), read from
 * there at run time; when running from source (tests, `tsx`), built once in
 * memory instead.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The bundle's files. */
export interface UiAssets {
  'app.js': string
  'app.css': string
}

/** The folder of the bundle, relative to the built package's modules. */
export const UI_ASSETS_DIR = 'ui'

/** esbuild's API (a build-time dependency only: the type import is erased). */
type Bundler = Pick<typeof import('esbuild'), 'build'>

/**
 * Bundles the app with `esbuild`: `outdir` to write the files there, none to get them back.
 *
 * @example
 * await bundleUiAssets(await import('esbuild'), { outdir: 'dist/ui', minify: true })
 */
export async function bundleUiAssets(esbuild: Bundler, options: { outdir?: string; minify: boolean }): Promise<UiAssets> {
  const appDir = join(sourceDir(), 'app')
  const result = await esbuild.build({
    entryPoints: [join(appDir, 'app.ts'), join(appDir, 'app.css')],
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: options.minify,
    legalComments: 'none',
    outdir: options.outdir ?? 'ui',
    write: options.outdir !== undefined,
    logLevel: 'warning',
  })
  const text = (name: string) => result.outputFiles?.find((file) => file.path.endsWith(name))?.text ?? ''
  return { 'app.js': text('app.js'), 'app.css': text('app.css') }
}

/** This module's folder: src/emulator/ui from source, dist from the package. */
function moduleDir(): string {
  // the CJS build gets import.meta.url from tsup's shims
  return dirname(fileURLToPath(import.meta.url))
}

function sourceDir(): string {
  const dir = moduleDir()
  return dir.endsWith(join('src', 'emulator', 'ui')) ? dir : join(dir, '..', 'src', 'emulator', 'ui')
}

let loading: Promise<UiAssets> | undefined

/** The bundle, read or built once per process. */
export function loadUiAssets(): Promise<UiAssets> {
  return (loading ??= readBuilt().catch(async () => {
    const esbuild = (await import('esbuild').catch(() => {
      throw new Error(`The emulator UI's files are missing from ${join(moduleDir(), UI_ASSETS_DIR)}: rebuild the package`)
    })) as Bundler
    return bundleUiAssets(esbuild, { minify: false })
  }))
}

async function readBuilt(): Promise<UiAssets> {
  const dir = join(moduleDir(), UI_ASSETS_DIR)
  const [js, css] = await Promise.all([readFile(join(dir, 'app.js'), 'utf8'), readFile(join(dir, 'app.css'), 'utf8')])
  return { 'app.js': js, 'app.css': css }
}
