import { z } from 'zod';
import { pageOf } from '../../../shared/common.schemas.ts';
import {
  AlternativeParamsSchema,
  ChangeMarkingSchema,
  ClassificationSchema,
  CreateTextSchema,
  EditDraftSchema,
  LanguageParamsSchema,
  LanguageVersionSchema,
  LodgeStatementSchema,
  NewParagraphSchema,
  ProposeAlternativeSchema,
  TextDiffQuerySchema,
  TextDiffSchema,
  TextListQuerySchema,
  TextParamsSchema,
  TextSchema,
  TextSummarySchema,
  TextVersionParamsSchema,
  TextVersionSchema,
  TranslateParamsSchema,
  TranslateSchema,
  VersionedSchema,
} from '../../../shared/texts.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { tagVersion, versionRead } from '../../http/versions.ts';
import { acceptTextAlternative } from './accept-alternative.ts';
import { agreeAdReferendum } from './agree-ad-ref.ts';
import { authenticateLanguage } from './authenticate-language.ts';
import { changeMarking } from './change-marking.ts';
import { concurInText } from './concur-text.ts';
import { createText } from './create-text.ts';
import { editDraft } from './edit-draft.ts';
import { issueChairStatement } from './issue-chair-statement.ts';
import { listClassifications } from './list-classifications.ts';
import { listTexts } from './list-texts.ts';
import { lodgeStatement } from './lodge-statement.ts';
import { proposeTextAlternative } from './propose-alternative.ts';
import { proposeTextParagraph } from './propose-paragraph.ts';
import { publishText } from './publish-text.ts';
import { reopenText } from './reopen-text.ts';
import { tableText } from './table-text.ts';
import { getText } from './text.view.ts';
import { diffTextVersions, getTextVersion, listTextVersions } from './text-versions.ts';
import { translateParagraph } from './translate-paragraph.ts';
import { withdrawTextAlternative } from './withdraw-alternative.ts';
import { withdrawText } from './withdraw-text.ts';

const tags = ['texts'];
const Versioned = VersionedSchema.nullish().describe(
  'The version read (unless sent as If-Match) and an optional reason.',
);

/**
 * Steps that take the version read and nothing else but a reason: one route each, POST
 * /texts/{id}/<step>.
 */
const STEPS = [
  {
    path: 'table',
    operationId: 'tableText',
    summary: 'Table a caucus draft for negotiation: a joint text of its own is made from it',
    run: tableText,
  },
  {
    path: 'ad-referendum',
    operationId: 'agreeTextAdReferendum',
    summary: "Agree the version read ad referendum for the caller's party; ad-ref once all have",
    run: agreeAdReferendum,
  },
  {
    path: 'reopen',
    operationId: 'reopenText',
    summary: 'Reopen a text agreed ad referendum: back to tabled, its agreements void',
    run: reopenText,
  },
  {
    path: 'concur',
    operationId: 'concurInText',
    summary: "Concur in the version read for the caller's party (chairs); adopted once all have",
    run: concurInText,
  },
  {
    path: 'issue',
    operationId: 'issueChairStatement',
    summary: "Issue a chair's statement on the chair's own authority",
    run: issueChairStatement,
  },
  {
    path: 'withdraw',
    operationId: 'withdrawText',
    summary: 'Withdraw a text before adoption (the party that drafted or tabled it)',
    run: withdrawText,
  },
  {
    path: 'publish',
    operationId: 'publishText',
    summary: "Ask, for the caller's party, to publish the adopted text; public once all have",
    run: publishText,
  },
] as const;

