/**
 * `@chainrule/files`: how Chainrule reads and saves `.graph` files on a real disk (Node only).
 * The desktop app's main process and the CLI both use it, so both keep modes, follow links,
 * fsync before renaming, and refuse the same files with the same words.
 */
export type { FileInfo, FileSystem } from './fileSystem';
export { nodeFileSystem } from './fileSystem';
export type { FileStamp } from './stamp';
export { differsFromStamp, sha256Hex } from './stamp';
export type { ReadDocumentOptions, ReadDocumentResult, ReadProblem } from './read';
export { describeReadError, readDocumentFile } from './read';
export type { SaveFileOptions, SaveFileResult } from './save';
export { saveFile, temporaryName } from './save';
export { describeWriteError, errorCode } from './problems';
