import { PJC_FILES, type PjcRecord } from './pjc-record.schemas.ts';

type Kind = keyof typeof PJC_FILES;
type Report = (kind: Kind, path: readonly PropertyKey[], message: string) => void;

/**
 * Which id set a field refers to, wherever the field appears in the record. Checking by field
 * name means a reference added to a file later is checked without anyone remembering to.
 */
const REFERENCE_FIELDS = {
  source: 'source',
  party: 'party',
  delegationId: 'delegation',
  personId: 'person',
  topicId: 'topic',
  parentId: 'topic',
  meetingId: 'meeting',
  decisionId: 'decision',
  topics: 'topic',
  activities: 'activity',
} as const;

type Target = (typeof REFERENCE_FIELDS)[keyof typeof REFERENCE_FIELDS];

/**
 * The rules that span files: every reference resolves, ids are unique, a decision's status
 * matches its responses, a topic's parent comes before it. Returns one line per problem.
 */
export function checkPjcRecord(record: PjcRecord): string[] {
  const problems: string[] = [];
  const report: Report = (kind, path, message) => {
    problems.push(
      `${PJC_FILES[kind].file}: ${describePath(record[kind], path) || '(file)'}: ${message}`,
    );
  };
  const { sources, council, parties, people, topics, meetings } = record;
  const { workProgrammes, decisions, offices, operations, timeline, texts } = record;

  const targets: Record<Target, Set<string>> = {
    source: unique('sources', ['sources'], sources.sources, report),
    party: unique('parties', ['parties'], parties.parties, report),
    delegation: unique('parties', ['delegations'], parties.delegations, report),
    person: unique('people', ['people'], people.people, report),
    topic: unique('topics', ['topics'], topics.topics, report),
    meeting: unique('meetings', ['meetings'], meetings.meetings, report),
    decision: unique('decisions', ['decisions'], decisions.decisions, report),
    activity: unique(
      'workProgrammes',
      ['programmes[].areas[].activities'],
      workProgrammes.programmes.flatMap((p) => p.areas.flatMap((a) => a.activities)),
      report,
    ),
  };
  unique('council', ['periods'], council.periods, report);
  unique('council', ['statements'], council.statements, report);
  unique('council', ['coverage'], council.coverage, report);
  unique(
    'people',
    ['people[].posts'],
    people.people.flatMap((p) => p.posts),
    report,
  );
  unique(
    'meetings',
    ['meetings[].agenda'],
    meetings.meetings.flatMap((m) => m.agenda),
    report,
  );
  unique('workProgrammes', ['programmes'], workProgrammes.programmes, report);
  duplicates(workProgrammes.programmes.map((p) => String(p.year))).forEach((year) => {
    report('workProgrammes', ['programmes'], `two programmes for the year ${year}`);
  });
  unique(
    'workProgrammes',
    ['programmes[].areas'],
    workProgrammes.programmes.flatMap((p) => p.areas),
    report,
  );
  unique(
    'operations',
    ['operations[].strengths'],
    operations.operations.flatMap((o) => o.strengths),
    report,
  );
  unique('texts', ['texts'], texts.texts, report);
  unique(
    'texts',
    ['texts[].paragraphs'],
    texts.texts.flatMap((t) => t.paragraphs),
    report,
  );
  unique('offices', ['offices'], offices.offices, report);
  unique('operations', ['operations'], operations.operations, report);
  unique('timeline', ['events'], timeline.events, report);

  for (const kind of Object.keys(PJC_FILES) as Kind[]) {
    walkReferences(record[kind], [], (path, field, value) => {
      // A source entry's own fields are not references.
      if (kind === 'sources') return;
      const target = REFERENCE_FIELDS[field];
      if (!targets[target].has(value)) report(kind, path, `unknown ${target} '${value}'`);
    });
  }

  const seen = new Set<string>();
  topics.topics.forEach((topic, i) => {
    if (topic.parentId !== null && !seen.has(topic.parentId)) {
      report('topics', ['topics', i, 'parentId'], 'the parent topic must come before its children');
    }
    seen.add(topic.id);
  });

  meetings.meetings.forEach((meeting, i) => {
    if (meeting.startsAt !== null && !meeting.startsAt.startsWith(meeting.date)) {
      report('meetings', ['meetings', i, 'date'], 'must be the date of startsAt');
    }
    duplicates(meeting.coChairs.map((c) => c.role)).forEach((role) => {
      report('meetings', ['meetings', i, 'coChairs'], `co-chair role '${role}' appears twice`);
    });
    duplicates(meeting.attendance.map((a) => a.delegationId)).forEach((id) => {
      report('meetings', ['meetings', i, 'attendance'], `delegation '${id}' appears twice`);
    });
  });

  for (const list of ['periods', 'coverage'] as const) {
    council[list].forEach((entry, i) => {
      if (entry.endsOn !== null && entry.endsOn < entry.startsOn) {
        report('council', [list, i, 'endsOn'], 'must not be before startsOn');
      }
    });
  }

  operations.operations.forEach((operation, i) => {
    operation.strengths.forEach((strength, j) => {
      const { contributor } = strength;
      if (
        contributor !== null &&
        !targets.party.has(contributor) &&
        !targets.delegation.has(contributor)
      ) {
        report(
          'operations',
          ['operations', i, 'strengths', j, 'contributor'],
          `unknown party or delegation '${contributor}'`,
        );
      }
    });
  });

  checkDecisions(record, targets.party, report);
  return problems;
}

