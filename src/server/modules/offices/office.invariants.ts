import { DomainError } from '../../domain/errors.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';
import { checkOfficeDates } from './office-status.ts';

/**
 * An office's dates fit its status (checkOfficeDates). Agreement binds both parties, so an
 * office the council created (its trail opens with `office.create`, and it starts proposed)
 * moves past proposed only when a joint decision approving it is agreed (STEP_TAKEN_BY); the
 * offices of the reference record were loaded with the status their sources give and may have
 * no decision on record. Conversely an agreed decision approving an office has agreed it.
 */
export const OFFICE_INVARIANTS: readonly Invariant[] = [
  {
    name: 'offices.dates',
    check: async (db) => {
      const offices = await db.selectFrom('offices').selectAll().orderBy('id').execute();
      const found: Violation[] = [];
      for (const office of offices) {
        try {
          checkOfficeDates(office);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const [first] = error.errors ?? [];
          found.push(
            violation(
              'offices',
              office.id,
              first ? `${first.field}: ${first.message}` : error.message,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'offices.agreed-jointly',
    check: async (db) => {
      const offices = await db
        .selectFrom('offices')
        .select(['id', 'status'])
        .orderBy('id')
        .execute();
      const approved = new Set(
        (
          await db
            .selectFrom('decisions')
            .select('approvesId')
            .where('approvesKind', '=', 'office')
            .where('status', '=', 'agreed')
            .execute()
        ).map((d) => d.approvesId),
      );
      const created = new Set(
        (
          await db
            .selectFrom('auditEvents')
            .select('entityId')
            .where('entityType', '=', 'office')
            .where('action', '=', 'office.create')
            .execute()
        ).map((e) => e.entityId),
      );
      const found: Violation[] = [];
      for (const office of offices) {
        if (office.status === 'proposed' && approved.has(office.id)) {
          found.push(
            violation('offices', office.id, 'is proposed, but an agreed decision approves it'),
          );
        }
        if (office.status !== 'proposed' && created.has(office.id) && !approved.has(office.id)) {
          found.push(
            violation(
              'offices',
              office.id,
              `is ${office.status}, but no agreed decision approves it: an office is agreed only by both parties`,
            ),
          );
        }
      }
      return found;
    },
  },
];
