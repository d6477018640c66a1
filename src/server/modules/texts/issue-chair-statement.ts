import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { adoptText } from './adopt-text.ts';
import { makeJointCopy } from './joint-copy.ts';
import { getText } from './text.view.ts';
import { assertReady } from './text-agreements.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * A chair issues a chair's statement on its own authority (respond-to-decisions): a text of
 * kind `chair-statement` drafted in its party's caucus (issued as a joint text of its own, see
 * `makeJointCopy`) or tabled by its party. It takes its number, says on its face whose chair issued it, and counts as agreed by no
 * other party: no concurrence of the other side is recorded or implied.
 */
export async function issueChairStatement(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  const chair = requirePermission(actor, 'respond-to-decisions');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    if (text.kind !== 'chair-statement') {
      throw new DomainError(
        'Conflict',
        'only a text of kind chair-statement is issued by a chair alone',
        [{ field: 'kind', message: 'a joint text is adopted by both parties' }],
      );
    }
    requireOwnParty(chair, text.party, 'text');
    assertStep(text.state, 'issue');
    assertCurrentVersion('text', text.version, input.version);
    await assertReady(uow, text);
    // A statement drafted in the caucus goes out as a joint text of its own, as a tabled one
    // does: the other party learns the statement, never the drafting, the caucus's statements
    // or agreements, or the caucus meeting it names.
    const issued =
      text.visibility === 'caucus'
        ? await makeJointCopy(uow, deps.ids, chair, text, text.state, 'issued')
        : text;
    await adoptText(
      uow,
      issued,
      { kind: 'chair-statement', issuedBy: chair.party },
      uow.at,
      'adopted',
      {
        chairParty: chair.party,
      },
    );
    return getText(uow.trx, actor, issued.id);
  });
}
