import type { CreateStrengthInput, StrengthRecord } from '../../../shared/operations.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertWithin, visibleTo } from '../access/visibility.policy.ts';
import { defaultWithin, visibilityOnCreate } from '../access/visibility-change.ts';
import { change } from '../changes/unit-of-work.ts';
import { cited } from '../sources/source-ref.ts';
import { findOperationRow } from './operations.repository.ts';

/** Records a peacekeeping operation (SFOR, KFOR). Needs manage-council. */
/**
 * Records a force's strength on a date: the whole force (contributor null) or one party's or
 * delegation's troops. Needs manage-council; NotFound for an unseen operation;
 * ValidationFailed for an unknown contributor; VisibilityTooWide when wider than the
 * operation or the contributor; AlreadyExists when the caller already sees a figure for
 * the same contributor and date.
 */
export async function addStrength(
  deps: Deps,
  actor: Actor,
  operationId: string,
  input: CreateStrengthInput,
): Promise<StrengthRecord> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async ({ trx, record }) => {
    const operation = await findOperationRow(trx, actor, operationId);
    const visible = visibilityOnCreate(
      user,
      defaultWithin(input.visibility, operation),
      operation.party,
    );
    assertWithin(visible, operation);
    const row: Row<'operationStrengths'> = {
      id: deps.ids(),
      operationId: operation.id,
      contributor: input.contributor,
      troops: input.troops,
      qualifier: input.qualifier ?? null,
      asOf: input.asOf,
      sourceId: null,
      ...visible,
    };
    let contributorName: string | null = null;
    if (input.contributor !== null) {
      const [party, delegation] = await Promise.all([
        trx
          .selectFrom('parties')
          .select(['name', 'visibility', 'party'])
          .where('id', '=', input.contributor)
          .where(visibleTo(actor, 'parties'))
          .executeTakeFirst(),
        trx
          .selectFrom('delegations')
          .select(['name', 'visibility', 'party'])
          .where('id', '=', input.contributor)
          .where(visibleTo(actor, 'delegations'))
          .executeTakeFirst(),
      ]);
      const found = party ?? delegation;
      if (!found) throw invalid('contributor', 'no such party or delegation');
      assertWithin(visible, found, 'contributor');
      contributorName = found.name;
    }
    await assertFirstFigure(trx, actor, row);
    await trx.insertInto('operationStrengths').values(row).execute();
    record({ entity: 'operationStrength', id: row.id, action: 'create', after: row });
    return {
      id: row.id,
      contributor: row.contributor,
      contributorName,
      troops: row.troops,
      qualifier: row.qualifier,
      asOf: row.asOf,
      ...cited(row),
      visibility: row.visibility,
    };
  });
}

/**
 * An operation has one figure per contributor and report date, among those the caller sees:
 * AlreadyExists otherwise. `figure` itself is left out, so a correction may keep its date.
 */
export async function assertFirstFigure(
  db: Executor,
  actor: Actor,
  figure: Pick<Row<'operationStrengths'>, 'id' | 'operationId' | 'contributor' | 'asOf'>,
): Promise<void> {
  const duplicate = await db
    .selectFrom('operationStrengths')
    .select('id')
    .where('operationId', '=', figure.operationId)
    .where('asOf', '=', figure.asOf)
    .where('id', '<>', figure.id)
    .where((eb) =>
      figure.contributor === null
        ? eb('contributor', 'is', null)
        : eb('contributor', '=', figure.contributor),
    )
    .where(visibleTo(actor, 'operationStrengths'))
    .executeTakeFirst();
  if (duplicate) {
    throw new DomainError('AlreadyExists', 'a figure for this contributor and date exists', [
      { field: 'asOf', message: 'already reported for this contributor' },
    ]);
  }
}
