import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { besideRepository } from './beside-repository.ts';

/**
 * The OASIS Akoma Ntoso 3.0 schema, which stays out of the repository: from `AKN_SCHEMA`, or
 * `../shared/schemas/akomantoso/akomantoso30.xsd` beside the repository, with the `xml.xsd` it
 * imports from the same folder. Answers the reason when it is missing; under CI a missing
 * schema is a failure, not a skip.
 */
export function aknSchema():
  | { found: true; schema: string; xmlXsd: string; path: string }
  | { found: false; reason: string } {
  const found = besideRepository(
    'the Akoma Ntoso schema (akomantoso30.xsd, with the xml.xsd it imports beside it)',
    'AKN_SCHEMA',
    'shared/schemas/akomantoso/akomantoso30.xsd',
    ['xml.xsd'],
  );
  if (!found.found) return found;
  const { path } = found;
  const xmlXsd = join(dirname(path), 'xml.xsd');
  return {
    found: true,
    path,
    schema: readFileSync(path, 'utf8'),
    xmlXsd: readFileSync(xmlXsd, 'utf8'),
  };
}

/** Validates documents against the schema with libxml2 (xmllint-wasm): the errors, none when valid. */
export async function validateAkn(
  schema: { schema: string; xmlXsd: string },
  documents: { name: string; xml: string }[],
): Promise<string[]> {
  const result = await validateXML({
    xml: documents.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: [{ fileName: 'akomantoso30.xsd', contents: schema.schema }],
    preload: [{ fileName: 'xml.xsd', contents: schema.xmlXsd }],
    maxMemoryPages: 16 * 1024,
  });
  return result.errors.map((e) => e.rawMessage);
}
