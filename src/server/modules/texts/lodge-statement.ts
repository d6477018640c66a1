import type { LodgeStatementInput, Text } from '../../../shared/texts.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { can, requirePermission } from '../access/roles.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { saveVersion } from './save-version.ts';
import { MIN_JOINT_SILENCE_MS } from './silence.policy.ts';
import { getText } from './text.view.ts';
import { notifyReaders } from './text-notifications.ts';
import { assertStep } from './text-states.policy.ts';
import { contentOf, findTextRow } from './texts.repository.ts';

/**
 * A statement goes into the record both parties sign, so the other party must be able to
 * answer it: lodged before any chair has concurred (the concurrence was given to the record
 * as it then stood), and under silence while a day of it is left (to break silence over it).
 */
async function assertStatementInTime(trx: Executor, text: Row<'texts'>, at: string): Promise<void> {
  if (text.state === 'ad-ref') {
    const concurred = await trx
      .selectFrom('textAgreements')
      .select('byParty')
      .where('textId', '=', text.id)
      .where('kind', '=', 'concur')
      .where('version', '=', text.version)
      .executeTakeFirst();
    if (concurred) {
      throw new DomainError(
        'Conflict',
        'a chair has concurred: its concurrence named the record without this statement',
        [{ field: 'state', message: 'lodge statements before any chair concurs' }],
      );
    }
  }
  if (
    text.state === 'under-silence' &&
    text.visibility !== 'caucus' &&
    text.silenceDeadline !== null &&
    Date.parse(text.silenceDeadline) - Date.parse(at) < MIN_JOINT_SILENCE_MS
  ) {
    throw new DomainError(
      'Conflict',
      'less than a day of silence is left: the other party could not answer it',
      [
        {
          field: 'silence.deadline',
          message: 'lodge statements at least 24 hours before the deadline',
        },
      ],
    );
  }
}

/**
 * The caller's party lodges an interpretative statement or a reservation on a text agreed ad
 * referendum or under silence (manage-council or respond-to-decisions): a party's own
 * declaration, attached to the adoption record and read by whoever reads the text. Agreed ad
 * referendum, it makes a new version of the same wording: a chair concurs in the version it
 * read, and that version must hold the statements it read, or a reservation lodged between
 * the reading and the concurrence would go into a record the chair never saw (the review
 * found so). Under silence the text keeps its version: no one concurs, and a statement comes
 * while a day is left to break silence over it.
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
    await assertStatementInTime(trx, text, at);
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
    const audit = { after: { statement: statement.id, kind: input.kind, party: user.party } };
    const lodged = `${user.party} lodged ${input.kind === 'reservation' ? 'a reservation' : 'an interpretative statement'}`;
    if (text.state === 'ad-ref') {
      await saveVersion(
        uow,
        text,
        await contentOf(trx, id, text.version),
        lodged,
        'lodge-statement',
        {},
        audit,
      );
    } else {
      uow.record({ entity: 'text', id, action: 'lodge-statement', scope: text, audit });
    }
    // Every reader learns of it at once: the other party signs the record it goes into.
    await notifyReaders(uow, text, 'statement-lodged', `${lodged} on "${text.title}"`);
    return getText(trx, actor, id);
  });
}
