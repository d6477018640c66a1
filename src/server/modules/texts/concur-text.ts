import type { Text, VersionedInput } from '../../../shared/texts.schemas.ts';
import type { Deps } from '../../deps.ts';
import { assertCurrentVersion } from '../../domain/versions.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { adoptText } from './adopt-text.ts';
import { getText } from './text.view.ts';
import { agree, assertReady } from './text-agreements.ts';
import { assertStep } from './text-states.policy.ts';
import { findTextRow } from './texts.repository.ts';

/**
 * A chair concurs, for its own party, in the version of a text it read (respond-to-decisions;
 * VersionRequired, StaleVersion). When the chair of every party has concurred in the same clean
 * and aligned version, the text is adopted: it takes its number and its adoption record.
 * Conflict while a bracket is left or a language version is incomplete.
 */
export async function concurInText(
  deps: Deps,
  actor: Actor,
  id: string,
  input: VersionedInput,
): Promise<Text> {
  const chair = requirePermission(actor, 'respond-to-decisions');
  return change(deps, actor, async (uow) => {
    const text = await findTextRow(uow.trx, actor, id);
    assertStep(text.state, 'concur');
    assertCurrentVersion('text', text.version, input.version);
    await assertReady(uow, text);
    const everyParty = await agree(uow, chair, text, 'concur');
    uow.record({
      entity: 'text',
      id,
      action: 'concur',
      scope: text,
      audit: { after: { party: chair.party, version: text.version } },
    });
    if (everyParty) {
      const concurrences = await uow.trx
        .selectFrom('textAgreements')
        .select(['byParty', 'version', 'at'])
        .where('textId', '=', id)
        .where('kind', '=', 'concur')
        .where('version', '=', text.version)
        .orderBy('byParty')
        .execute();
      await adoptText(
        uow,
        text,
        {
          kind: 'concurrence',
          concurrences: concurrences.map((c) => ({
            party: c.byParty,
            version: c.version,
            at: c.at,
          })),
        },
        uow.at,
      );
    }
    return getText(uow.trx, actor, id);
  });
}
