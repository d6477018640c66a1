import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';

describe('splitSentences', () => {
  it('ends a sentence after a closing quote or bracket, not inside a quotation', () => {
    expect(
      splitSentences(
        'He said that "the message is as relevant as ever" and that it "is one of the most important arrangements." It met (see below). Then more.',
      ),
    ).toEqual([
      'He said that "the message is as relevant as ever" and that it "is one of the most important arrangements."',
      'It met (see below).',
      'Then more.',
    ]);
  });

  it('runs a sentence on across a page break, but keeps a heading apart', () => {
    expect(
      splitSentences(
        'A heading\n\nThe force is working to establish a lasting\n\nbasis for peace. Next one.\n\nB-1110 Brussels\nBelgium',
      ),
    ).toEqual([
      'A heading',
      'The force is working to establish a lasting basis for peace.',
      'Next one.',
      'B-1110 Brussels Belgium',
    ]);
  });

  it('does not end a sentence inside numbers, addresses or lower-case continuations', () => {
    expect(
      splitSentences(
        'Some 1,200 troops, about 20.5 per cent. E-Mail : natodoc@hq.nato.int HTTP : x',
      ),
    ).toEqual(['Some 1,200 troops, about 20.5 per cent.', 'E-Mail : natodoc@hq.nato.int HTTP : x']);
  });
});
