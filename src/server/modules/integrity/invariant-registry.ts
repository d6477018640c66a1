import { AUDIT_INVARIANTS } from '../audit/audit.invariants.ts';
import { USER_INVARIANTS } from '../auth/user.invariants.ts';
import { COUNCIL_INVARIANTS } from '../council/council.invariants.ts';
import { DECISION_INVARIANTS } from '../decisions/decision.invariants.ts';
import { MEETING_INVARIANTS } from '../meetings/meeting.invariants.ts';
import { NOTE_INVARIANTS } from '../notes/note.invariants.ts';
import { NOTIFICATION_INVARIANTS } from '../notifications/notification.invariants.ts';
import { OFFICE_INVARIANTS } from '../offices/office.invariants.ts';
import { OPERATION_INVARIANTS } from '../operations/operation.invariants.ts';
import { PEOPLE_INVARIANTS } from '../people/people.invariants.ts';
import { PUBLICATION_INVARIANTS } from '../publication/publication.invariants.ts';
import { RECORD_INVARIANTS } from '../record/record.invariants.ts';
import { SILENCE_INVARIANTS } from '../texts/silence.invariants.ts';
import { TEXT_INVARIANTS } from '../texts/text.invariants.ts';
import { TOPIC_INVARIANTS } from '../topics/topic.invariants.ts';
import { WORK_PROGRAMME_INVARIANTS } from '../work-programmes/work-programme.invariants.ts';
import type { Invariant } from './invariant.ts';
import { VISIBILITY_INVARIANTS } from './visibility.invariants.ts';

/**
 * Every invariant of the council, each module contributing those of its own tables. A module
 * that adds a table adds its `<entity>.invariants.ts` here; `invariant-registry.test.ts`
 * fails while an invariants file is left out.
 */
export const INVARIANTS: readonly Invariant[] = [
  ...VISIBILITY_INVARIANTS,
  ...COUNCIL_INVARIANTS,
  ...USER_INVARIANTS,
  ...PEOPLE_INVARIANTS,
  ...TOPIC_INVARIANTS,
  ...MEETING_INVARIANTS,
  ...WORK_PROGRAMME_INVARIANTS,
  ...DECISION_INVARIANTS,
  ...NOTE_INVARIANTS,
  ...OFFICE_INVARIANTS,
  ...OPERATION_INVARIANTS,
  ...PUBLICATION_INVARIANTS,
  ...TEXT_INVARIANTS,
  ...SILENCE_INVARIANTS,
  ...NOTIFICATION_INVARIANTS,
  ...AUDIT_INVARIANTS,
  ...RECORD_INVARIANTS,
];
