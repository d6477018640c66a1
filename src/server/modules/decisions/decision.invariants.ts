import type { Executor } from '../../db/database.ts';
import { isNarrowerThan, type Visible } from '../access/visibility.policy.ts';
import { actedForProblem, loadUserFacts } from '../auth/user.invariants.ts';
import {
  audienceWords,
  type Invariant,
  type Violation,
  violation,
} from '../integrity/invariant.ts';
import { decisionStatus } from './decision-status.ts';

interface Response {
  decisionId: string;
  party: string | null;
  userId: string | null;
  response: 'concur' | 'decline';
  version: number;
  visibility: Visible['visibility'];
}

/**
 * Every decision with what a party concurs in (`agreedVersion`: its own version plus the
 * version of what it approves, as decision.repository.ts counts it) and its responses.
 */
async function loadDecisions(db: Executor) {
  const decisions = await db.selectFrom('decisions').selectAll().orderBy('id').execute();
  const targets = new Map<string, Visible & { version: number }>();
  for (const [kind, table] of [
    ['office', 'offices'],
    ['workProgramme', 'workProgrammes'],
  ] as const) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'version', 'visibility', 'party'])
      .execute();
    for (const row of rows) targets.set(`${kind}:${row.id}`, row);
  }
  const responses = await db
    .selectFrom('decisionResponses')
    .select(['decisionId', 'party', 'userId', 'response', 'version', 'visibility'])
    .orderBy('decisionId')
    .orderBy('party')
    .execute();
  const responsesOf = new Map<string, Response[]>();
  for (const r of responses) {
    const list = responsesOf.get(r.decisionId) ?? [];
    list.push(r);
    responsesOf.set(r.decisionId, list);
  }
  const parties = (await db.selectFrom('parties').select('id').orderBy('id').execute()).map(
    (p) => p.id,
  );
  return decisions.map((d) => {
    const target =
      d.approvesKind === null || d.approvesId === null
        ? undefined
        : targets.get(`${d.approvesKind}:${d.approvesId}`);
    return {
      ...d,
      target,
      agreedVersion: d.version + (target?.version ?? 0),
      responses: responsesOf.get(d.id) ?? [],
      parties,
    };
  });
}

type LoadedDecision = Awaited<ReturnType<typeof loadDecisions>>[number];

/**
 * Whether the stored status is what the responses make it (respondToDecision through
 * decisionStatus): agreed exactly when every party concurred in the version now current (an
 * agreed decision freezes its text and what it approves); declined when a party declined (in
 * the version then current: declining reopens what it approved, whose version may move on
 * since); proposed while neither, every answer naming the current version (the text freezes
 * once answered); withdrawn only while it was neither agreed nor declined.
 */
function statusProblem(d: LoadedDecision): string | null {
  const current = d.responses.filter((r) => r.version === d.agreedVersion);
  const declined = d.responses.filter((r) => r.response === 'decline');
  const missing = d.parties.filter(
    (p) => !current.some((r) => r.party === p && r.response === 'concur'),
  );
  const versions = [...new Set(d.responses.map((r) => r.version))];
  const agreedIn = versions.find(
    (v) =>
      decisionStatus(
        d.parties,
        d.responses.filter((r) => r.version === v),
      ) === 'agreed',
  );
  switch (d.status) {
    case 'agreed':
      if (declined.length > 0) return `is agreed, but ${declined[0]?.party} declined it`;
      if (d.parties.length === 0) return 'is agreed, but the council has no parties';
      if (missing.length > 0) {
        return `is agreed, but ${missing.join(' and ')} did not concur in its version ${d.agreedVersion}`;
      }
      return null;
    case 'declined':
      return declined.length > 0 ? null : 'is declined, but no party declined it';
    case 'proposed': {
      const stale = d.responses.find((r) => r.version !== d.agreedVersion);
      if (stale) {
        return `is proposed, but the answer of ${stale.party} names version ${stale.version}, not the current ${d.agreedVersion}: the text is frozen once answered`;
      }
      const status = decisionStatus(d.parties, current);
      return status === 'proposed' ? null : `is proposed, but its responses make it ${status}`;
    }
    case 'withdrawn':
      if (declined.length > 0) return `is withdrawn, but ${declined[0]?.party} declined it`;
      if (agreedIn !== undefined) {
        return `is withdrawn, but every party concurred in its version ${agreedIn}: it was agreed`;
      }
      return null;
  }
}