/**
 * A decision is agreed only when every party concurred and declined as soon as one declined;
 * the seed must not store a record the application itself could never have produced.
 */
function checkDecisions(record: PjcRecord, partyIds: Set<string>, report: Report): void {
  const years = new Set(record.workProgrammes.programmes.map((p) => String(p.year)));
  const officeIds = new Set(record.offices.offices.map((o) => o.id));
  record.decisions.decisions.forEach((decision, i) => {
    const at = (...rest: PropertyKey[]) => ['decisions', i, ...rest];
    duplicates(decision.responses.map((r) => r.party)).forEach((party) => {
      report('decisions', at('responses'), `party '${party}' responds twice`);
    });
    const concurred = new Set(
      decision.responses.filter((r) => r.response === 'concur').map((r) => r.party),
    );
    const declined = decision.responses.some((r) => r.response === 'decline');
    if (decision.status === 'agreed') {
      const missing = [...partyIds].filter((party) => !concurred.has(party));
      if (declined || missing.length > 0) {
        report(
          'decisions',
          at('status'),
          `agreed needs every party to concur; missing: ${missing.join(', ') || 'none'}${declined ? ', and one declined' : ''}`,
        );
      }
    }
    if (decision.status === 'declined' && !declined) {
      report('decisions', at('status'), 'declined needs a declining response');
    }
    const [kind, target] = decision.approves?.split(':') ?? [];
    if (kind === 'work-programme' && !years.has(target ?? '')) {
      report('decisions', at('approves'), `no work programme for ${target}`);
    }
    if (kind === 'office' && !officeIds.has(target ?? '')) {
      report('decisions', at('approves'), `unknown office '${target}'`);
    }
  });
}

function unique(
  kind: Kind,
  path: PropertyKey[],
  items: readonly { id: string }[],
  report: Report,
): Set<string> {
  const ids = new Set<string>();
  for (const item of items) {
    // The path names the list, not an index: for a nested list an index would mislead.
    if (ids.has(item.id)) report(kind, path, `duplicate id '${item.id}'`);
    ids.add(item.id);
  }
  return ids;
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, i) => values.indexOf(value) !== i);
}

function walkReferences(
  node: unknown,
  path: PropertyKey[],
  visit: (path: PropertyKey[], field: keyof typeof REFERENCE_FIELDS, value: string) => void,
): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      walkReferences(child, [...path, i], visit);
    });
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    const here = [...path, key];
    if (isReferenceField(key)) {
      if (typeof value === 'string') visit(here, key, value);
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          if (typeof v === 'string') visit([...here, i], key, v);
        });
      }
    }
    walkReferences(value, here, visit);
  }
}

function isReferenceField(key: string): key is keyof typeof REFERENCE_FIELDS {
  return Object.hasOwn(REFERENCE_FIELDS, key);
}

/**
 * `meetings[pjc-2000-12-05-defence-ministers].level` rather than `meetings.10.level`: an item
 * is named by its id where it has one, so the reader finds it in the file by searching.
 */
export function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = data;
  let out = '';
  for (const key of path) {
    node = isObject(node) ? node[key as keyof typeof node] : undefined;
    if (typeof key === 'number') {
      const id = isObject(node) && typeof node.id === 'string' ? node.id : String(key);
      out += `[${id}]`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}
