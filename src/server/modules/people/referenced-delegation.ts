import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertWithin, type Visible, visibleTo } from '../access/visibility.policy.ts';

/**
 * The delegation an item names. Unknown and unseen delegations answer alike; an item may not
 * name a delegation narrower than itself, or its readers would learn of a hidden one; and a
 * person (or post) of one party sits only in that party's delegations (`party`, when given).
 */
export async function referencedDelegation(
  trx: Transaction<Database>,
  actor: Actor,
  delegationId: string,
  item: Visible,
  party?: string | null,
) {
  const delegation = await trx
    .selectFrom('delegations')
    .select(['id', 'party', 'visibility'])
    .where('id', '=', delegationId)
    .where(visibleTo(actor, 'delegations'))
    .executeTakeFirst();
  if (!delegation) throw invalid('delegationId', 'no such delegation');
  assertWithin(item, delegation, 'delegationId');
  if (party !== undefined && party !== null && delegation.party !== party) {
    throw invalid('delegationId', `a ${party} person sits in ${party} delegations only`);
  }
  return delegation;
}
