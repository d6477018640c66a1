import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Tokens } from 'marked';
import { ERROR_CODES } from '../domain/errors.ts';
import { kebab, PROTOCOL_CODES } from './error-handler.ts';

const CODES = new Set<string>([...ERROR_CODES, ...PROTOCOL_CODES]);

// The page's only style, allowed by its hash: no inline script or style runs beyond it.
const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}' +
  'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}' +
  'td:target{background:#fff3b0}pre{background:#f4f4f4;padding:1rem;overflow:auto}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const ERROR_DOCS_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * docs/errors.md as a page, so that a problem's `type` (`<origin>/docs/errors#agenda-locked`)
 * leads somewhere: the cell of each code in the tables carries the code's anchor.
 */
export async function renderErrorDocs(markdown: string): Promise<string> {
  // Loaded with the first request for the page, not at every start.
  const { Marked } = await import('marked');
  const marked = new Marked({
    renderer: {
      tablecell(token: Tokens.TableCell) {
        const tag = token.header ? 'th' : 'td';
        const content = this.parser.parseInline(token.tokens);
        const id = !token.header && CODES.has(token.text) ? ` id="${kebab(token.text)}"` : '';
        return `<${tag}${id}>${content}</${tag}>\n`;
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Joint Council API: errors</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

export function registerErrorDocs(app: FastifyInstance): void {
  // Rendered on the first request, not at start: nobody waits for a page few will read.
  let page: Promise<string> | undefined;
  app.get('/docs/errors', { schema: { hide: true } }, async (_request, reply) => {
    page ??= renderErrorDocs(
      readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8'),
    ).catch((error: unknown) => {
      page = undefined; // the next request tries again
      throw error;
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', ERROR_DOCS_CSP)
      .send(await page);
  });
}
