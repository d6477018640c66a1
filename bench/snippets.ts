// What a search's snippets cost: `node bench/snippets.ts`. The benchmark's corpus (about 40
// words a paragraph, English, French and Russian in turn), pages of 21 hits of one language
// each with one of the benchmark's two-word queries, through one matcher per page as the
// search builds them (snippet.ts); microseconds per snippet, per language.
import { performance } from 'node:perf_hooks';
import { termsOf } from '../src/server/modules/search/full-text-store.ts';
import { snippetsFor } from '../src/server/modules/search/snippet.ts';
import { LANGUAGES, paragraphs, twoWordQueries } from './support/corpus.ts';

const PAGE = 21;
const ROUNDS = 5;
const all = [...paragraphs(3000)];
const queries = twoWordQueries(200);

console.log(`node ${process.version}: pages of ${PAGE} hits, ${ROUNDS} rounds`);
for (const language of LANGUAGES) {
  const texts = all.filter((p) => p.language === language).map((p) => p.text);
  let made = 0;
  const began = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (let start = 0; start + PAGE <= texts.length; start += PAGE) {
      const query = queries[(start / PAGE) % queries.length] as string;
      const snippetOf = snippetsFor(termsOf(query));
      for (let i = start; i < start + PAGE; i++) {
        snippetOf('A title', texts[i] as string);
        made += 1;
      }
    }
  }
  const us = ((performance.now() - began) / made) * 1000;
  console.log(
    `${language}: ${us.toFixed(1)} us a snippet, ${((us * PAGE) / 1000).toFixed(2)} ms a page`,
  );
}
