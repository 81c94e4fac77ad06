/**
 * The Node error code of `error` (`ENOSPC`, `EACCES`, …), or `undefined`.
 * @example errorCode(Object.assign(new Error('x'), { code: 'ENOSPC' })) // 'ENOSPC'
 * @public
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * A clause a person can act on for a failed write, without the file name (callers add it).
 * @example describeWriteError({ code: 'ENOSPC' }) // 'the disk is full'
 * @public
 */
export function describeWriteError(error: unknown): string {
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return "you don't have permission to write there";
    case 'EROFS':
      return 'the location is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its folder no longer exists';
    case 'EISDIR':
      return 'it is a folder, not a document';
    case 'ENAMETOOLONG':
      return 'the name is too long for this file system';
    case 'ELOOP':
      return 'it is a loop of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
