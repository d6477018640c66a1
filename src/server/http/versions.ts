import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../domain/errors.ts';

/**
 * The version a caller read, from the body's `version` or the `If-Match` header (the ETag the
 * GET sent: `"3"`, or weak `W/"3"`). Both given and different is a contradiction the caller
 * must resolve (ValidationFailed).
 */
export function versionRead(
  request: FastifyRequest,
  bodyVersion: number | undefined,
): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return bodyVersion;
  const match = /^\s*(?:W\/)?"(\d{1,10})"\s*$/.exec(header);
  if (!match?.[1]) throw invalid('if-match', 'an ETag of this item, such as "3"', 'header');
  const fromHeader = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== fromHeader) {
    throw invalid('version', 'differs from the version in If-Match');
  }
  return fromHeader;
}

/** The ETag of an item that can be agreed: its version, which agreeing names. */
export function tagVersion(reply: FastifyReply, version: number): void {
  reply.header('etag', `"${version}"`);
}
