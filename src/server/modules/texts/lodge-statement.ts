import type { LodgeStatementInput, Text } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { can, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * The caller's party lodges an interpretative statement or a reservation on a text agreed ad
 * referendum or under silence (manage-council or respond-to-decisions): a party's own
 * declaration, attached to the adoption record and read by whoever reads the text. It does not
 * change the wording, so it makes no new version.
 */
export async function lodgeStatement(
  deps: Deps,
  actor: Actor,
  id: string,
  input: LodgeStatementInput,
): Promise<Text> {
  // A party speaks through its secretariat or its chair.
  const user = requirePermission(
    actor,
    can(actor, 'respond-to-decisions') ? 'respond-to-decisions' : 'manage-council',
  );
  return change(deps, actor, async (uow) => {
    const { trx, at } = uow;
    const text = await findTextRow(trx, actor, id);
    assertStep(text.state, 'lodge-statement');
    const statement = {
      id: deps.ids(),
      textId: id,
      kind: input.kind,
      byParty: user.party,
      text: input.text,
      userId: user.userId,
      at,
      visibility: text.visibility,
      party: text.party,
    };
    await trx.insertInto('textStatements').values(statement).execute();
    uow.record({
      entity: 'text',
      id,
      action: 'lodge-statement',
      scope: text,
      audit: { after: { statement: statement.id, kind: input.kind, party: user.party } },
    });
    return getText(trx, actor, id);
  });
}
