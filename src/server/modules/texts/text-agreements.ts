import { alignmentProblems, isClean } from '../../../shared/text-content.ts';
import type { Row } from '../../db/schema.ts';
import { DomainError } from '../../domain/errors.ts';
import type { UserActor } from '../access/actor.ts';
import type { UnitOfWork } from '../changes/unit-of-work.ts';
import { CLEAN_REQUIRED } from './text-states.policy.ts';
import { contentOf } from './texts.repository.ts';

/**
 * Records that the caller's party agrees (ad referendum, concurs, or declares a language
 * authentic) to the text's current version, and answers whether every party has now agreed
 * that same version.
 */
export async function agree(
  uow: UnitOfWork,
  user: UserActor,
  text: Row<'texts'>,
  kind: string,
): Promise<boolean> {
  const { trx, at } = uow;
  await trx
    .insertInto('textAgreements')
    .values({
      textId: text.id,
      kind,
      byParty: user.party,
      version: text.version,
      userId: user.userId,
      at,
      visibility: text.visibility,
      party: text.party,
    })
    .onConflict((oc) =>
      oc
        .columns(['textId', 'kind', 'byParty'])
        .doUpdateSet({ version: text.version, userId: user.userId, at }),
    )
    .execute();
  const agreed = await trx
    .selectFrom('textAgreements')
    .select('byParty')
    .where('textId', '=', text.id)
    .where('kind', '=', kind)
    .where('version', '=', text.version)
    .execute();
  const parties = await trx.selectFrom('parties').select('id').execute();
  // A caucus text is one party's: its agreement is that party's alone.
  const needed = text.visibility === 'caucus' ? [text.party] : parties.map((p) => p.id);
  return needed.length > 0 && needed.every((p) => agreed.some((a) => a.byParty === p));
}

/**
 * Nothing is agreed until everything is agreed: a text moves on (ad referendum, silence,
 * adoption) only when no bracket is left in any language version and every required version
 * is complete and aligned. Conflict naming what is missing.
 */
export async function assertReady(uow: Pick<UnitOfWork, 'trx'>, text: Row<'texts'>): Promise<void> {
  const content = await contentOf(uow.trx, text.id, text.version);
  const languages = JSON.parse(text.languages) as string[];
  if (!languages.every((l) => isClean(content[l] ?? []))) {
    throw new DomainError('Conflict', CLEAN_REQUIRED, [
      { field: 'content', message: 'brackets remain' },
    ]);
  }
  const problems = alignmentProblems(content, languages);
  if (problems.length > 0) {
    throw new DomainError(
      'Conflict',
      'every language version must be complete and aligned before the text moves on',
      problems.map((p) => ({ field: `languages.${p.language}`, message: p.message })),
    );
  }
}
