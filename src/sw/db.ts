import { openReaderDB, type ReaderDatabase } from '../shared/db.ts';

let connection: Promise<ReaderDatabase> | undefined;

/** The worker's connection, reopened after the browser or a newer version closed it. */
export function getDB(): Promise<ReaderDatabase> {
  connection ??= openReaderDB({
    onVersionChange: () => (connection = undefined),
    onTerminated: () => (connection = undefined),
  }).catch((e: unknown) => {
    connection = undefined;
    throw e;
  });
  return connection;
}
