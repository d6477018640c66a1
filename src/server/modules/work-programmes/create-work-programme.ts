import type {
  CreateWorkProgrammeInput,
  WorkProgrammeSummary,
} from '../../../shared/work-programmes.schemas.ts';
import type { NewRow } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { findProgramme, storedProgramme, toSummary } from './work-programme.repository.ts';

/**
 * Creates the work programme of a year (id `wp-<year>`): joint, public only once both parties
 * publish it.
 * Forbidden without manage-council; AlreadyExists (field `year`) when the year has one.
 */
export async function createWorkProgramme(
  deps: Deps,
  actor: Actor,
  input: CreateWorkProgrammeInput,
): Promise<WorkProgrammeSummary> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, at, record }) => {
    const row: NewRow<'workProgrammes'> = {
      id: `wp-${input.year}`,
      year: input.year,
      title: input.title,
      description: input.description ?? null,
      ...visibilityOnCreate(user, 'joint'),
      sourceId: null,
      createdAt: at,
      updatedAt: at,
    };
    const taken = await trx
      .selectFrom('workProgrammes')
      .select('id')
      .where((eb) => eb.or([eb('year', '=', input.year), eb('id', '=', row.id)]))
      .executeTakeFirst();
    if (taken) {
      throw new DomainError('AlreadyExists', `a work programme for ${input.year} already exists`, [
        { field: 'year', message: 'already has a work programme' },
      ]);
    }
    await trx.insertInto('workProgrammes').values(row).execute();
    const created = await findProgramme(trx, actor, input.year);
    record({
      entity: 'workProgramme',
      id: row.id,
      action: 'create',
      after: storedProgramme(created),
    });
    return toSummary(created);
  });
}
