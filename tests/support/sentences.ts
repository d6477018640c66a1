/**
 * Splits a plain-text document into its sentences, the way a reader would count them:
 * paragraphs are separated by blank lines, a paragraph that breaks off mid-sentence at a page
 * break (the next one starts in lower case) runs on, line breaks inside a paragraph are spaces,
 * and a sentence ends at . ! or ? (with any closing quote or bracket) before the next capital
 * or opening quote. A heading or an address block, which has no full stop, is one sentence.
 */
export function splitSentences(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const paragraph = block.replace(/\s+/g, ' ').trim();
    if (paragraph === '') continue;
    const previous = paragraphs.at(-1);
    if (previous !== undefined && /^[a-z]/.test(paragraph) && !/[.!?]["”’)]?$/.test(previous)) {
      paragraphs[paragraphs.length - 1] = `${previous} ${paragraph}`;
    } else {
      paragraphs.push(paragraph);
    }
  }
  return paragraphs.flatMap((p) => p.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z])/));
}
