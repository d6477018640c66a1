import type { Transaction } from 'kysely';
import type { CreateMeetingInput, Meeting } from '../../../shared/meetings.schemas.ts';
import type { Database, Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { getMeeting } from './get-meeting.ts';
import { assertHeldInPast, ownershipOf } from './meeting-rules.ts';
import { localDateOf, timeProblems, toUtc } from './meeting-time.ts';

/**
 * Schedules one meeting (manage-council). Caucus meetings are the secretary's own party's
 * (NotYourParty otherwise); `date` is the local day of startsAt. Errors: ValidationFailed
 * (endsAt not after startsAt, held in the future, party/visibility not fitting the format).
 */
export async function scheduleMeeting(
  deps: Deps,
  actor: Actor,
  input: CreateMeetingInput,
): Promise<Meeting> {
  const user = requirePermission(actor, 'manage-council');
  const ownership = ownershipOf(user, input);
  const startsAt = toUtc(input.startsAt);
  const endsAt = input.endsAt === undefined ? null : toUtc(input.endsAt);
  const problems = timeProblems(startsAt, endsAt);
  if (problems.length > 0) {
    throw new DomainError('ValidationFailed', 'endsAt must be after startsAt', problems);
  }
  const date = localDateOf(input.startsAt);
  const status = input.status ?? 'planned';
  if (status === 'held') assertHeldInPast(startsAt, date, deps.clock());
  const at = nowIso(deps);
  const row: Row<'meetings'> = {
    id: deps.ids(),
    title: input.title,
    level: input.level,
    format: input.format,
    startsAt,
    endsAt,
    date,
    venue: input.venue ?? null,
    status,
    summary: null,
    agendaVersion: 0,
    seriesId: null,
    sourceId: null,
    ...ownership,
    createdAt: at,
    updatedAt: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertMeeting(trx, row);
    await recordAudit(trx, {
      actor,
      at,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
  });
  return getMeeting(deps, actor, row.id);
}

/** Stores a meeting and indexes it for search; both must commit together. */
export async function insertMeeting(
  trx: Transaction<Database>,
  row: Row<'meetings'>,
): Promise<void> {
  await trx.insertInto('meetings').values(row).execute();
  await indexDocument(trx, searchDocumentOf('meeting', row));
}
