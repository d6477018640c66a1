import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertReferenceFits } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { asTabled } from './text-editing.ts';
import { checkMarking } from './text-input.ts';
import { assertStep } from './text-states.policy.ts';
import { contentOf, findTextRow } from './texts.repository.ts';

/**
 * Tables a party's caucus draft for negotiation (manage-council): a joint text is made from the
 * version read, with an id, version numbers and history of its own, so that nothing of the
 * caucus drafting (how many drafts, by whom, when) reaches the other party. The draft keeps a
 * link to the joint text, seen by its own party only. Answers the joint text.
 */
export async function tableText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput & { version?: number | undefined },
): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const draft = await findTextRow(trx, actor, id);
    assertStep(draft.state, 'table');
    assertCurrentVersion('text', draft.version, input.version);
    await checkMarking(
      trx,
      draft.classification,
      draft.releasableTo === null ? null : (JSON.parse(draft.releasableTo) as string[]),
      'joint',
    );
    if (draft.refKind && draft.refId) {
      const ref = await trx
        .selectFrom(draft.refKind === 'meeting' ? 'meetings' : 'decisions')
        .select(['visibility', 'party'])
        .where('id', '=', draft.refId)
        .executeTakeFirst();
      // A joint text may not name the caucus meeting it was prepared in.
      if (ref) assertReferenceFits({ visibility: 'joint', party: user.party }, ref, 'ref');
    }
    const content = asTabled(await contentOf(trx, id, draft.version), at);
    const tabled: Row<'texts'> = {
      ...draft,
      id: deps.ids(),
      state: 'tabled',
      version: 1,
      tabledAs: null,
      visibility: 'joint',
      party: user.party,
      reconstructed: 0,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('texts').values(tabled).execute();
    await trx
      .insertInto('textVersions')
      .values({
        textId: tabled.id,
        version: 1,
        content: JSON.stringify(content),
        at,
        byParty: user.party,
        userId: user.userId,
        summary: 'tabled',
        visibility: 'joint',
        party: user.party,
      })
      .execute();
    record({ entity: 'text', id: tabled.id, action: 'create', after: tabled });
    const after: Row<'texts'> = { ...draft, state: 'tabled', tabledAs: tabled.id, updatedAt: at };
    await trx
      .updateTable('texts')
      .set({ state: 'tabled', tabledAs: tabled.id, updatedAt: at })
      .where('id', '=', id)
      .execute();
    record({ entity: 'text', id, action: 'table', before: draft, after });
    return getText(trx, actor, tabled.id);
  });
}
