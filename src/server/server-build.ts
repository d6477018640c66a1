import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash } from './source-hash.ts';

// The server and the CLI bundled into one module (and a chunk per lazily imported one): Node
// then reads and links a few files instead of some 370 sources, which is most of the time to
// the first answer. The bundle is an optimisation only: without it (or without esbuild, a
// devDependency) bin/council.js runs the TypeScript sources, which behave the same.

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/**
 * What the bundle is made of: the server's, the CLI's and the shared sources, how they compile,
 * and the lockfile (the packages bundled with them).
 */
const INPUTS = ['src/server', 'src/cli', 'src/shared', 'tsconfig.json', 'package-lock.json'];
/**
 * The packages bundled all the same. Kysely ships 259 ES modules, which Node resolves, reads
 * and links one by one at every start: some 80 ms, an eighth of a start's CPU time. It is
 * plain JavaScript that reads no file of its own and no other package imports, so one copy
 * inside the bundle is the only copy there is. Everything else stays in node_modules.
 */
const BUNDLED_PACKAGES = new Set(['kysely']);
/** The module bin/council.js runs: the CLI, which serves too. */
const ENTRY = 'src/cli/main.ts';
/** Each build goes to a folder named after its sources' hash (dist/server/<hash>/main.js). */
export const SERVER_BUILD_FOLDER = 'dist/server';
const HASH_LENGTH = 16;

export function serverSourceHash(repo = REPO): string {
  return sourceHash(repo, INPUTS);
}

/**
 * Where the bundle made from these very sources is, and whether it is there. A source changed,
 * added or removed changes the hash, so a build made from other sources is never run.
 */
export function serverBuildOf(repo = REPO): { file: string; built: boolean } {
  const hash = serverSourceHash(repo).slice(0, HASH_LENGTH);
  const file = join(repo, SERVER_BUILD_FOLDER, hash, 'main.js');
  return { file, built: existsSync(file) };
}

/**
 * Bundles the sources with esbuild into dist/server/<hash>/ and removes older builds. The
 * packages stay imports of node_modules (native addons such as better-sqlite3 and argon2
 * cannot be bundled, others read files beside themselves, and one bundled copy beside another
 * in node_modules would be two), but for BUNDLED_PACKAGES. Written to a
 * temporary folder and renamed, so a start running at the same time sees a whole build or
 * none. Answers false when esbuild is not installed (an install without devDependencies).
 */
export async function buildServer(repo = REPO): Promise<boolean> {
  type Esbuild = typeof import('esbuild');
  const esbuild: Esbuild | null = await import('esbuild').catch(() => null);
  if (esbuild === null) return false;
  const { file } = serverBuildOf(repo);
  const folder = join(file, '..');
  const builds = join(repo, SERVER_BUILD_FOLDER);
  const partial = join(builds, `.partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: repo,
      entryPoints: { main: join(repo, ENTRY) },
      outdir: partial,
      bundle: true,
      // Lazily imported modules (the Akoma Ntoso writer and its XML library) stay lazy.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      format: 'esm',
      platform: 'node',
      target: 'node24',
      charset: 'utf8',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [packagesOutside(), sourceLocations(partial, repo)],
    });
    await mkdir(builds, { recursive: true });
    await rename(partial, folder).catch(async (error: NodeJS.ErrnoException) => {
      // Another start built the same sources first: its build is this one.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  // A server still running an older build keeps what it loaded; only its lazily loaded chunk
  // (the Akoma Ntoso export) goes with the folder. Restart it, as after any change of sources.
  for (const name of await readdir(builds)) {
    if (join(builds, name) !== folder && !name.startsWith('.partial-')) {
      await rm(join(builds, name), { recursive: true, force: true });
    }
  }
  return true;
}

/** Every package an import of node_modules, but for BUNDLED_PACKAGES (esbuild's `packages: 'external'` has no exceptions). */
function packagesOutside(): import('esbuild').Plugin {
  return {
    name: 'packages-outside',
    setup(build) {
      // A bare specifier: `node:fs`, `fastify`, `@fastify/static`, `kysely/migration`.
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const [scope = '', name = ''] = args.path.split('/');
        const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
        return BUNDLED_PACKAGES.has(pkg) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * Keeps `import.meta.url` the URL of the source file it is written in, so that what a module
 * finds beside itself (docs/errors.md, the web build, the PJC record, its worker, the fonts)
 * is found from the bundle too. Each use becomes the source's path relative to the bundle's
 * folder, resolved against the bundle's own URL: nothing of this machine's paths is written.
 */
function sourceLocations(outdir: string, repo: string): import('esbuild').Plugin {
  // The folder is renamed after the build; both sit in dist/server, so the relative path holds.
  const depth = relative(outdir, repo);
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const source = `${depth}/${relative(repo, args.path)}`.split('\\').join('/');
        const here = `new URL(${JSON.stringify(source)}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', here), loader: 'ts' };
      });
    },
  };
}

/**
 * The module bin/council.js runs: the bundle of these sources when it is there (built first
 * when `build` is set, as `npm start` does), otherwise the TypeScript sources themselves.
 */
export async function cliEntry(options: { build: boolean }, repo = REPO): Promise<string> {
  const { file, built } = serverBuildOf(repo);
  if (built || (options.build && (await buildServerOrSay(repo)))) return pathToFileURL(file).href;
  return pathToFileURL(join(repo, ENTRY)).href;
}

async function buildServerOrSay(repo: string): Promise<boolean> {
  try {
    return await buildServer(repo);
  } catch (error) {
    // The sources then run as they are, and say themselves what is wrong with them, if anything.
    process.stderr.write(
      `warning: could not bundle the server (${String(error)}); running the sources\n`,
    );
    return false;
  }
}