export const DECISION_INVARIANTS: readonly Invariant[] = [
  {
    name: 'decisions.status',
    check: async (db) => {
      const found: Violation[] = [];
      for (const d of await loadDecisions(db)) {
        const problem = statusProblem(d);
        if (problem !== null) found.push(violation('decisions', d.id, problem));
        const decided = d.status === 'agreed' || d.status === 'declined';
        if (decided && d.decidedOn === null) {
          found.push(violation('decisions', d.id, `is ${d.status} but has no decidedOn`));
        }
        if (!decided && d.decidedOn !== null) {
          found.push(
            violation('decisions', d.id, `is ${d.status} but has decidedOn ${d.decidedOn}`),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'decisions.joint',
    check: async (db) => {
      const meetings = new Map(
        (await db.selectFrom('meetings').select(['id', 'visibility', 'party']).execute()).map(
          (m) => [m.id, m],
        ),
      );
      const found: Violation[] = [];
      for (const d of await loadDecisions(db)) {
        if (d.visibility === 'caucus') {
          found.push(
            violation(
              'decisions',
              d.id,
              `is ${audienceWords(d)}: a decision is between the parties, joint or public`,
            ),
          );
        }
        const meeting = d.meetingId === null ? undefined : meetings.get(d.meetingId);
        if (meeting && isNarrowerThan(meeting, d)) {
          found.push(
            violation(
              'decisions',
              d.id,
              `is ${audienceWords(d)}, wider than its meeting ${meeting.id} (${audienceWords(meeting)})`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'decisions.approves',
    check: async (db) => {
      const found: Violation[] = [];
      const approvedBy = new Map<string, string>();
      for (const d of await loadDecisions(db)) {
        if ((d.approvesKind === null) !== (d.approvesId === null)) {
          found.push(
            violation(
              'decisions',
              d.id,
              'approvesKind and approvesId are given together or not at all',
            ),
          );
          continue;
        }
        if (d.approvesKind === null) continue;
        const name = `${d.approvesKind} ${d.approvesId}`;
        if (!d.target) {
          found.push(violation('decisions', d.id, `approves ${name}, which does not exist`));
          continue;
        }
        if (isNarrowerThan(d.target, d)) {
          found.push(
            violation(
              'decisions',
              d.id,
              `approves ${name}, which is ${audienceWords(d.target)}: narrower than this ${audienceWords(d)} decision`,
            ),
          );
        }
        if (d.status === 'agreed') {
          const earlier = approvedBy.get(name);
          if (earlier !== undefined) {
            found.push(
              violation('decisions', d.id, `approves ${name}, which ${earlier} approves already`),
            );
          }
          approvedBy.set(name, d.id);
        }
      }
      return found;
    },
  },
  {
    name: 'decisionResponses.answered-by',
    check: async (db) => {
      const users = await loadUserFacts(db);
      const found: Violation[] = [];
      for (const d of await loadDecisions(db)) {
        for (const r of d.responses) {
          const key = [r.decisionId, r.party];
          if (r.party === null) {
            found.push(
              violation('decisionResponses', key, 'a response is given for a party; party is null'),
            );
          }
          if (r.visibility !== d.visibility) {
            found.push(
              violation(
                'decisionResponses',
                key,
                `is ${r.visibility}, but its decision is ${d.visibility}: a response is exactly as visible as the decision`,
              ),
            );
          }
          if (r.userId !== null) {
            const problem = actedForProblem(users, r.userId, r.party, 'chair');
            if (problem !== null) found.push(violation('decisionResponses', key, problem));
          }
          if (!Number.isInteger(r.version) || r.version < 1 || r.version > d.agreedVersion) {
            found.push(
              violation(
                'decisionResponses',
                key,
                `answers version ${r.version}, which the decision (now at ${d.agreedVersion}) never had`,
              ),
            );
          }
        }
      }
      return found;
    },
  },
  {
    name: 'decisions.proposed-by',
    check: async (db) => {
      const users = await loadUserFacts(db);
      const found: Violation[] = [];
      for (const d of await loadDecisions(db)) {
        if (d.proposedBy === null) continue;
        const problem = actedForProblem(users, d.proposedBy, d.party, 'secretary');
        if (problem !== null) found.push(violation('decisions', d.id, `proposedBy ${problem}`));
      }
      return found;
    },
  },
];
