import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { SOURCE_HASH_FILE, webSourceHash } from '../server/web-build.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const WEB_OUT_DIR = join(here, '../../dist/web');

/**
 * Writes a .gz and a .br beside every text asset once the bundle is written, so the server
 * sends them as they are (@fastify/static `preCompressed`) instead of compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'joint-council:precompress',
    apply: 'build',
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> => {
        const entries = await readdir(dir, { withFileTypes: true });
        const nested = await Promise.all(
          entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])),
        );
        return nested.flat();
      };
      for (const file of await walk(WEB_OUT_DIR)) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue;
        const body = await readFile(file);
        if (body.length < 1024) continue;
        await writeFile(`${file}.gz`, gzipSync(body, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
      // What `npm start` compares to decide whether the build is stale.
      await writeFile(join(WEB_OUT_DIR, SOURCE_HASH_FILE), `${await webSourceHash()}\n`);
    },
  };
}

/**
 * The message catalogues compiled to ICU ASTs at build time, so the browser gets react-intl
 * without the ICU parser (aliased below to its no-parser build): a third of the i18n code.
 * A message the parser refuses fails the build, naming it.
 */
function precompiledMessages(): Plugin {
  return {
    name: 'joint-council:precompiled-messages',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/]web[\\/]i18n[\\/][a-z]{2}\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled = Object.fromEntries(
        Object.entries(messages).map(([key, message]) => {
          try {
            return [key, parse(message)];
          } catch (error) {
            throw new Error(`${id}: message ${key}: ${(error as Error).message}`);
          }
        }),
      );
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
      },
    ],
  },
  root: here,
  base: '/',
  plugins: [precompiledMessages(), react(), precompress()],
  build: {
    outDir: WEB_OUT_DIR,
    emptyOutDir: true,
    // No inline script anywhere: the CSP allows only the server's own files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: process.env.WEB_SOURCEMAP === '1',
    chunkSizeWarningLimit: 600,
  },
});
