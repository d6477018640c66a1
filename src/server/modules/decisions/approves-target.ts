import type { Approves } from '../../../shared/decisions.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { canSee } from '../access/visibility.policy.ts';

export type ApprovesTarget =
  | { kind: 'workProgramme'; row: Row<'workProgrammes'> }
  | { kind: 'office'; row: Row<'offices'> };

const unknownTarget = (kind: Approves['kind']) =>
  invalid('approves.id', `no such ${kind === 'office' ? 'office' : 'work programme'}`);

/**
 * What a decision would approve, by its typed reference: it must exist and be visible to the
 * proposer (a missing and a hidden target get the same answer), and not be approved already
 * (Conflict): an agreed decision approves it already, or the office has moved on.
 */
export async function resolveApproves(
  db: Executor,
  actor: Actor,
  approves: Approves,
): Promise<ApprovesTarget> {
  const agreed = await db
    .selectFrom('decisions')
    .select('id')
    .where('approvesKind', '=', approves.kind)
    .where('approvesId', '=', approves.id)
    .where('status', '=', 'agreed')
    .executeTakeFirst();
  if (approves.kind === 'workProgramme') {
    const row = await db
      .selectFrom('workProgrammes')
      .selectAll()
      .where('id', '=', approves.id)
      .executeTakeFirst();
    if (!row || !canSee(actor, row)) throw unknownTarget(approves.kind);
    if (agreed) {
      throw new DomainError('Conflict', `the ${row.year} work programme is already approved`, [
        { field: 'approves', message: 'already approved' },
      ]);
    }
    return { kind: 'workProgramme', row };
  }
  const row = await db
    .selectFrom('offices')
    .selectAll()
    .where('id', '=', approves.id)
    .executeTakeFirst();
  if (!row || !canSee(actor, row)) throw unknownTarget(approves.kind);
  if (row.status !== 'proposed') {
    throw new DomainError('Conflict', `office ${row.id} is ${row.status}, no longer proposed`, [
      { field: 'approves', message: 'only a proposed office can be approved' },
    ]);
  }
  return { kind: 'office', row };
}
