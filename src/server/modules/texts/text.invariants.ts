import { alignmentProblems, type Content, isClean } from '../../../shared/text-content.ts';
import type { Executor } from '../../db/database.ts';
import { actedForProblem, loadUserFacts } from '../auth/user.invariants.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';

interface RecordedProcedure {
  kind?: string;
  concurrences?: { party?: string; version?: number }[];
  participants?: string[];
  issuedBy?: string;
}

interface ParsedRecord {
  text?: { version?: number; number?: string | null };
  procedure?: RecordedProcedure;
}

/**
 * How a text comes to be adopted (concurInText, settleSilence, issueChairStatement), as the rows
 * must show it: an adopted or published text has its instant and its adoption
 * record, no version after the one adopted, a clean and aligned content in that version, and
 * the procedure the record names must be the one the rows hold: every party needed (the
 * caucus's own party for a caucus text, every party for a joint one) concurred in the version
 * adopted; or a silence with the participants stored; or a chair's statement issued by its own
 * party's chair. A text in any other state has no number and no adoption record. An import
 * (or a restore) of a file claiming an agreement nobody gave is refused by these.
 */
async function adoptionViolations(db: Executor): Promise<Violation[]> {
  const found: Violation[] = [];
  const parties = (await db.selectFrom('parties').select('id').orderBy('id').execute()).map(
    (p) => p.id,
  );
  const texts = await db.selectFrom('texts').selectAll().orderBy('id').execute();
  const records = new Map(
    (await db.selectFrom('adoptionRecords').select(['textId', 'canonical']).execute()).map((r) => [
      r.textId,
      r.canonical,
    ]),
  );
  for (const t of texts) {
    const adopted = t.state === 'adopted' || t.state === 'published';
    const canonical = records.get(t.id);
    if (!adopted) {
      if (canonical !== undefined) {
        found.push(
          violation('adoptionRecords', t.id, `is the record of a text that is ${t.state}`),
        );
      }
      if (t.number !== null || t.adoptedAt !== null) {
        found.push(
          violation('texts', t.id, `is ${t.state} but has the number or instant of an adoption`),
        );
      }
      continue;
    }
    // Its number may be unknown: a text reconstructed from the fact sheet has none on record.
    if (t.adoptedAt === null) {
      found.push(violation('texts', t.id, `is ${t.state} without an adoption instant`));
    }
    if (canonical === undefined) {
      found.push(violation('texts', t.id, `is ${t.state} but has no adoption record`));
      continue;
    }
    let record: ParsedRecord;
    try {
      record = JSON.parse(canonical) as ParsedRecord;
    } catch {
      continue; // named by adoptionRecords.match-content
    }
    const version = record.text?.version;
    if (version !== t.version) {
      found.push(
        violation(
          'texts',
          t.id,
          `is at version ${t.version}, but version ${String(version)} was adopted: an adopted text changes no more`,
        ),
      );
      continue;
    }
    const stored = await db
      .selectFrom('textVersions')
      .select('content')
      .where('textId', '=', t.id)
      .where('version', '=', t.version)
      .executeTakeFirst();
    if (stored) {
      const content = JSON.parse(stored.content) as Content;
      const languages = JSON.parse(t.languages) as string[];
      if (!languages.every((l) => isClean(content[l] ?? []))) {
        found.push(violation('textVersions', [t.id, t.version], 'was adopted with brackets left'));
      }
      for (const p of alignmentProblems(content, languages)) {
        found.push(
          violation(
            'textVersions',
            [t.id, t.version],
            `was adopted with ${p.language} ${p.message}`,
          ),
        );
      }
    }
    const problem = await procedureProblem(db, t, record.procedure ?? {}, parties);
    if (problem !== null) found.push(violation('texts', t.id, problem));
  }
  return found;
}

async function procedureProblem(
  db: Executor,
  t: {
    id: string;
    version: number;
    visibility: string;
    party: string | null;
    kind: string;
    chairParty: string | null;
  },
  procedure: RecordedProcedure,
  parties: readonly string[],
): Promise<string | null> {
  const needed = t.visibility === 'caucus' ? [t.party ?? ''] : [...parties];
  switch (procedure.kind) {
    case 'concurrence': {
      const rows = await db
        .selectFrom('textAgreements')
        .select(['byParty'])
        .where('textId', '=', t.id)
        .where('kind', '=', 'concur')
        .where('version', '=', t.version)
        .execute();
      const missing = needed.filter((p) => !rows.some((r) => r.byParty === p));
      if (missing.length > 0) {
        return `is adopted by concurrence, but ${missing.join(' and ')} did not concur in its version ${t.version}`;
      }
      const recorded = (procedure.concurrences ?? []).map((c) => c.party ?? '').sort();
      if (recorded.join() !== [...needed].sort().join()) {
        return `its adoption record names the concurrences of ${recorded.join(', ') || 'nobody'}, not those of ${needed.join(' and ')}`;
      }
      return null;
    }
    case 'silence': {
      const stored = (
        await db
          .selectFrom('silenceParticipants')
          .select('participant')
          .where('textId', '=', t.id)
          .execute()
      )
        .map((p) => p.participant)
        .sort();
      const recorded = [...(procedure.participants ?? [])].sort();
      if (stored.length === 0 || stored.join() !== recorded.join()) {
        return `is adopted by silence, but its participants on record (${stored.join(', ') || 'none'}) are not those its adoption record names (${recorded.join(', ') || 'none'})`;
      }
      return null;
    }
    case 'chair-statement':
      if (
        t.kind !== 'chair-statement' ||
        t.chairParty === null ||
        procedure.issuedBy !== t.chairParty
      ) {
        return "is recorded as a chair's statement, but it is not one issued by that chair's party";
      }
      return null;
    default:
      return `its adoption record names no procedure the council knows (${String(procedure.kind)})`;
  }
}

