import type { Deps } from '../server/deps.ts';
import { OPERATOR } from '../server/modules/access/actor.ts';
import {
  type ExportFile,
  exportData,
  serializeExport,
} from '../server/modules/transfer/export-data.ts';
import { beginPrivateFile } from './private-file.ts';

/**
 * Writes everything in the database to `file` as `council export` does, for export and for a
 * PostgreSQL backup alike: the file is claimed before the export runs, so a planted partial
 * stops it before any work, and written beside the target and renamed, so a failure never
 * leaves half a backup. Answers what it wrote.
 */
export async function writeExportFile(
  deps: Deps,
  file: string,
  options: { force: boolean },
): Promise<ExportFile> {
  const output = beginPrivateFile(file, options);
  let data: ExportFile;
  try {
    data = await exportData(deps, OPERATOR);
  } catch (error) {
    output.abort();
    throw error;
  }
  output.commit(serializeExport(data));
  return data;
}
