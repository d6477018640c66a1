import type { CreateTextInput, Text } from '../../../shared/texts.schemas.ts';
import type { NewRow } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/roles.policy.ts';
import { assertReferenceFits, canSee } from '../access/visibility.policy.ts';
import { change } from '../changes/unit-of-work.ts';
import { getText } from './text.view.ts';
import { segmentsOf, withLanguages } from './text-editing.ts';
import { checkLanguage, checkMarking, parsed } from './text-input.ts';
import { councilLanguages, labelsOf } from './texts.repository.ts';

/**
 * Starts a text (manage-council): a draft in the caller's party's caucus (the default), or a
 * joint text tabled at once. Its marking comes from the council's scheme (ValidationFailed for
 * one it does not have, or a joint text not releasable to every party); its original language
 * is one of the council's; the meeting or decision it belongs to must be one the caller reads
 * and no narrower than the text (VisibilityTooWide). Paragraphs are given in the plain-text
 * form; every other language version starts with the same paragraphs, empty.
 */
export async function createText(deps: Deps, actor: Actor, input: CreateTextInput): Promise<Text> {
  const user = requirePermission(actor, 'manage-council');
  return change(deps, actor, async (uow) => {
    const { trx, at, record } = uow;
    const visibility = input.visibility ?? 'caucus';
    const languages = await councilLanguages(trx);
    const original = input.originalLanguage ?? languages[0] ?? 'en';
    checkLanguage(languages, original, 'originalLanguage');
    const marking = await checkMarking(
      trx,
      input.classification ?? 'nato-unclassified',
      input.releasableTo ?? null,
      visibility,
      user,
    );
    const visible = { visibility, party: user.party } as const;
    if (input.ref) {
      const table = input.ref.kind === 'meeting' ? 'meetings' : 'decisions';
      const ref = await trx
        .selectFrom(table)
        .select(['visibility', 'party'])
        .where('id', '=', input.ref.id)
        .executeTakeFirst();
      if (!ref || !canSee(actor, ref)) throw notFound(input.ref.kind);
      assertReferenceFits(visible, ref, 'ref');
    }
    const { holderOf } = await labelsOf(trx);
    const proposal = { userId: user.userId, party: user.party, at, reason: null };
    const paragraphs = input.paragraphs.map((text, i) => ({
      id: deps.ids(),
      segments: segmentsOf(parsed(text, holderOf, `paragraphs.${i}`), deps.ids, proposal),
    }));
    const content = withLanguages({ [original]: paragraphs }, languages, original);
    const row: NewRow<'texts'> = {
      id: deps.ids(),
      kind: input.kind,
      title: input.title,
      refKind: input.ref?.kind ?? null,
      refId: input.ref?.id ?? null,
      classification: marking.classification,
      releasableTo: marking.releasableTo,
      originalLanguage: original,
      languages: JSON.stringify(languages),
      state: visibility === 'caucus' ? 'draft' : 'tabled',
      version: 1,
      plain: paragraphs
        .map((p) =>
          p.segments
            .map((s) => (s.kind === 'text' ? s.text : (s.alternatives[0]?.text ?? '')))
            .join(''),
        )
        .join('\n'),
      number: null,
      chairParty: null,
      tabledAs: null,
      silenceDeadline: null,
      silenceTimeZone: null,
      silenceStartedBy: null,
      adoptedAt: null,
      publishedAt: null,
      sourceId: null,
      ...visible,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('texts').values(row).execute();
    await trx
      .insertInto('textVersions')
      .values({
        textId: row.id,
        version: 1,
        content: JSON.stringify(content),
        at,
        byParty: user.party,
        userId: user.userId,
        summary: visibility === 'caucus' ? 'drafted' : 'tabled',
        ...visible,
      })
      .execute();
    const after = await trx
      .selectFrom('texts')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    record({ entity: 'text', id: row.id, action: 'create', after });
    return getText(trx, actor, row.id);
  });
}
