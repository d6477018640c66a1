import type { JointMarkingCeilingInput, Party } from '../../../shared/parties.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { hasUserClearedTo } from '../auth/users.repository.ts';
import { change } from '../changes/unit-of-work.ts';
import { findPartyRow, getParty } from './parties.repository.ts';

/**
 * A party admin declares the highest marking its party accepts on the texts both parties
 * share (manage-users, own party: Forbidden, NotYourParty). A joint text is marked at most the
 * lowest ceiling (texts/text-input.ts), so the other party learns what this party declared and
 * nothing of its users. The declaration must be one the party can honour: some enabled user of
 * its own is cleared to it (ValidationFailed otherwise, its own users only). It is never lowered
 * below the marking of a text the parties already share (Conflict naming how many: re-mark them
 * first), which would leave that text unreadable to the party while it counts as the party's.
 * Recorded for both parties (joint), not for the public.
 */
export async function setJointMarkingCeiling(
  deps: Deps,
  actor: Actor,
  partyId: string,
  input: JointMarkingCeilingInput,
): Promise<Party> {
  const user = requirePermission(actor, 'manage-users');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findPartyRow(trx, actor, partyId);
    requireOwnParty(user, before.id, 'its joint marking ceiling');
    const marking = await trx
      .selectFrom('classifications')
      .select(['id', 'rank', 'name'])
      .where('id', '=', input.classification)
      .executeTakeFirst();
    if (!marking) throw invalid('classification', 'not a marking of the council’s scheme');
    const { cleared } = await trx
      .selectFrom('parties')
      .select(hasUserClearedTo(before.id, marking.rank).as('cleared'))
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    if (!cleared) {
      throw invalid(
        'classification',
        `no enabled user of ${before.id} is cleared for ${marking.name}`,
      );
    }
    const shared = await trx
      .selectFrom('texts')
      .innerJoin('classifications', 'classifications.id', 'texts.classification')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('texts.visibility', '<>', 'caucus')
      .where('texts.state', '<>', 'withdrawn')
      .where('classifications.rank', '>', marking.rank)
      .executeTakeFirstOrThrow();
    if (Number(shared.count) > 0) {
      throw new DomainError(
        'Conflict',
        `${shared.count} text(s) the parties share are marked above ${marking.name}: re-mark them first`,
        [
          {
            field: 'classification',
            message: `below the marking of ${shared.count} shared text(s)`,
          },
        ],
      );
    }
    const after = { ...before, jointMarkingCeiling: marking.id, updatedAt: at };
    await trx
      .updateTable('parties')
      .set({ jointMarkingCeiling: marking.id, updatedAt: at })
      .where('id', '=', before.id)
      .execute();
    record({
      entity: 'party',
      id: before.id,
      action: 'set-joint-marking-ceiling',
      before,
      after,
      scope: { visibility: 'joint', party: null },
    });
    return getParty({ ...deps, db: trx }, actor, before.id);
  });
}
