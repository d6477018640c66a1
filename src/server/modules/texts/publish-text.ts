import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import { PUBLIC_MARKING } from '../../../shared/vocabularies.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import {
  clearPublicationRequests,
  requestPublication,
} from '../publication/publication-requests.ts';
import { getText } from './text.view.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * The caller's party asks to publish the adopted version it read (manage-council;
 * VersionRequired, StaleVersion). A joint text is both parties' own: it becomes public, marked
 * PUBLIC DISCLOSED, only once every party has asked for the same version. A chair's statement
 * is its chair's party's alone, so that party publishes it alone: the version issued, not the
 * negotiation before it. Publishing a published text again changes nothing.
 */
export async function publishText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const before = await findTextRow(trx, actor, id);
    if (before.state === 'published') return getText(trx, actor, id);
    assertStep(before.state, 'publish');
    assertCurrentVersion('text', before.version, input.version);
    let everyPartyAsked: boolean;
    if (before.chairParty !== null) {
      requireOwnParty(user, before.chairParty, 'text');
      everyPartyAsked = true;
    } else {
      ({ everyPartyAsked } = await requestPublication(uow, user, {
        entity: 'text',
        id,
        version: before.version,
        scope: before,
      }));
    }
    if (everyPartyAsked) {
      const after: Row<'texts'> = {
        ...before,
        state: 'published',
        visibility: 'public',
        classification: PUBLIC_MARKING,
        releasableTo: null,
        publishedAt: at,
        updatedAt: at,
      };
      const { id: _id, createdAt: _c, ...columns } = after;
      await trx.updateTable('texts').set(columns).where('id', '=', id).execute();
      // Published by its chair's party alone, a chair's statement negotiated jointly makes
      // public what that party may publish alone: the version issued and its own acts. The
      // versions before it hold the other party's alternatives and reasons, which the other
      // party never agreed to publish (the review read them anonymously).
      const alone = before.visibility === 'joint' ? before.chairParty : null;
      await trx
        .updateTable('textVersions')
        .set({ visibility: 'public' })
        .where('textId', '=', id)
        .$if(alone !== null, (q) => q.where('version', '=', before.version))
        .execute();
      for (const table of ['textAgreements', 'textStatements'] as const) {
        await trx
          .updateTable(table)
          .set({ visibility: 'public' })
          .where('textId', '=', id)
          .$if(alone !== null, (q) => q.where('byParty', '=', alone ?? ''))
          .execute();
      }
      await clearPublicationRequests(uow, 'text', id);
      uow.record({ entity: 'text', id, action: 'publish', before, after });
    }
    return getText(trx, actor, id);
  });
}
