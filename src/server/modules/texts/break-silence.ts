import type { BreakSilenceInput, Text } from '../../../shared/texts.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change, type UnitOfWork } from '../changes/unit-of-work.ts';
import { saveVersion } from './save-version.ts';
import { isBeforeDeadline, type Participant, participantFor } from './silence.policy.ts';
import { getText } from './text.view.ts';
import { proposeAlternative } from './text-editing.ts';
import { notifyReaders } from './text-notifications.ts';
import { assertStep } from './text-states.policy.ts';
import { contentOf, findTextRow } from './texts.repository.ts';

/**
 * Any user of a participating party (a joint text) or delegation (a caucus text) breaks
 * silence before the deadline with a written objection, and perhaps the wording it proposes
 * (with the passage it would replace, it comes back into the text as a bracket):
 * the text returns to negotiation (a joint text to `tabled`, its agreements to this version
 * void; a caucus text to `draft`), the break is on the record, and every reader of the text is
 * notified. Forbidden when the caller speaks for no participant; Conflict once the deadline has
 * passed (the text is adopted, or is being adopted) or when the text is not under silence.
 */
export async function breakSilence(
  deps: Deps,
  actor: Actor,
  id: string,
  input: BreakSilenceInput,
): Promise<Text> {
  const user = requirePermission(actor, 'read');
  if (input.passage !== undefined && input.amendment === undefined) {
    throw invalid('amendment', 'required with a passage: the wording that would replace it');
  }
  // Bracketing is negotiating the wording, which a party leaves to its secretaries (as for a
  // proposed alternative); any participant's user still breaks silence and is on the record.
  if (input.passage !== undefined) requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const text = await findTextRow(trx, actor, id);
    assertStep(text.state, 'break-silence');
    if (input.passage !== undefined && text.visibility === 'caucus') {
      // Both wordings would be the same party's, which no one could accept from the other:
      // a caucus draft is edited, not bracketed.
      throw invalid('passage', "a caucus text goes back to its party's draft: edit it there");
    }
    if (text.silenceDeadline === null || !isBeforeDeadline(text.silenceDeadline, new Date(at))) {
      throw new DomainError('Conflict', 'the deadline has passed: silence held', [
        { field: 'deadline', message: `silence ended at ${text.silenceDeadline}` },
      ]);
    }
    const participants: Participant[] = await trx
      .selectFrom('silenceParticipants')
      .select(['participant', 'participantKind'])
      .where('textId', '=', id)
      .execute();
    const member = await trx
      .selectFrom('users')
      .select(['party', 'delegationId'])
      .where('id', '=', user.userId)
      .executeTakeFirstOrThrow();
    const participant = participantFor(member, participants);
    if (participant === null) {
      throw new DomainError('Forbidden', 'you speak for no participant of this silence', [
        {
          field: 'participant',
          message:
            text.visibility === 'caucus'
              ? 'only a user of a participating delegation breaks silence for it'
              : "only a participating party's user breaks silence",
        },
      ]);
    }

    const state = text.visibility === 'caucus' ? ('draft' as const) : ('tabled' as const);
    const after: Row<'texts'> = {
      ...text,
      state,
      silenceDeadline: null,
      silenceTimeZone: null,
      silenceStartedBy: null,
      updatedAt: at,
    };
    await trx
      .updateTable('texts')
      .set({
        state,
        silenceDeadline: null,
        silenceTimeZone: null,
        silenceStartedBy: null,
        updatedAt: at,
      })
      .where('id', '=', id)
      .execute();
    // An objection undoes what was agreed of this wording: it is under negotiation again.
    const voided = await trx
      .selectFrom('textAgreements')
      .select(['kind', 'byParty', 'version'])
      .where('textId', '=', id)
      .where('kind', 'in', ['ad-ref', 'concur'])
      .execute();
    await trx
      .deleteFrom('textAgreements')
      .where('textId', '=', id)
      .where('kind', 'in', ['ad-ref', 'concur'])
      .execute();
    const silenceBreak = {
      id: deps.ids(),
      textId: id,
      participant,
      userId: user.userId,
      reason: input.reason,
      amendment: input.amendment ?? null,
      version: text.version,
      at,
      visibility: text.visibility,
      party: text.party,
    };
    await trx.insertInto('silenceBreaks').values(silenceBreak).execute();
    uow.record({
      entity: 'text',
      id,
      action: 'break-silence',
      before: text,
      after,
      audit: {
        before: { state: text.state, deadline: text.silenceDeadline, agreements: voided },
        after: {
          state,
          break: silenceBreak.id,
          participant,
          reason: input.reason,
          amendment: silenceBreak.amendment,
        },
      },
    });
    // An amendment that says what it replaces comes back into the text as a bracket, so that
    // the negotiators take up the objection where it stands rather than retyping it.
    const current =
      input.passage === undefined || input.amendment === undefined
        ? after
        : await bracketAmendment(uow, after, input.passage, input.amendment, {
            holder: user.party,
            userId: user.userId,
            reason: input.reason,
          });
    const who = await nameOf(uow, participants, participant);
    await notifyReaders(
      uow,
      current,
      'silence-broken',
      `${who} broke silence on "${text.title}": ${input.reason}`,
    );
    return getText(trx, actor, id);
  });
}

/**
 * Puts the breaking party's amendment into the joint text it returned to negotiation, as a
 * bracket beside the wording it would replace (proposeAlternative; the present wording held by
 * the other party, keeperOf): a new version. ValidationFailed naming the passage when it is not
 * a run of the original language's text.
 */
async function bracketAmendment(
  uow: UnitOfWork,
  text: Row<'texts'>,
  passage: NonNullable<BreakSilenceInput['passage']>,
  amendment: string,
  by: { holder: string; userId: string; reason: string },
): Promise<Row<'texts'>> {
  const content = await contentOf(uow.trx, text.id, text.version);
  const bracketed = proposeAlternative(
    content,
    text.originalLanguage,
    passage,
    amendment,
    { holder: by.holder, userId: by.userId, at: uow.at, reason: by.reason },
    await keeperOf(uow, text, by.holder),
    uow.deps.ids,
  );
  return saveVersion(
    uow,
    text,
    bracketed,
    `${by.holder} broke silence with an amendment to paragraph ${passage.paragraphId}`,
    'propose-alternative',
  );
}

/**
 * Who holds the wording the amendment would replace: what was under silence is what the other
 * party kept to, so the party that tabled it, or, when the breaker tabled it itself (or nobody
 * is on record), the first other party. Never the breaker: it would hold both wordings and
 * could withdraw the one both had agreed to go to silence with.
 */
export async function keeperOf(
  uow: UnitOfWork,
  text: Row<'texts'>,
  breaker: string,
): Promise<string> {
  if (text.party !== null && text.party !== breaker) return text.party;
  const other = await uow.trx
    .selectFrom('parties')
    .select('id')
    .where('id', '!=', breaker)
    .orderBy('position')
    .orderBy('id')
    .executeTakeFirst();
  return other?.id ?? breaker;
}

/** How a message names the participant: its party's or delegation's name. */
async function nameOf(
  uow: Pick<UnitOfWork, 'trx'>,
  participants: readonly Participant[],
  participant: string,
): Promise<string> {
  const kind = participants.find((p) => p.participant === participant)?.participantKind;
  const row =
    kind === 'delegation'
      ? await uow.trx
          .selectFrom('delegations')
          .select('name')
          .where('id', '=', participant)
          .executeTakeFirst()
      : await uow.trx
          .selectFrom('parties')
          .select('shortName as name')
          .where('id', '=', participant)
          .executeTakeFirst();
  return row?.name ?? participant;
}
