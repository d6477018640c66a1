import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useT } from '../lib/i18n.tsx';
import { partyName } from './common.tsx';

export interface Alternative {
  id: string;
  holder: string;
  text: string;
  reason: string | null;
}
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'bracket'; id: string; alternatives: Alternative[] };
export interface Paragraph {
  id: string;
  firstLine: number;
  segments: Segment[];
}

export type BracketAction =
  | { kind: 'accept'; alternativeId: string }
  | { kind: 'withdraw'; alternativeId: string }
  | { kind: 'propose'; paragraphId: string; bracketId: string; text: string }
  | {
      kind: 'bracket';
      paragraphId: string;
      segment: number;
      start: number;
      end: number;
      text: string;
    };

/**
 * A passage the reader selected inside one run of plain text of a paragraph, as the API's
 * offsets (the run's index among the paragraph's segments and the character range), or null
 * when the selection is empty or spans more than one run.
 */
export function selectedPassage(
  selection: Pick<
    Selection,
    'anchorNode' | 'focusNode' | 'anchorOffset' | 'focusOffset' | 'isCollapsed'
  > | null,
): { paragraphId: string; segment: number; start: number; end: number } | null {
  if (!selection || selection.isCollapsed) return null;
  const runOf = (node: Node | null) =>
    (node?.nodeType === 3 ? node.parentElement : (node as Element | null))?.closest?.(
      '[data-run]',
    ) ?? null;
  const run = runOf(selection.anchorNode);
  if (!run || run !== runOf(selection.focusNode)) return null;
  const start = Math.min(selection.anchorOffset, selection.focusOffset);
  const end = Math.max(selection.anchorOffset, selection.focusOffset);
  const paragraphId = run.getAttribute('data-paragraph');
  const segment = Number(run.getAttribute('data-run'));
  if (!paragraphId || end <= start) return null;
  return { paragraphId, segment, start, end };
}

/**
 * The rolling text of one language version: plain runs, and brackets showing every
 * alternative with its holder ("[NATO: ... | Russia: ...]"). The reader's party may accept an
 * alternative the other party holds, withdraw its own, add its own wording to a bracket, or
 * select a passage of plain text and bracket it with an alternative. `onAction` asks the
 * server; nothing changes on screen until the text comes back.
 */
export function BracketText({
  paragraphs,
  party,
  canNegotiate,
  busy,
  onAction,
}: {
  paragraphs: Paragraph[];
  party: string | null;
  canNegotiate: boolean;
  busy?: boolean;
  onAction: (action: BracketAction) => void;
}) {
  const t = useT();
  const [proposing, setProposing] = useState<{ paragraphId: string; bracketId: string } | null>(
    null,
  );
  const [draft, setDraft] = useState('');
  const [passage, setPassage] = useState<ReturnType<typeof selectedPassage>>(null);
  // Pressing the button may clear the selection before the press is seen: the last passage
  // selected in this text is kept as it is made.
  const lastSelected = useRef<ReturnType<typeof selectedPassage>>(null);
  useEffect(() => {
    if (!canNegotiate) return;
    const onChange = () => {
      const found = selectedPassage(document.getSelection());
      if (found) lastSelected.current = found;
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [canNegotiate]);
  return (
    <div className="rolling-text">
      {canNegotiate && (
        <div className="bracket-toolbar">
          <Button
            className="button button-small"
            isDisabled={busy}
            onPress={() => {
              setPassage(selectedPassage(document.getSelection()) ?? lastSelected.current);
              lastSelected.current = null;
              setDraft('');
            }}
          >
            {t('text.bracketSelection')}
          </Button>
          <span className="hint">{t('text.bracketHint')}</span>
        </div>
      )}
      {passage && (
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            onAction({ kind: 'bracket', ...passage, text: draft });
            setPassage(null);
          }}
        >
          <label>
            {t('text.alternativeFor')}
            <input
              required
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              name="bracket-text"
            />
          </label>
          <Button type="submit" className="button button-small">
            {t('text.proposeSubmit')}
          </Button>
          <Button className="button button-small button-quiet" onPress={() => setPassage(null)}>
            {t('action.cancel')}
          </Button>
        </form>
      )}
      {paragraphs.map((p, number) => (
        <div key={p.id} className="paragraph" data-paragraph-id={p.id}>
          <span className="paragraph-number" aria-hidden="true">
            {number + 1}
          </span>
          {p.segments.map((s, index) =>
            s.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments have no id; their order is their identity
              <span key={index} data-run={index} data-paragraph={p.id}>
                {s.text}
              </span>
            ) : (
              <span key={s.id} className="bracket" data-bracket={s.id}>
                <span className="visually-hidden">{t('text.bracket')}: </span>
                <span aria-hidden="true" className="bracket-mark">
                  [
                </span>
                {s.alternatives.map((a, i) => (
                  <span key={a.id} className={`alternative holder-${a.holder}`}>
                    {i > 0 && (
                      <span aria-hidden="true" className="bracket-mark">
                        {' | '}
                      </span>
                    )}
                    <span className="holder">{partyName(a.holder)}:</span>{' '}
                    <span className="alternative-text">{a.text || t('text.deletion')}</span>
                    {canNegotiate && a.holder !== party && (
                      <Button
                        className="button button-small"
                        isDisabled={busy}
                        aria-label={t('text.acceptAlt', {
                          holder: partyName(a.holder),
                          text: a.text,
                        })}
                        onPress={() => onAction({ kind: 'accept', alternativeId: a.id })}
                      >
                        {t('text.accept')}
                      </Button>
                    )}
                    {canNegotiate && a.holder === party && (
                      <Button
                        className="button button-small button-quiet"
                        isDisabled={busy}
                        aria-label={t('text.withdrawAlt', { text: a.text })}
                        onPress={() => onAction({ kind: 'withdraw', alternativeId: a.id })}
                      >
                        {t('text.withdraw')}
                      </Button>
                    )}
                  </span>
                ))}
                <span aria-hidden="true" className="bracket-mark">
                  ]
                </span>
                {canNegotiate && (
                  <Button
                    className="button button-small button-quiet"
                    isDisabled={busy}
                    onPress={() => {
                      setProposing({ paragraphId: p.id, bracketId: s.id });
                      setDraft('');
                    }}
                  >
                    {t('text.propose')}
                  </Button>
                )}
                {proposing?.bracketId === s.id && (
                  <form
                    className="form form-inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      onAction({
                        kind: 'propose',
                        paragraphId: p.id,
                        bracketId: s.id,
                        text: draft,
                      });
                      setProposing(null);
                    }}
                  >
                    <label>
                      {t('text.yourWording')}
                      <input required value={draft} onChange={(e) => setDraft(e.target.value)} />
                    </label>
                    <Button type="submit" className="button button-small">
                      {t('text.proposeSubmit')}
                    </Button>
                    <Button
                      className="button button-small button-quiet"
                      onPress={() => setProposing(null)}
                    >
                      {t('action.cancel')}
                    </Button>
                  </form>
                )}
              </span>
            ),
          )}
        </div>
      ))}
    </div>
  );
}
