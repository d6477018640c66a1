import { sql } from 'kysely';
import type { StartSilenceInput, Text } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { hasUserClearedTo } from '../auth/users.repository.ts';
import { change } from '../changes/unit-of-work.ts';
import {
  deadlineOf,
  localDeadline,
  MIN_JOINT_SILENCE_MS,
  participantFor,
  participantsOf,
} from './silence.policy.ts';
import { getText } from './text.view.ts';
import { assertReady } from './text-agreements.ts';
import { notifyReaders } from './text-notifications.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow, readersOf } from './texts.repository.ts';

/**
 * A chair of the text's audience (respond-to-decisions) puts the version it read of a clean,
 * aligned text under silence until an exact deadline: a local date-time in an IANA zone,
 * stored as its UTC instant beside the zone. Participants are every party for a joint text
 * (tabled or agreed ad referendum; at least 24 hours of silence) and the member delegations of the party for a caucus draft
 * (the party itself when it has none on record). The participants' users are notified.
 * ValidationFailed naming `deadline` (not a time, skipped or repeated by the zone, or
 * past) or `timeZone`; VersionRequired, StaleVersion; Conflict for the state or while a
 * bracket or an incomplete language version is left.
 */
export async function startSilence(
  deps: Deps,
  actor: Actor,
  id: string,
  input: StartSilenceInput,
): Promise<Text> {
  const chair = requirePermission(actor, 'respond-to-decisions');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const text = await findTextRow(trx, actor, id);
    assertStep(text.state, 'start-silence');
    // A caucus draft is put to the allies from the draft; a tabled caucus draft lives on as
    // its joint text, and a joint text is never a draft.
    if ((text.visibility === 'caucus') !== (text.state === 'draft')) {
      throw new DomainError(
        'Conflict',
        `a ${text.visibility} text that is ${text.state} cannot be put under silence`,
        [
          {
            field: 'state',
            message: 'a caucus draft, or a joint text tabled or agreed ad referendum',
          },
        ],
      );
    }
    assertCurrentVersion('text', text.version, input.version);
    await assertReady(uow, text);
    const deadline = deadlineOf(input.deadline, input.timeZone, new Date(at));
    if (!deadline.ok) throw invalid(`${deadline.field}`, deadline.message);
    // Silence is tacit consent: the other party must have the time to read the text and to
    // break silence, so one side cannot adopt a joint text by a silence of a second.
    if (
      text.visibility !== 'caucus' &&
      Date.parse(deadline.instant) - Date.parse(at) < MIN_JOINT_SILENCE_MS
    ) {
      throw invalid('deadline', 'a joint text stays under silence for at least 24 hours');
    }

    const parties = await trx.selectFrom('parties').select('id').orderBy('position').execute();
    const today = at.slice(0, 10);
    const delegations =
      text.visibility === 'caucus' && text.party !== null
        ? await trx
            .selectFrom('delegations')
            .select('id')
            .where('party', '=', text.party)
            .where((eb) => eb.or([eb('joinedOn', 'is', null), eb('joinedOn', '<=', today)]))
            .where((eb) => eb.or([eb('leftOn', 'is', null), eb('leftOn', '>', today)]))
            .orderBy('id')
            .execute()
        : [];
    const participants = participantsOf(
      text,
      parties.map((p) => p.id),
      delegations.map((d) => d.id),
    );

    // Tacit consent holds only where consent could be withheld: a participant who cannot read
    // the text could not break it. A caucus text's participants are its party's delegations,
    // checked against their users. A joint text is within every party's declared ceiling, and
    // each party keeps a user cleared to its ceiling (update-user.ts); only if it disabled the
    // last of them does it have none, and then silence waits: one question per party, set-based,
    // that says nothing of the party's users but that it has none able to read (its own doing).
    let unable: typeof participants;
    if (text.visibility === 'caucus') {
      const readers = await readersUsers(trx, text);
      unable = participants.filter(
        (p) =>
          readers.all.some((u) => participantFor(u, [p]) !== null) &&
          !readers.able.some((u) => participantFor(u, [p]) !== null),
      );
    } else {
      const none = new Set(await partiesWithNoReader(trx, text.classification));
      unable = participants.filter((p) => none.has(p.participant));
    }
    if (unable.length > 0) {
      throw new DomainError(
        'Conflict',
        'every participant must be able to read the text it would be silent on',
        unable.map((p) => ({
          field: 'participants',
          message: `no user of ${p.participant} may read it (its marking, or whom it is releasable to)`,
        })),
      );
    }

    const after = {
      ...text,
      state: 'under-silence' as const,
      silenceDeadline: deadline.instant,
      silenceTimeZone: deadline.timeZone,
      silenceStartedBy: chair.party,
      updatedAt: at,
    };
    await trx
      .updateTable('texts')
      .set({
        state: after.state,
        silenceDeadline: after.silenceDeadline,
        silenceTimeZone: after.silenceTimeZone,
        silenceStartedBy: after.silenceStartedBy,
        updatedAt: at,
      })
      .where('id', '=', id)
      .execute();
    // The participants of this silence replace those of an earlier one that was broken.
    await trx.deleteFrom('silenceParticipants').where('textId', '=', id).execute();
    await trx
      .insertInto('silenceParticipants')
      .values(
        participants.map((p) => ({
          textId: id,
          ...p,
          visibility: text.visibility,
          party: text.party,
        })),
      )
      .execute();
    uow.record({
      entity: 'text',
      id,
      action: 'start-silence',
      before: text,
      after,
      audit: {
        before: { state: text.state },
        after: {
          state: after.state,
          version: text.version,
          deadline: deadline.instant,
          timeZone: deadline.timeZone,
          startedBy: chair.party,
          participants: participants.map((p) => p.participant),
        },
      },
    });
    await notifyReaders(
      uow,
      after,
      'silence-started',
      `"${text.title}" is under silence until ${localDeadline(
        deadline.instant,
        deadline.timeZone,
      ).slice(
        0,
        16,
      )} ${deadline.timeZone} (${deadline.instant}): break silence before then, or it is adopted.`,
      participants,
    );
    return getText(trx, actor, id);
  });
}

/**
 * The parties with enabled users none of whom is cleared for a marking (a party with no users
 * on this server at all reads elsewhere, as before: it is not held up).
 */
async function partiesWithNoReader(trx: Executor, classification: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('parties')
    .select('parties.id')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users')
          .select('users.id')
          .whereRef('users.party', '=', 'parties.id')
          .where('users.disabledAt', 'is', null),
      ),
    )
    .where(({ not }) =>
      not(
        hasUserClearedTo(
          sql.ref('parties.id'),
          sql<number>`(select "rank" from "classifications" where "id" = ${classification})`,
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** The enabled users of the text's audience, and those of them who may read it (readersOf). */
async function readersUsers(trx: Executor, text: Row<'texts'>) {
  const all = await trx
    .selectFrom('users')
    .select(['id', 'party', 'delegationId'])
    .where('disabledAt', 'is', null)
    .$if(text.visibility === 'caucus' && text.party !== null, (q) =>
      q.where('party', '=', text.party as string),
    )
    .execute();
  const ids = new Set(await readersOf(trx, text));
  return { all, able: all.filter((u) => ids.has(u.id)) };
}
