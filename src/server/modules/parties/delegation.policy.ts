import { invalid } from '../../domain/errors.ts';
import { endsBeforeStart } from '../council/council-status.ts';

/** A delegation leaves the council no earlier than it joined (each date at its precision). */
export function checkDelegationDates(row: {
  joinedOn: string | null;
  leftOn: string | null;
}): void {
  if (row.joinedOn !== null && endsBeforeStart({ startsOn: row.joinedOn, endsOn: row.leftOn })) {
    throw invalid('leftOn', 'must not come before joinedOn');
  }
}
