import {
  type ParsedSegment,
  parseParagraph,
  TextFormatError,
} from '../../../shared/text-content.ts';
import type { Executor } from '../../db/database.ts';
import { invalid } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';

/** A paragraph in the plain-text form, read; ValidationFailed naming the field and the offset. */
export function parsed(
  text: string,
  holderOf: (label: string) => string | null,
  field: string,
): ParsedSegment[] {
  try {
    return parseParagraph(text, holderOf);
  } catch (error) {
    if (error instanceof TextFormatError) throw invalid(field, error.message);
    throw error;
  }
}

export function checkLanguage(languages: readonly string[], language: string, field: string): void {
  if (!languages.includes(language)) {
    throw invalid(field, `not a language of the council (${languages.join(', ')})`);
  }
}

/** The parties whose declared ceiling for joint texts is below a marking of `rank`. */
export async function partiesBelow(
  db: Executor,
  rank: number,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('parties')
    .innerJoin('classifications', 'classifications.id', 'parties.jointMarkingCeiling')
    .select(['parties.id', 'classifications.name'])
    .where('classifications.rank', '<', rank)
    .orderBy('parties.id')
    .execute();
}

/**
 * A marking of the council's scheme, with the parties it is releasable to. A joint or public
 * text is read by every party, so it must be releasable to every party (or to all: null).
 */
export async function checkMarking(
  db: Executor,
  classification: string,
  releasableTo: readonly string[] | null,
  visibility: 'caucus' | 'joint' | 'public',
  user: UserActor | null = null,
): Promise<{ classification: string; releasableTo: string | null }> {
  const marking = await db
    .selectFrom('classifications')
    .select(['id', 'rank'])
    .where('id', '=', classification)
    .executeTakeFirst();
  if (!marking) throw invalid('classification', 'not a marking of the council’s scheme');
  if (user) {
    // Nobody marks a text above what they may read: they would lose it the moment they did.
    const clearance = await db
      .selectFrom('users')
      .innerJoin('classifications', 'classifications.id', 'users.clearance')
      .select(['classifications.rank', 'classifications.name'])
      .where('users.id', '=', user.userId)
      .executeTakeFirst();
    if (!clearance || marking.rank > clearance.rank) {
      throw invalid('classification', `above your clearance (${clearance?.name ?? 'none'})`);
    }
  }
  if (releasableTo !== null) {
    const parties = (await db.selectFrom('parties').select('id').execute()).map((p) => p.id);
    const unknown = releasableTo.filter((p) => !parties.includes(p));
    if (unknown.length > 0) throw invalid('releasableTo', `no party ${unknown.join(', ')}`);
    if (visibility !== 'caucus' && parties.some((p) => !releasableTo.includes(p))) {
      throw invalid('releasableTo', 'a joint text is read by every party: release it to all');
    }
  }
  if (visibility !== 'caucus') {
    // A joint text is the parties' common work: marked above what a party accepts on joint
    // texts, it would vanish from that party while it still counted as theirs to agree (or to
    // stay silent on). Each party declares its ceiling for the other to read (PUT
    // /api/parties/{id}/joint-marking-ceiling); nothing of its users' clearances is consulted,
    // so no request tells the other party who among them is cleared for what.
    const above = await partiesBelow(db, marking.rank);
    if (above.length > 0) {
      throw invalid(
        'classification',
        `a ${visibility} text is read by every party: ${above
          .map((p) => `${p.id} accepts joint texts up to ${p.name}`)
          .join('; ')}`,
      );
    }
  }
  return {
    classification,
    releasableTo: releasableTo === null ? null : JSON.stringify([...new Set(releasableTo)].sort()),
  };
}
