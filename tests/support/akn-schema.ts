import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The OASIS Akoma Ntoso 3.0 schema, which stays out of the repository: from `AKN_SCHEMA`, or
 * `../shared/schemas/akomantoso/akomantoso30.xsd` beside the repository, with the `xml.xsd` it
 * imports from the same folder. Answers the reason when it is missing; under CI a missing
 * schema is a failure, not a skip.
 */
export function aknSchema():
  | { found: true; schema: string; xmlXsd: string; path: string }
  | { found: false; reason: string } {
  const path = process.env.AKN_SCHEMA
    ? resolve(process.env.AKN_SCHEMA)
    : join(REPOSITORY, '../shared/schemas/akomantoso/akomantoso30.xsd');
  const xmlXsd = join(dirname(path), 'xml.xsd');
  const missing = [path, xmlXsd].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    const reason = `the Akoma Ntoso schema is missing (${missing.join(', ')}): set AKN_SCHEMA to akomantoso30.xsd, with xml.xsd beside it`;
    if (process.env.CI === 'true') throw new Error(reason);
    return { found: false, reason };
  }
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
