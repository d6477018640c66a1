import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';
import { canonicalZone } from './silence.policy.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * What the silence procedure keeps (startSilence, breakSilence, settleSilence): a text under
 * silence has its deadline (a UTC instant), its IANA zone, the party that started it and its
 * participants, and a text in any other state has no deadline; participants are the parties
 * of a joint text or the delegations (or the party) of a caucus text's own party; a break was
 * made by a user of the party it was made for.
 */
export const SILENCE_INVARIANTS: readonly Invariant[] = [
  {
    name: 'texts.silence',
    check: async (db) => {
      const texts = await db
        .selectFrom('texts')
        .select(['id', 'state', 'silenceDeadline', 'silenceTimeZone', 'silenceStartedBy'])
        .where((eb) =>
          eb.or([eb('state', '=', 'under-silence'), eb('silenceDeadline', 'is not', null)]),
        )
        .orderBy('id')
        .execute();
      const found: Violation[] = [];
      for (const t of texts) {
        if (t.state !== 'under-silence') {
          found.push(violation('texts', t.id, `is ${t.state} but keeps a silence deadline`));
          continue;
        }
        if (t.silenceDeadline === null || !INSTANT.test(t.silenceDeadline)) {
          found.push(violation('texts', t.id, 'is under silence without a UTC deadline'));
        }
        if (t.silenceTimeZone === null || canonicalZone(t.silenceTimeZone) === null) {
          found.push(violation('texts', t.id, 'is under silence without an IANA time zone'));
        }
        if (t.silenceStartedBy === null) {
          found.push(violation('texts', t.id, 'is under silence started by no party'));
        }
        const participants = await db
          .selectFrom('silenceParticipants')
          .select('participant')
          .where('textId', '=', t.id)
          .execute();
        if (participants.length === 0) {
          found.push(violation('texts', t.id, 'is under silence with no participant'));
        }
      }
      return found;
    },
  },
  {
    name: 'silenceParticipants.participant',
    check: async (db) => {
      const rows = await db
        .selectFrom('silenceParticipants')
        .innerJoin('texts', 'texts.id', 'silenceParticipants.textId')
        .leftJoin('parties', 'parties.id', 'silenceParticipants.participant')
        .leftJoin('delegations', 'delegations.id', 'silenceParticipants.participant')
        .select([
          'silenceParticipants.textId',
          'silenceParticipants.participant',
          'silenceParticipants.participantKind',
          'texts.visibility',
          'texts.party',
          'parties.id as partyId',
          'delegations.party as delegationParty',
        ])
        .orderBy('silenceParticipants.textId')
        .orderBy('silenceParticipants.participant')
        .execute();
      const found: Violation[] = [];
      for (const r of rows) {
        const key = [r.textId, r.participant];
        const caucus = r.visibility === 'caucus';
        if (r.participantKind === 'party') {
          if (r.partyId === null) {
            found.push(violation('silenceParticipants', key, 'names no party'));
          } else if (caucus && r.partyId !== r.party) {
            found.push(
              violation('silenceParticipants', key, "names a party other than the caucus text's"),
            );
          }
        } else if (!caucus) {
          found.push(
            violation('silenceParticipants', key, 'is a delegation in silence on a joint text'),
          );
        } else if (r.delegationParty !== r.party) {
          found.push(
            violation('silenceParticipants', key, "names no delegation of the caucus text's party"),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'silenceBreaks.participant',
    check: async (db) => {
      const rows = await db
        .selectFrom('silenceBreaks')
        .innerJoin('texts', 'texts.id', 'silenceBreaks.textId')
        .leftJoin('users', 'users.id', 'silenceBreaks.userId')
        .leftJoin('delegations', 'delegations.id', 'silenceBreaks.participant')
        .select([
          'silenceBreaks.id',
          'silenceBreaks.participant',
          'silenceBreaks.userId',
          'users.party as userParty',
          'delegations.party as delegationParty',
          'texts.visibility',
          'texts.party',
        ])
        .orderBy('silenceBreaks.id')
        .execute();
      const found: Violation[] = [];
      for (const r of rows) {
        // The party the participant speaks for: a delegation's, or the party itself.
        const party = r.delegationParty ?? r.participant;
        if (r.visibility === 'caucus' && party !== r.party) {
          found.push(
            violation(
              'silenceBreaks',
              r.id,
              "was made for someone outside the caucus text's party",
            ),
          );
        }
        if (r.userId !== null && r.userParty !== party) {
          found.push(
            violation(
              'silenceBreaks',
              r.id,
              `was made for ${r.participant} by a user of another party`,
            ),
          );
        }
      }
      return found;
    },
  },
];
