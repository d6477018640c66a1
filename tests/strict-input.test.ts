import { sample } from 'openapi-sampler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from './support/openapi-document.ts';
import {
  addUser,
  createTestContext,
  type Method,
  type TestContext,
  type TestUser,
} from './support/test-context.ts';

/**
 * Every request body and query of the OpenAPI document refuses a field it does not know, with a
 * 400 naming that field: a typo (`endAt`) or a field of another route (`visibility` where it is
 * not accepted) must never be dropped silently while the request "succeeds". The valid part of
 * each request is sampled from the document itself, so a new route is covered without a table.
 */

type JSONSchema7 = Parameters<typeof sample>[0];

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JSONSchema7;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JSONSchema7; example?: unknown }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: object;
}

const document = (await openApiDocument()) as Document;
const UNKNOWN = 'notAField';

let ctx: TestContext;
// Every role, so that each request reaches validation whatever the route needs.
let user: TestUser;

beforeAll(async () => {
  ctx = await createTestContext();
  user = await addUser(ctx, 'nato', ['member', 'secretary', 'chair', 'admin']);
});
afterAll(async () => ctx.close());

const sampleOf = (schema: JSONSchema7, skipNonRequired: boolean) =>
  sample(schema, { skipNonRequired, enablePatterns: true, quiet: true }, document);

function urlOf(path: string, operation: Operation, extraQuery: Record<string, string> = {}) {
  const parameters = operation.parameters ?? [];
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(String(parameter ? sampleOf(parameter.schema, true) : 'x'));
  });
  const query = new URLSearchParams(extraQuery);
  for (const parameter of parameters) {
    if (parameter.in === 'query' && parameter.required) {
      query.set(parameter.name, String(sampleOf(parameter.schema, true)));
    }
  }
  const search = query.toString();
  return search ? `${filled}?${search}` : filled;
}

const send = (method: string, url: string, payload?: unknown) =>
  ctx.app.inject({
    method: method.toUpperCase() as Method,
    url,
    headers: user.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** Every place in `value` where a JSON object sits, as a path of keys and array indexes. */
function objectPaths(value: unknown, at: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, [...at, `${i}`]));
  if (value === null || typeof value !== 'object') return [];
  return [at, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...at, key]))];
}

function withUnknownField(value: unknown, at: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const key of at) target = target[key] as Record<string, unknown>;
  target[UNKNOWN] = 'x';
  return copy;
}

/** Every object schema inside `schema` that leaves unknown properties open. */
function openObjects(schema: unknown, at = '#'): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const own = node.type === 'object' && node.additionalProperties !== false ? [at] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) => openObjects(child, `${at}/${key}`)),
  ];
}

type Entry = { path: string; method: string; operation: Operation };
const operations: Entry[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
const bodySchema = (o: Entry) => o.operation.requestBody?.content['application/json']?.schema;
const bodyExample = (o: Entry) => o.operation.requestBody?.content['application/json']?.example;
const title = (o: Entry) => `${o.method.toUpperCase()} ${o.path}`;

/**
 * A valid-shaped body for the route (undefined when it takes none): the document's own example
 * of the whole body when it gives one (where the fields alone cannot say what goes together, a
 * series' cadence or rule), else the required fields alone, else every field. The server is the
 * judge: any answer but 400 (201, 404 for the sampled ids, 409 ...) means it passed validation,
 * so that the only mistake in a request that adds an unknown field is that field.
 */
async function validBody(o: Entry): Promise<unknown> {
  const schema = bodySchema(o);
  if (schema === undefined) return undefined;
  const example = bodyExample(o);
  const samples = [sampleOf(schema, true), sampleOf(schema, false)];
  for (const candidate of example === undefined ? samples : [example, ...samples]) {
    if ((await send(o.method, urlOf(o.path, o.operation), candidate)).statusCode !== 400) {
      return candidate;
    }
  }
  throw new Error(`${title(o)}: no sampled body passes validation`);
}

/** The one error names the field by its path, where it was, and its JSON Pointer there. */
async function expectRefused(
  response: Awaited<ReturnType<typeof send>>,
  where: 'body' | 'query',
  path: string[],
) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json().errors).toEqual([
    {
      field: path.join('.'),
      in: where,
      pointer: `/${path.join('/')}`,
      message: expect.any(String),
    },
  ]);
}

// Every route, also one without query parameters: `?at=` must never look as if it applied.
describe('unknown query parameters', () => {
  it.each(operations.map((o) => [title(o), o] as const))(
    '%s answers 400 naming it',
    async (_, o) => {
      const url = urlOf(o.path, o.operation, { [UNKNOWN]: 'x' });
      await expectRefused(await send(o.method, url, await validBody(o)), 'query', [UNKNOWN]);
    },
  );
});

describe('unknown body fields', () => {
  it.each(operations.filter((o) => bodySchema(o)).map((o) => [title(o), o] as const))(
    '%s answers 400 naming it, at every level of the body',
    async (_, o) => {
      expect(openObjects(bodySchema(o)), 'every object of the body is closed').toEqual([]);
      const valid = await validBody(o);
      const places = objectPaths(valid);
      expect(places.length).toBeGreaterThan(0);
      for (const at of places) {
        const response = await send(
          o.method,
          urlOf(o.path, o.operation),
          withUnknownField(valid, at),
        );
        await expectRefused(response, 'body', [...at, UNKNOWN]);
      }
    },
  );
});
