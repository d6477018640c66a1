import type { SetCoChairsInput } from '../../../shared/meetings.schemas.ts';
import { partialDateEnd, partialDateStart } from '../../../shared/partial-date.ts';
import type { CoChairRole } from '../../../shared/vocabularies.ts';
import type { FieldError } from '../../domain/errors.ts';

export interface PersonFact {
  delegationId: string | null;
}

export interface DelegationFact {
  party: string | null;
  countryCode: string | null;
  joinedOn: string | null;
  leftOn: string | null;
}

/** What the rules need to know; only people and delegations the caller can see are in it. */
export interface CoChairFacts {
  /** The meeting's partial ISO date. */
  date: string;
  people: ReadonlyMap<string, PersonFact>;
  delegations: ReadonlyMap<string, DelegationFact>;
}

export interface CoChairRow {
  role: CoChairRole;
  personId: string | null;
  delegationId: string | null;
}

/** Whether `a` is wholly before `b`: '1999-03' is not before '1999-03-12', which it may include. */
function isBefore(a: string, b: string): boolean {
  return partialDateEnd(a) < partialDateStart(b);
}

/** Was the delegation a member on the meeting's date, as far as the dates can tell. */
function isMemberOn(d: DelegationFact, date: string): boolean {
  if (d.joinedOn !== null && isBefore(date, d.joinedOn)) return false;
  if (d.leftOn !== null && !isBefore(date, d.leftOn)) return false;
  return true;
}

function partyOfPerson(personId: string, facts: CoChairFacts): string | null {
  const person = facts.people.get(personId);
  if (!person?.delegationId) return null;
  return facts.delegations.get(person.delegationId)?.party ?? null;
}

/**
 * The Founding Act's three co-chairs: the NATO Secretary General, a representative of one
 * NATO member state chosen in rotation, and a representative of Russia. Returns every
 * problem of a proposed set as field errors; people without a known delegation are given
 * the benefit of the doubt.
 */
export function coChairProblems(input: SetCoChairsInput, facts: CoChairFacts): FieldError[] {
  const problems: FieldError[] = [];
  const person = (field: string, id: string, side: string) => {
    if (!facts.people.has(id)) {
      problems.push({ field, message: `no person ${id}` });
      return;
    }
    const party = partyOfPerson(id, facts);
    if (party !== null && party !== side) {
      problems.push({ field, message: `must be on the ${side} side, not ${party}` });
    }
  };
  if (input.secretaryGeneral !== undefined) {
    person('secretaryGeneral', input.secretaryGeneral, 'nato');
  }
  if (input.russia !== undefined) person('russia', input.russia, 'russia');
  if (input.rotating !== undefined) {
    const { delegationId, personId } = input.rotating;
    const delegation = facts.delegations.get(delegationId);
    if (!delegation) {
      problems.push({
        field: 'rotating.delegationId',
        message: `no delegation ${delegationId}`,
      });
    } else if (delegation.party !== 'nato' || delegation.countryCode === null) {
      problems.push({
        field: 'rotating.delegationId',
        message: 'must be the delegation of a NATO member state',
      });
    } else if (!isMemberOn(delegation, facts.date)) {
      problems.push({
        field: 'rotating.delegationId',
        message: `was not a NATO member on ${facts.date}`,
      });
    }
    if (personId !== undefined) {
      const rep = facts.people.get(personId);
      if (!rep) {
        problems.push({ field: 'rotating.personId', message: `no person ${personId}` });
      } else if (rep.delegationId !== null && rep.delegationId !== delegationId) {
        problems.push({
          field: 'rotating.personId',
          message: `belongs to ${rep.delegationId}, not ${delegationId}`,
        });
      }
    }
  }
  const chosen = [input.secretaryGeneral, input.rotating?.personId, input.russia].filter(
    (id): id is string => id !== undefined,
  );
  if (new Set(chosen).size !== chosen.length) {
    problems.push({ field: '', in: 'body', message: 'one person cannot hold two co-chairs' });
  }
  return problems;
}

/** The rows a valid set becomes; roles left out have no co-chair. */
export function coChairRowsOf(input: SetCoChairsInput): CoChairRow[] {
  const rows: CoChairRow[] = [];
  if (input.secretaryGeneral !== undefined) {
    rows.push({ role: 'secretary-general', personId: input.secretaryGeneral, delegationId: null });
  }
  if (input.rotating !== undefined) {
    rows.push({
      role: 'rotating',
      personId: input.rotating.personId ?? null,
      delegationId: input.rotating.delegationId,
    });
  }
  if (input.russia !== undefined) {
    rows.push({ role: 'russia', personId: input.russia, delegationId: null });
  }
  return rows;
}
