import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { canSee } from '../access/visibility.policy.ts';
import { isProgrammeApproved } from '../work-programmes/work-programme.queries.ts';

export type ApprovesTarget =
  | { kind: 'work-programme'; year: number; row: Row<'workProgrammes'> }
  | { kind: 'office'; id: string; row: Row<'offices'> };

const unknownTarget = () => invalid('body.approves', 'no such work programme or office');

/**
 * What a decision would approve: it must exist and be visible to the proposer (a missing and
 * a hidden target get the same answer), and not be approved already (Conflict).
 */
export async function resolveApproves(
  db: Executor,
  actor: Actor,
  approves: string,
): Promise<ApprovesTarget> {
  const programme = /^work-programme:(\d{4})$/.exec(approves);
  if (programme?.[1]) {
    const year = Number(programme[1]);
    const row = await db
      .selectFrom('workProgrammes')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirst();
    if (!row || !canSee(actor, row)) throw unknownTarget();
    if (await isProgrammeApproved(db, year)) {
      throw new DomainError('Conflict', `the ${year} work programme is already approved`, [
        { field: 'body.approves', message: 'already approved' },
      ]);
    }
    return { kind: 'work-programme', year, row };
  }
  const office = /^office:(.+)$/.exec(approves);
  if (office?.[1]) {
    const id = office[1];
    const row = await db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !canSee(actor, row)) throw unknownTarget();
    if (row.status !== 'proposed') {
      throw new DomainError('Conflict', `office ${id} is ${row.status}, no longer proposed`, [
        { field: 'body.approves', message: 'only a proposed office can be approved' },
      ]);
    }
    return { kind: 'office', id, row };
  }
  throw unknownTarget();
}
