import type { OfficeStatus } from '../../../shared/vocabularies.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { endsBeforeStart } from '../council/council-status.ts';

/**
 * An office's life only moves forward, one step at a time: proposed -> agreed -> open ->
 * closed. Going back would rewrite what both parties already agreed or saw happen.
 */
export const NEXT_OFFICE_STATUS: Record<OfficeStatus, OfficeStatus | null> = {
  proposed: 'agreed',
  agreed: 'open',
  open: 'closed',
  closed: null,
};

/**
 * Who takes the step into each status. Agreement binds both parties, so it comes only from a
 * joint decision (`approves: office:<id>`) once every party has concurred; a secretary speaks
 * for one party and may only record what follows: the opening and the closing.
 */
export const STEP_TAKEN_BY: Record<OfficeStatus, 'creation' | 'joint-decision' | 'secretary'> = {
  proposed: 'creation',
  agreed: 'joint-decision',
  open: 'secretary',
  closed: 'secretary',
};

const ORDER: readonly OfficeStatus[] = ['proposed', 'agreed', 'open', 'closed'];

export const DATE_OF_STATUS = {
  proposed: 'proposedOn',
  agreed: 'agreedOn',
  open: 'openedOn',
  closed: 'closedOn',
} as const satisfies Record<OfficeStatus, string>;

export type OfficeDates = { [K in (typeof DATE_OF_STATUS)[OfficeStatus]]: string | null };

export interface OfficeState extends OfficeDates {
  status: OfficeStatus;
}

/**
 * The office after a secretary moves it to `target` on `on`: the step's date is set. Conflict
 * for any move but the next step (same status is no move at all) and for agreement, which only
 * a joint decision gives; ValidationFailed when `on` comes before the date of an earlier step.
 */
export function transitionOffice<O extends OfficeState>(
  office: O,
  target: OfficeStatus,
  on: string,
): O {
  if (target === office.status) return office;
  if (STEP_TAKEN_BY[target] === 'joint-decision' && NEXT_OFFICE_STATUS[office.status] === target) {
    throw new DomainError(
      'Conflict',
      `an office is ${target} only by both parties: approve it through a joint decision (approves: office:<id>)`,
      [{ field: 'status', message: 'agreed only through a joint decision approving the office' }],
    );
  }
  if (NEXT_OFFICE_STATUS[office.status] !== target) {
    const back = ORDER.indexOf(target) < ORDER.indexOf(office.status);
    throw new DomainError(
      'Conflict',
      back
        ? `an office cannot go back from ${office.status} to ${target}`
        : `an office that is ${office.status} must be ${NEXT_OFFICE_STATUS[office.status]} before ${target}`,
      [
        {
          field: 'status',
          message: 'moves one step forward: proposed -> agreed -> open -> closed',
        },
      ],
    );
  }
  const next = { ...office, status: target, [DATE_OF_STATUS[target]]: on };
  checkOfficeDates(next);
  return next;
}

/**
 * A stored office is consistent: no date for a step it has not reached, and the dates it has
 * in order (each compared at its own precision). ValidationFailed otherwise.
 */
export function checkOfficeDates(office: OfficeState): void {
  const reached = ORDER.indexOf(office.status);
  let previous: string | null = null;
  ORDER.forEach((status, index) => {
    const field = DATE_OF_STATUS[status];
    const date = office[field];
    if (date === null) return;
    if (index > reached) throw invalid(field, `an office that is ${office.status} has no ${field}`);
    if (previous !== null && endsBeforeStart({ startsOn: previous, endsOn: date })) {
      throw invalid(field, 'must not come before the date of an earlier step');
    }
    previous = date;
  });
}
