import { describe, expect, it } from 'vitest';
import type { OfficeStatus } from '../../../shared/vocabularies.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkOfficeDates, type OfficeState, transitionOffice } from './office-status.ts';

const office = (status: OfficeStatus, dates: Partial<OfficeState> = {}): OfficeState => ({
  status,
  proposedOn: null,
  agreedOn: null,
  openedOn: null,
  closedOn: null,
  ...dates,
});

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
}

describe('office status transitions', () => {
  it.each<[OfficeStatus, OfficeStatus, string | null]>([
    ['proposed', 'agreed', 'Conflict'],
    ['agreed', 'open', null],
    ['open', 'closed', null],
    ['proposed', 'proposed', null],
    ['proposed', 'open', 'Conflict'],
    ['proposed', 'closed', 'Conflict'],
    ['agreed', 'proposed', 'Conflict'],
    ['open', 'agreed', 'Conflict'],
    ['closed', 'open', 'Conflict'],
    ['closed', 'proposed', 'Conflict'],
  ])('%s -> %s: %s', (from, to, code) => {
    expect(codeOf(() => transitionOffice(office(from), to, '2001-02-20'))).toBe(code);
  });

  it('sends agreement to a joint decision: a secretary cannot agree for both parties', () => {
    expect(() => transitionOffice(office('proposed'), 'agreed', '2001-02-20')).toThrow(
      /joint decision/,
    );
  });

  it('sets the date of the step taken: opening sets openedOn', () => {
    const agreed = office('agreed', { agreedOn: '2000-12-15' });
    expect(transitionOffice(agreed, 'open', '2001-02-20')).toMatchObject({
      status: 'open',
      agreedOn: '2000-12-15',
      openedOn: '2001-02-20',
    });
  });

  it('refuses a step dated before the one it follows', () => {
    const agreed = office('agreed', { agreedOn: '2000-12-15' });
    expect(codeOf(() => transitionOffice(agreed, 'open', '2000-12-01'))).toBe('ValidationFailed');
    expect(codeOf(() => transitionOffice(agreed, 'open', '2000-12'))).toBeNull();
  });
});

describe('office dates', () => {
  it('refuses a date for a step not yet reached', () => {
    expect(codeOf(() => checkOfficeDates(office('agreed', { openedOn: '2001-02-20' })))).toBe(
      'ValidationFailed',
    );
  });

  it('accepts unknown dates of steps already passed', () => {
    expect(codeOf(() => checkOfficeDates(office('open', { openedOn: '2001-02-20' })))).toBeNull();
  });
});