export const textsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/classifications',
    {
      schema: {
        operationId: 'listClassifications',
        tags,
        summary: "The council's marking scheme, lowest first",
        response: { 200: z.object({ items: z.array(ClassificationSchema) }) },
      },
    },
    async () => listClassifications(deps.db),
  );

  app.get(
    '/texts',
    {
      schema: {
        operationId: 'listTexts',
        tags,
        summary: 'Texts the caller may read (visibility and marking), newest first',
        querystring: TextListQuerySchema,
        response: { 200: pageOf(TextSummarySchema) },
      },
    },
    async (request) => listTexts(deps, request.actor, request.query),
  );

  app.post(
    '/texts',
    {
      schema: {
        operationId: 'createText',
        tags,
        summary: "Start a text: a draft in the caller's caucus, or tabled at once",
        body: CreateTextSchema,
        response: { 201: TextSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createText(deps, request.actor, request.body)),
  );

  app.get(
    '/texts/:id',
    {
      schema: {
        operationId: 'getText',
        tags,
        summary: 'A text in every language version; its ETag is the version to agree to',
        params: TextParamsSchema,
        response: { 200: TextSchema },
      },
    },
    async (request, reply) => {
      const text = await getText(deps.db, request.actor, request.params.id);
      tagVersion(reply, text.version);
      return text;
    },
  );

  app.patch(
    '/texts/:id',
    {
      schema: {
        operationId: 'editTextDraft',
        tags,
        summary: "Edit a caucus draft's title or paragraphs (its own party)",
        params: TextParamsSchema,
        body: EditDraftSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      editDraft(deps, request.actor, request.params.id, {
        ...request.body,
        version: versionRead(request, request.body.version),
      }),
  );

  for (const step of STEPS) {
    app.post(
      `/texts/:id/${step.path}`,
      {
        schema: {
          operationId: step.operationId,
          tags,
          summary: step.summary,
          params: TextParamsSchema,
          body: Versioned,
          response: { 200: TextSchema },
        },
      },
      async (request) =>
        step.run(deps, request.actor, request.params.id, {
          ...request.body,
          version: versionRead(request, request.body?.version),
        }),
    );
  }

  app.post(
    '/texts/:id/alternatives',
    {
      schema: {
        operationId: 'proposeTextAlternative',
        tags,
        summary: "Propose an alternative wording, held by the caller's party, in brackets",
        params: TextParamsSchema,
        body: ProposeAlternativeSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      proposeTextAlternative(deps, request.actor, request.params.id, {
        ...request.body,
        version: versionRead(request, request.body.version),
      }),
  );

  for (const [verb, run, summary] of [
    ['withdraw', withdrawTextAlternative, "Withdraw one of the caller's party's own alternatives"],
    [
      'accept',
      acceptTextAlternative,
      'Accept an alternative: the last one open lifts the brackets',
    ],
  ] as const) {
    app.post(
      `/texts/:id/alternatives/:alternativeId/${verb}`,
      {
        schema: {
          operationId: `${verb}TextAlternative`,
          tags,
          summary,
          params: AlternativeParamsSchema,
          body: Versioned,
          response: { 200: TextSchema },
        },
      },
      async (request) =>
        run(deps, request.actor, request.params.id, request.params.alternativeId, {
          ...request.body,
          version: versionRead(request, request.body?.version),
        }),
    );
  }

  app.post(
    '/texts/:id/paragraphs',
    {
      schema: {
        operationId: 'proposeTextParagraph',
        tags,
        summary: 'Propose a new paragraph, bracketed and held by the caller’s party',
        params: TextParamsSchema,
        body: NewParagraphSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      proposeTextParagraph(deps, request.actor, request.params.id, {
        ...request.body,
        version: versionRead(request, request.body.version),
      }),
  );

  app.put(
    '/texts/:id/languages/:language/paragraphs/:paragraphId',
    {
      schema: {
        operationId: 'translateTextParagraph',
        tags,
        summary: 'Set one paragraph of a language version other than the original',
        params: TranslateParamsSchema,
        body: TranslateSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      translateParagraph(
        deps,
        request.actor,
        request.params.id,
        request.params.language,
        request.params.paragraphId,
        { ...request.body, version: versionRead(request, request.body.version) },
      ),
  );

  app.post(
    '/texts/:id/languages/:language/authenticate',
    {
      schema: {
        operationId: 'authenticateTextLanguage',
        tags,
        summary: "Declare a language version equally authentic for the caller's party",
        params: LanguageParamsSchema,
        body: Versioned,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      authenticateLanguage(deps, request.actor, request.params.id, request.params.language, {
        ...request.body,
        version: versionRead(request, request.body?.version),
      }),
  );

  app.put(
    '/texts/:id/marking',
    {
      schema: {
        operationId: 'changeTextMarking',
        tags,
        summary: 'Change the classification marking or releasability (a new version)',
        params: TextParamsSchema,
        body: ChangeMarkingSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) =>
      changeMarking(deps, request.actor, request.params.id, {
        ...request.body,
        version: versionRead(request, request.body.version),
      }),
  );

  app.post(
    '/texts/:id/statements',
    {
      schema: {
        operationId: 'lodgeTextStatement',
        tags,
        summary: "Lodge the caller's party's interpretative statement or reservation",
        params: TextParamsSchema,
        body: LodgeStatementSchema,
        response: { 200: TextSchema },
      },
    },
    async (request) => lodgeStatement(deps, request.actor, request.params.id, request.body),
  );

  app.get(
    '/texts/:id/versions',
    {
      schema: {
        operationId: 'listTextVersions',
        tags,
        summary: 'Every version of a text, oldest first',
        params: TextParamsSchema,
        response: { 200: z.object({ items: z.array(TextVersionSchema) }) },
      },
    },
    async (request) => ({
      items: await listTextVersions(deps.db, request.actor, request.params.id),
    }),
  );

  app.get(
    '/texts/:id/versions/:version',
    {
      schema: {
        operationId: 'getTextVersion',
        tags,
        summary: 'One version of a text, every language version',
        params: TextVersionParamsSchema,
        response: {
          200: z.object({
            version: z.number().int(),
            languageVersions: z.array(LanguageVersionSchema),
          }),
        },
      },
    },
    async (request) =>
      getTextVersion(deps.db, request.actor, request.params.id, request.params.version),
  );

  app.get(
    '/texts/:id/diff',
    {
      schema: {
        operationId: 'diffTextVersions',
        tags,
        summary: 'A word-level comparison of two versions, paragraph by paragraph',
        params: TextParamsSchema,
        querystring: TextDiffQuerySchema,
        response: { 200: TextDiffSchema },
      },
    },
    async (request) => diffTextVersions(deps.db, request.actor, request.params.id, request.query),
  );
};
