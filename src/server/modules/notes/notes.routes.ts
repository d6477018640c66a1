import { z } from 'zod';
import { IdParamsSchema, pageOf } from '../../../shared/common.schemas.ts';
import {
  CreateNoteSchema,
  NoteListQuerySchema,
  NoteSchema,
  UpdateNoteSchema,
} from '../../../shared/notes.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { listNotes } from './list-notes.ts';
import { findNote, toNote } from './note.repository.ts';
import { deleteNote, updateNote } from './update-note.ts';
import { writeNote } from './write-note.ts';

const tags = ['notes'];

export const notesRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/notes',
    {
      schema: {
        operationId: 'listNotes',
        tags,
        summary: 'Notes and positions the caller may see',
        querystring: NoteListQuerySchema,
        response: { 200: pageOf(NoteSchema) },
      },
    },
    async (request) => listNotes(deps, request.actor, request.query),
  );

  app.post(
    '/notes',
    {
      schema: {
        operationId: 'writeNote',
        tags,
        summary: 'Write a note: caucus (own party) or joint, on at most one parent',
        body: CreateNoteSchema,
        response: { 201: NoteSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await writeNote(deps, request.actor, request.body)),
  );

  app.get(
    '/notes/:id',
    {
      schema: {
        operationId: 'getNote',
        tags,
        summary: 'One note',
        params: IdParamsSchema,
        response: { 200: NoteSchema },
      },
    },
    async (request) =>
      toNote(request.actor, await findNote(deps.db, request.actor, request.params.id)),
  );

  app.patch(
    '/notes/:id',
    {
      schema: {
        operationId: 'updateNote',
        tags,
        summary: "Change a note (its author or a secretary of the author's party)",
        params: IdParamsSchema,
        body: UpdateNoteSchema,
        response: { 200: NoteSchema },
      },
    },
    async (request) => updateNote(deps, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/notes/:id',
    {
      schema: {
        operationId: 'deleteNote',
        tags,
        summary: "Delete a note (its author or a secretary of the author's party)",
        params: IdParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteNote(deps, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
