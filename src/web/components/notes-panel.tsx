import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/session.ts';
import { Instant, ProblemMessage, partyName, QueryState, VisibilityMark } from './common.tsx';

/** The notes on a meeting or a decision: the caller's party's caucus notes and joint ones. */
export function NotesPanel({
  filter,
  me,
  jointAllowed,
}: {
  filter: { meetingId?: string; decisionId?: string };
  me: Me;
  jointAllowed: boolean;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = ['notes', filter];
  const notes = useQuery({
    queryKey: key,
    queryFn: () => ok(api.GET('/api/notes', { params: { query: { ...filter, limit: 100 } } })),
  });
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'caucus' | 'joint'>('caucus');
  const write = useMutation({
    mutationFn: () => ok(api.POST('/api/notes', { body: { text, visibility, ...filter } })),
    onSuccess: async () => {
      setText('');
      await queryClient.invalidateQueries({ queryKey: ['notes'] });
    },
  });
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <QueryState query={notes} isEmpty={(d) => d.items.length === 0} empty={t('notes.none')}>
        {(d) => (
          <ul className="notes">
            {d.items.map((n) => (
              <li key={n.id} className={n.visibility === 'caucus' ? 'note note-caucus' : 'note'}>
                <VisibilityMark visibility={n.visibility} party={n.party} />
                <p>{n.text}</p>
                <span className="meta">
                  <Instant value={n.createdAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          write.mutate();
        }}
      >
        <label>
          {t('notes.new')}
          <textarea name="note" required value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('notes.audience')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="note-visibility"
              checked={visibility === 'caucus'}
              onChange={() => setVisibility('caucus')}
            />
            {t('mark.caucus', { party: partyName(me.party.id) })}
          </label>
          {jointAllowed && (
            <label className="radio">
              <input
                type="radio"
                name="note-visibility"
                checked={visibility === 'joint'}
                onChange={() => setVisibility('joint')}
              />
              {t('mark.joint')}
            </label>
          )}
        </fieldset>
        <ProblemMessage error={write.error} />
        <Button type="submit" className="button" isDisabled={write.isPending}>
          {t('notes.write')}
        </Button>
      </form>
    </section>
  );
}
