import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api, ok } from '../lib/api.ts';
import { useT } from '../lib/i18n.tsx';
import type { Me } from '../lib/session.ts';
import { Instant, ProblemMessage, partyName, QueryState } from './common.tsx';

/**
 * The council's public description, which both parties publish: the proposal waiting (who
 * proposed it, which parties asked to publish it) and, for a secretary, proposing a new
 * wording, publishing the proposal read, or withdrawing / declining it. No optimistic update:
 * what shows as published is what the server answered.
 */
export function CouncilDescription({ me }: { me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const council = useQuery({ queryKey: ['council'], queryFn: () => ok(api.GET('/api/council')) });
  const [draft, setDraft] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['council'] });
  const propose = useMutation({
    mutationFn: (description: string) =>
      ok(api.PUT('/api/council/description-proposal', { body: { description } })),
    onSuccess: async () => {
      setDraft(null);
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: (version: number) =>
      ok(api.POST('/api/council/description-proposal/publish', { body: { version } })),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: () => ok(api.DELETE('/api/council/description-proposal')),
    onSettled: refresh,
  });
  const secretary = me.roles.includes('secretary');
  return (
    <section className="card" aria-labelledby="description-title">
      <h2 id="description-title">{t('council.description')}</h2>
      <QueryState query={council}>
        {(c) => {
          const proposal = c.descriptionProposal;
          const asked = proposal?.publication.requestedBy.includes(me.party.id) ?? false;
          return (
            <div>
              <p>{c.description ?? t('council.noDescription')}</p>
              {proposal && (
                <section aria-labelledby="proposal-title">
                  <h3 id="proposal-title">
                    {t('council.proposal', { party: partyName(proposal.proposedBy) })}
                  </h3>
                  <blockquote>{proposal.description ?? t('council.noDescription')}</blockquote>
                  <p>
                    <Instant value={proposal.proposedAt} /> ·{' '}
                    {t('council.publishedBy', {
                      parties: proposal.publication.requestedBy.map(partyName).join(', '),
                    })}
                  </p>
                  {secretary && (
                    <div className="button-row">
                      {!asked && (
                        <Button
                          className="button"
                          isDisabled={publish.isPending}
                          onPress={() => publish.mutate(proposal.version)}
                        >
                          {t('council.publish', { version: proposal.version })}
                        </Button>
                      )}
                      <Button
                        className="button button-quiet"
                        isDisabled={withdraw.isPending}
                        onPress={() => withdraw.mutate()}
                      >
                        {proposal.proposedBy === me.party.id
                          ? t('council.withdraw')
                          : t('council.decline')}
                      </Button>
                    </div>
                  )}
                  <ProblemMessage error={publish.error ?? withdraw.error} />
                </section>
              )}
              {secretary && (
                <form
                  className="form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (draft?.trim()) propose.mutate(draft.trim());
                  }}
                >
                  <label>
                    {t('council.proposeLabel')}
                    <textarea
                      rows={3}
                      value={draft ?? ''}
                      onChange={(e) => setDraft(e.target.value)}
                    />
                  </label>
                  <p className="hint">{t('council.proposeHint')}</p>
                  <Button
                    type="submit"
                    className="button"
                    isDisabled={propose.isPending || !draft?.trim()}
                  >
                    {t('council.propose')}
                  </Button>
                  <ProblemMessage error={propose.error} />
                </form>
              )}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
