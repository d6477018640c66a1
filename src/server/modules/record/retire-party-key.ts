import type { PartyKey } from '../../../shared/record.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { findKey, requireParty, toPartyKey } from './keys.repository.ts';
import { keyPayload } from './record-log.ts';

/**
 * A party admin retires one of its party's keys (manage-users, own party; NotFound): it signs
 * nothing from now on, and what it signed before stays valid. A key the server held loses its
 * private part. Retiring is a record event; retiring a retired key changes nothing.
 */
export async function retirePartyKey(
  deps: Deps,
  actor: Actor,
  party: string,
  keyId: string,
): Promise<PartyKey> {
  const user = requirePermission(actor, 'manage-users');
  await requireParty(deps.db, party);
  requireOwnParty(user, party, 'keys');
  return change(deps, actor, async (uow) => {
    const before = await findKey(uow.trx, keyId);
    if (!before || before.party !== party) throw notFound('key');
    if (before.retiredAt !== null) return toPartyKey(before);
    const after: Row<'partyKeys'> = { ...before, retiredAt: uow.at, privateKey: null };
    await uow.trx
      .updateTable('partyKeys')
      .set({ retiredAt: after.retiredAt, privateKey: null })
      .where('id', '=', keyId)
      .execute();
    uow.record({
      entity: 'partyKey',
      id: keyId,
      action: 'retire',
      before,
      after,
      scope: { visibility: 'public', party: null },
      audit: { before: keyPayload(before), after: keyPayload(after) },
    });
    return toPartyKey(after);
  });
}
