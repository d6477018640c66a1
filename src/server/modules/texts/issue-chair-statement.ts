import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requireOwnParty, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { adoptText } from './adopt-text.ts';
import { getText } from './text.view.ts';
import { assertReady } from './text-agreements.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * A chair issues a chair's statement on its own authority (respond-to-decisions): a text of
 * kind `chair-statement` drafted in its party's caucus or tabled by its party. It becomes
 * joint, takes its number, says on its face whose chair issued it, and counts as agreed by no
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
    const joint = { visibility: 'joint' as const, party: chair.party, chairParty: chair.party };
    if (text.visibility === 'caucus') {
      // Issuing makes the statement known to the other party; its caucus history stays behind.
      for (const table of ['textVersions', 'textAgreements', 'textStatements'] as const) {
        await uow.trx
          .updateTable(table)
          .set({ visibility: 'joint' })
          .where('textId', '=', id)
          .execute();
      }
    }
    await adoptText(
      uow,
      text,
      { kind: 'chair-statement', issuedBy: chair.party },
      uow.at,
      'adopted',
      joint,
    );
    return getText(uow.trx, actor, id);
  });
}
