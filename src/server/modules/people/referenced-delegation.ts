import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertWithin, type Visible, visibleTo } from '../access/visibility.policy.ts';

/**
 * The delegation an item names. Unknown and unseen delegations answer alike; an item may not
 * name a delegation narrower than itself, or its readers would learn of a hidden one.
 */
export async function referencedDelegation(
  trx: Transaction<Database>,
  actor: Actor,
  delegationId: string,
  item: Visible,
) {
  const delegation = await trx
    .selectFrom('delegations')
    .select(['id', 'party', 'visibility'])
    .where('id', '=', delegationId)
    .where(visibleTo(actor, 'delegations'))
    .executeTakeFirst();
  if (!delegation) throw invalid('delegationId', 'no such delegation');
  assertWithin(item, delegation, 'delegationId');
  return delegation;
}
