import type { Row } from '../../db/schema.ts';
import type { UserActor } from '../access/actor.ts';
import { assertReferenceFits } from '../access/visibility.policy.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { asTabled } from './text-editing.ts';
import { checkMarking } from './text-input.ts';
import { contentOf } from './texts.repository.ts';

/**
 * The joint text a party's caucus draft becomes when it goes before the other party (tabled
 * for negotiation, or issued as a chair's statement): a text with an id, a version 1 and a
 * history of its own, holding only the version read with the caucus's reasons and times taken
 * out, so that nothing of the caucus drafting (how many drafts, by whom, when, the statements
 * and agreements made inside the caucus) reaches the other party. It may not name a caucus
 * meeting or decision, nor carry a marking the joint council does not use. The draft keeps a
 * link to it, seen by its own party only. Answers the joint row, written and recorded.
 */
export async function makeJointCopy(
  uow: UnitOfWork,
  newId: () => string,
  user: UserActor,
  draft: Row<'texts'>,
  state: Row<'texts'>['state'],
  summary: string,
): Promise<Row<'texts'>> {
  const { trx, at, record } = uow;
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
  const content = asTabled(await contentOf(trx, draft.id, draft.version), at);
  const joint: Row<'texts'> = {
    ...draft,
    id: newId(),
    state,
    version: 1,
    tabledAs: null,
    visibility: 'joint',
    party: user.party,
    reconstructed: 0,
    createdAt: at,
    updatedAt: at,
  };
  await trx.insertInto('texts').values(joint).execute();
  await trx
    .insertInto('textVersions')
    .values({
      textId: joint.id,
      version: 1,
      content: JSON.stringify(content),
      at,
      byParty: user.party,
      userId: user.userId,
      summary,
      visibility: 'joint',
      party: user.party,
    })
    .execute();
  record({ entity: 'text', id: joint.id, action: 'create', after: joint });
  const after: Row<'texts'> = { ...draft, state: 'tabled', tabledAs: joint.id, updatedAt: at };
  await trx
    .updateTable('texts')
    .set({ state: 'tabled', tabledAs: joint.id, updatedAt: at })
    .where('id', '=', draft.id)
    .execute();
  record({ entity: 'text', id: draft.id, action: 'table', before: draft, after });
  return joint;
}
