import type {
  CreateWorkProgrammeInput,
  WorkProgrammeSummary,
} from '../../../shared/work-programmes.schemas.ts';
import type { Row } from '../../db/schema.ts';
import { type Deps, nowIso } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { visibilityOnCreate } from '../access/visibility-change.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { searchDocumentOf } from '../search/search-documents.ts';
import { indexDocument } from '../search/search-index.ts';
import { findProgramme, toSummary } from './work-programme.queries.ts';

/**
 * Creates the work programme of a year (id `wp-<year>`, joint unless said otherwise).
 * Forbidden without manage-council; AlreadyExists (field `year`) when the year has one.
 */
export async function createWorkProgramme(
  deps: Deps,
  actor: Actor,
  input: CreateWorkProgrammeInput,
): Promise<WorkProgrammeSummary> {
  const user = requirePermission(actor, 'manage-council');
  const at = nowIso(deps);
  const row: Row<'workProgrammes'> = {
    id: `wp-${input.year}`,
    year: input.year,
    title: input.title,
    description: input.description ?? null,
    ...visibilityOnCreate(user, input.visibility),
    sourceId: null,
    createdAt: at,
    updatedAt: at,
  };
  return deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('workProgrammes')
      .select('id')
      .where((eb) => eb.or([eb('year', '=', input.year), eb('id', '=', row.id)]))
      .executeTakeFirst();
    if (taken) {
      throw new DomainError('AlreadyExists', `a work programme for ${input.year} already exists`, [
        { field: 'body.year', message: 'already has a work programme' },
      ]);
    }
    await trx.insertInto('workProgrammes').values(row).execute();
    await recordAudit(trx, {
      actor,
      at,
      action: 'workProgramme.create',
      entityType: 'workProgramme',
      entityId: row.id,
      visibility: row.visibility,
      party: row.party,
      after: row,
    });
    await indexDocument(trx, searchDocumentOf('workProgramme', row));
    return toSummary(await findProgramme(trx, actor, input.year));
  });
}
