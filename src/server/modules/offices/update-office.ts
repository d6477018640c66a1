import type { Office, UpdateOfficeInput } from '../../../shared/offices.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { widenVisibility } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { assertNotPublishedAlone, assertPublishedKept } from '../publication/publication.policy.ts';
import { transitionOffice } from './office-status.ts';
import { findOfficeRow, getOffice } from './offices.repository.ts';

/** What the parties agree to when a decision approves an office. */
const AGREED_CONTENT = [
  'name',
  'kind',
  'location',
  'establishedBy',
] as const satisfies readonly (keyof Row<'offices'>)[];

/**
 * Whether the parties have already agreed to the office's content, or begun to: it is agreed
 * (or further along), or a party has answered a decision approving it. Its name, kind,
 * location and instrument are then what was agreed and stay as they are.
 */
async function agreementOnRecord(db: Executor, office: Row<'offices'>): Promise<string | null> {
  if (office.status !== 'proposed') return `the office is ${office.status}`;
  const answered = await db
    .selectFrom('decisions')
    .innerJoin('decisionResponses', 'decisionResponses.decisionId', 'decisions.id')
    .select('decisionResponses.party')
    .where('decisions.approvesKind', '=', 'office')
    .where('decisions.approvesId', '=', office.id)
    .where('decisions.status', '=', 'proposed')
    .executeTakeFirst();
  return answered ? `${answered.party} has answered the decision approving it` : null;
}

/**
 * Changes an office; a status change moves one step forward and dates it (`on`, today by
 * default). A secretary opens and closes an office; agreeing it is a joint decision. A change
 * of name, kind, location or instrument moves the office's version on (so a chair who read
 * the decision approving it must read it again) and is refused once anything of it is agreed
 * (AlreadyAgreed), as it is once public (assertPublishedKept). Needs manage-council; NotFound for an unseen office; Conflict for a step
 * back, a skipped step, proposed -> agreed, or a narrowing of visibility; NeedsBothParties for
 * a widening to public.
 */
export async function updateOffice(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateOfficeInput,
): Promise<Office> {
  requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const before = await findOfficeRow(trx, actor, id);
    assertNotPublishedAlone('office', input.visibility, before.visibility);
    const edited: Row<'offices'> = {
      ...before,
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      location: input.location === undefined ? before.location : input.location,
      establishedBy: input.establishedBy === undefined ? before.establishedBy : input.establishedBy,
      ...widenVisibility(before, input.visibility),
      updatedAt: at,
    };
    const changed = AGREED_CONTENT.filter((field) => edited[field] !== before[field]);
    assertPublishedKept('office', before, changed);
    if (changed.length > 0) {
      const agreed = await agreementOnRecord(trx, before);
      if (agreed !== null) {
        throw new DomainError(
          'AlreadyAgreed',
          `${agreed}: its name, kind, location and instrument are what both parties agreed to`,
        );
      }
      edited.version = before.version + 1;
    }
    const after = input.status
      ? transitionOffice(edited, input.status, input.on ?? at.slice(0, 10))
      : edited;
    const { id: _key, createdAt: _created, ...changes } = after;
    await trx.updateTable('offices').set(changes).where('id', '=', id).execute();
    const action =
      after.status === before.status ? 'update' : after.status === 'open' ? 'open' : 'close';
    record({ entity: 'office', id, action, before, after });
    return getOffice(trx, actor, id);
  });
}
