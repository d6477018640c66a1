import type { Transaction } from 'kysely';
import { forUpdate } from '../../db/dialect.ts';
import type { Database, Row } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Visible } from '../access/visibility.policy.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { assertPublishedKept } from '../publication/publication.policy.ts';

/**
 * Whether an item is part of the programme's joint text: everything but a party's own caucus
 * areas and activities, which the other party never sees and so never agrees to.
 */
export const isJointText = (item: Visible): boolean => item.visibility !== 'caucus';

/**
 * A programme's content (the programme itself, its areas, its joint and public activities) is
 * frozen while a decision approving it is agreed, or proposed and already answered by a
 * party: a concurrence holds for the text concurred with, so a change now would count the
 * programme as approved with content one side never saw. Conflict, naming which. Declining or
 * withdrawing the decision opens the programme again. Execution (an activity's status,
 * progress notes) is not content and stays open.
 */
export async function assertProgrammeOpen(
  trx: Transaction<Database>,
  programme: Pick<Row<'workProgrammes'>, 'id' | 'year'>,
): Promise<void> {
  // Every open decision on the programme is locked, answered or not, as respondToDecision
  // locks it: on PostgreSQL no response can then slip in between this check and the change.
  const decisions = await forUpdate(
    trx
      .selectFrom('decisions')
      .select(['id', 'status'])
      .where('approvesKind', '=', 'workProgramme')
      .where('approvesId', '=', programme.id)
      .where('status', 'in', ['proposed', 'agreed']),
  ).execute();
  if (decisions.some((d) => d.status === 'agreed')) {
    throw new DomainError(
      'AlreadyAgreed',
      `the ${programme.year} work programme is approved: its content is agreed text`,
    );
  }
  if (decisions.length === 0) return;
  const answered = await trx
    .selectFrom('decisionResponses')
    .select('decisionId')
    .where(
      'decisionId',
      'in',
      decisions.map((d) => d.id),
    )
    .executeTakeFirst();
  if (answered) {
    throw new DomainError(
      'AlreadyAgreed',
      `a party has answered the decision approving the ${programme.year} work programme: ` +
        'its content is frozen until that decision is agreed, declined or withdrawn',
    );
  }
}

/**
 * The programme's joint text is about to change: refused once public (assertPublishedKept) and
 * while it is locked
 * (assertProgrammeOpen), otherwise its version moves on, so that a chair who read the decision
 * approving it before the change cannot concur in it after (the decision's version includes
 * the programme's). A party's own caucus areas and activities never come here: their changes
 * must not move a number the other party reads.
 */
export async function reviseJointText(
  uow: UnitOfWork,
  programme: Pick<Row<'workProgrammes'>, 'id' | 'year' | 'version' | 'visibility'>,
): Promise<number> {
  assertPublishedKept('workProgramme', programme);
  await assertProgrammeOpen(uow.trx, programme);
  const version = programme.version + 1;
  await uow.trx
    .updateTable('workProgrammes')
    .set({ version })
    .where('id', '=', programme.id)
    .execute();
  return version;
}