/**
 * Who acted on a text: every version and agreement made by a user was made by a user of the
 * party it names, and on a caucus text by that caucus's own party, so that no row moves a
 * party's text, or its agreement, into the other party's name.
 */
async function actorViolations(db: Executor): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const table of ['textVersions', 'textAgreements'] as const) {
    const rows = await db
      .selectFrom(table)
      .innerJoin('texts', 'texts.id', `${table}.textId`)
      .leftJoin('users', 'users.id', `${table}.userId`)
      .select([
        `${table}.textId as textId`,
        `${table}.byParty as byParty`,
        `${table}.userId as userId`,
        'users.party as userParty',
        'texts.visibility as visibility',
        'texts.party as party',
        table === 'textVersions' ? 'textVersions.version as key' : 'textAgreements.kind as key',
      ])
      .orderBy(`${table}.textId`)
      .execute();
    for (const r of rows) {
      const where = [r.textId, r.key];
      if (r.visibility === 'caucus' && r.byParty !== null && r.byParty !== r.party) {
        found.push(
          violation(
            table,
            where,
            `was made by ${r.byParty} on ${r.party ?? 'no party'}'s caucus text`,
          ),
        );
      }
      if (r.userId !== null && r.userParty !== r.byParty) {
        found.push(
          violation(
            table,
            where,
            `names ${r.byParty ?? 'no party'}, but its user is of ${r.userParty ?? 'no party'}`,
          ),
        );
      }
    }
  }
  return found;
}

/**
 * Every agreement to a text names a version the text has reached, and a user who held the
 * role that gives it (a chair concurs; a secretary agrees ad referendum and declares a
 * language authentic): an import could otherwise carry a party's concurrence in a version not
 * yet written, which would count as soon as the other party alone wrote it (the review made
 * one), or a concurrence given by someone who was never a chair.
 */
async function agreementViolations(db: Executor): Promise<Violation[]> {
  const found: Violation[] = [];
  const users = await loadUserFacts(db);
  const rows = await db
    .selectFrom('textAgreements')
    .innerJoin('texts', 'texts.id', 'textAgreements.textId')
    .select([
      'textAgreements.textId as textId',
      'textAgreements.kind as kind',
      'textAgreements.byParty as byParty',
      'textAgreements.version as version',
      'textAgreements.userId as userId',
      'texts.version as textVersion',
    ])
    .orderBy('textAgreements.textId')
    .orderBy('textAgreements.kind')
    .orderBy('textAgreements.byParty')
    .execute();
  for (const r of rows) {
    const where = [r.textId, r.kind, r.byParty ?? ''];
    if (!Number.isInteger(r.version) || r.version < 1 || r.version > r.textVersion) {
      found.push(
        violation(
          'textAgreements',
          where,
          `agrees to version ${r.version}, but text ${r.textId} is at version ${r.textVersion}`,
        ),
      );
    }
    if (r.userId !== null) {
      const role = r.kind === 'concur' ? 'chair' : 'secretary';
      const problem = actedForProblem(users, r.userId, r.byParty, role);
      if (problem !== null) found.push(violation('textAgreements', where, problem));
    }
  }
  return found;
}

/**
 * Every party's ceiling for shared texts is a marking of the scheme, and every text the parties
 * share (joint or public, not withdrawn) is marked within every party's ceiling, as
 * checkMarking and setJointMarkingCeiling keep it: an import of a shared text marked above
 * what a party accepts would count, as agreed by that party, a text it was never to read.
 */
async function markingViolations(db: Executor): Promise<Violation[]> {
  const found: Violation[] = [];
  const ranks = new Map(
    (await db.selectFrom('classifications').select(['id', 'rank']).execute()).map((c) => [
      c.id,
      c.rank,
    ]),
  );
  const parties = await db
    .selectFrom('parties')
    .select(['id', 'jointMarkingCeiling'])
    .orderBy('id')
    .execute();
  for (const p of parties) {
    if (!ranks.has(p.jointMarkingCeiling)) {
      found.push(
        violation('parties', p.id, `jointMarkingCeiling ${p.jointMarkingCeiling} is no marking`),
      );
    }
  }
  const shared = await db
    .selectFrom('texts')
    .select(['id', 'classification'])
    .where('visibility', '<>', 'caucus')
    .where('state', '<>', 'withdrawn')
    .orderBy('id')
    .execute();
  for (const t of shared) {
    const rank = ranks.get(t.classification) ?? Number.POSITIVE_INFINITY;
    for (const p of parties) {
      const ceiling = ranks.get(p.jointMarkingCeiling);
      if (ceiling !== undefined && rank > ceiling) {
        found.push(
          violation(
            'texts',
            t.id,
            `is marked ${t.classification}, above what ${p.id} accepts on shared texts (${p.jointMarkingCeiling})`,
          ),
        );
      }
    }
  }
  return found;
}

export const TEXT_INVARIANTS: readonly Invariant[] = [
  { name: 'texts.adoption', check: adoptionViolations },
  { name: 'texts.marking-within-ceilings', check: markingViolations },
  { name: 'texts.acted-by-own-party', check: actorViolations },
  { name: 'textAgreements.version-and-role', check: agreementViolations },
];
