/**
 * The save-safety suite: every way a save can meet a real file system, with the bytes on disk
 * checked byte for byte afterwards. Runs against the real disk (and a real full tmpfs where the
 * machine lets us mount one), with faults injected only where the OS cannot be made to fail.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSystem, type FileSystem } from './fileSystem';
import { readDocumentFile } from './read';
import { saveFile } from './save';

const scratch = mkdtempSync(path.join(tmpdir(), 'chainrule-save-safety-'));
afterAll(() => {
  chmodAll(scratch);
  rmSync(scratch, { recursive: true, force: true });
});

/** Makes everything under `dir` writable again so it can be removed. */
function chmodAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) chmodAll(path.join(dir, entry.name));
  }
}

let counter = 0;
/** A fresh folder per test. */
function folder(): string {
  const dir = path.join(scratch, `case-${counter++}`);
  mkdirSync(dir);
  return dir;
}

/** The document on disk before the save: multi-byte text, so any re-encoding would show. */
const ORIGINAL = Buffer.from('{"format":"chainrule.graph","name":"ünïcode ✓ 😀"}\n', 'utf8');
const NEW_TEXT = '{"format":"chainrule.graph","name":"saved"}\n';

const bytesOf = (file: string): Buffer => readFileSync(file);
const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
const isRoot = process.getuid?.() === 0;

describe('saving through links', () => {
  it('a symbolic link: the target gets the save and the link stays a link', async () => {
    const dir = folder();
    const real = path.join(dir, 'real.graph');
    const link = path.join(dir, 'link.graph');
    writeFileSync(real, ORIGINAL);
    symlinkSync('real.graph', link);
    const result = await saveFile(link, NEW_TEXT);
    expect(result).toMatchObject({ kind: 'saved', target: real, method: 'replaced' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(bytesOf(real).toString('utf8')).toBe(NEW_TEXT);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a chain of links into another folder, and a dangling link, are followed too', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'store'));
    const real = path.join(dir, 'store', 'real.graph');
    writeFileSync(real, ORIGINAL);
    symlinkSync(path.join('store', 'real.graph'), path.join(dir, 'one.graph'));
    symlinkSync('one.graph', path.join(dir, 'two.graph'));
    expect(await saveFile(path.join(dir, 'two.graph'), NEW_TEXT)).toMatchObject({
      kind: 'saved',
      target: real,
    });
    expect(bytesOf(real).toString('utf8')).toBe(NEW_TEXT);

    symlinkSync('missing.graph', path.join(dir, 'dangling.graph'));
    await saveFile(path.join(dir, 'dangling.graph'), NEW_TEXT);
    expect(lstatSync(path.join(dir, 'dangling.graph')).isSymbolicLink()).toBe(true);
    expect(bytesOf(path.join(dir, 'missing.graph')).toString('utf8')).toBe(NEW_TEXT);
  });

  it('a hard link: rewritten in place, so every name sees the save (same inode)', async () => {
    const dir = folder();
    const first = path.join(dir, 'first.graph');
    const second = path.join(dir, 'second.graph');
    writeFileSync(first, ORIGINAL);
    linkSync(first, second);
    const inode = statSync(first).ino;
    const result = await saveFile(first, NEW_TEXT);
    expect(result).toMatchObject({ kind: 'saved', method: 'in-place' });
    expect(statSync(first).ino).toBe(inode);
    expect(statSync(first).nlink).toBe(2);
    expect(bytesOf(second).toString('utf8')).toBe(NEW_TEXT);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a link loop is refused with a sentence, and nothing is written', async () => {
    const dir = folder();
    symlinkSync('b.graph', path.join(dir, 'a.graph'));
    symlinkSync('a.graph', path.join(dir, 'b.graph'));
    expect(await saveFile(path.join(dir, 'a.graph'), NEW_TEXT)).toMatchObject({
      kind: 'failed',
      detail: 'it is a loop of symbolic links',
    });
    expect(readdirSync(dir).sort()).toEqual(['a.graph', 'b.graph']);
  });
});

describe('permissions', () => {
  it.each([0o664, 0o600, 0o640, 0o444 | 0o200])('keeps mode %o exactly', async (mode) => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    chmodSync(file, mode);
    expect(await saveFile(file, NEW_TEXT)).toMatchObject({ kind: 'saved' });
    expect(statSync(file).mode & 0o7777).toBe(mode);
  });

  it('a read-only file is not written until the person says so; then its mode stays', async () => {
    const dir = folder();
    const file = path.join(dir, 'locked.graph');
    writeFileSync(file, ORIGINAL);
    chmodSync(file, 0o444);
    // Judged by the mode, so it holds even as root (whom the OS would let write).
    expect(await saveFile(file, NEW_TEXT)).toEqual({
      kind: 'read-only',
      target: file,
      where: 'file',
    });
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    expect(await saveFile(file, NEW_TEXT, { overwriteReadOnly: true })).toMatchObject({
      kind: 'saved',
    });
    expect(bytesOf(file).toString('utf8')).toBe(NEW_TEXT);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('a read-only folder is not written into until the person says so', async () => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    chmodSync(dir, 0o555);
    expect(await saveFile(file, NEW_TEXT)).toEqual({
      kind: 'read-only',
      target: file,
      where: 'folder',
    });
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    const forced = await saveFile(file, NEW_TEXT, { overwriteReadOnly: true });
    if (isRoot) {
      expect(forced.kind).toBe('saved');
    } else {
      expect(forced).toMatchObject({ kind: 'failed', code: 'EACCES' });
      expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    }
    chmodSync(dir, 0o755);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a folder that refuses new files (EACCES, as a non-root user sees it) leaves the original', async () => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    const fs = withFault({ createExclusive: () => fail('EACCES') });
    expect(await saveFile(file, NEW_TEXT, { fs })).toMatchObject({
      kind: 'failed',
      code: 'EACCES',
      detail: "you don't have permission to write there",
    });
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it.runIf(isRoot)('keeps the owner of a file saved by root', async () => {
    const dir = folder();
    const file = path.join(dir, 'theirs.graph');
    writeFileSync(file, ORIGINAL);
    chownSync(file, 1234, 2345);
    await saveFile(file, NEW_TEXT);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([1234, 2345]);
  });
});

describe('a file changed on disk since it was opened', () => {
  it('is not overwritten: the other program’s bytes stay, until the person chooses Overwrite', async () => {
    const dir = folder();
    const file = path.join(dir, 'shared.graph');
    writeFileSync(file, ORIGINAL);
    const opened = await readDocumentFile(file);
    if (opened.kind !== 'read') throw new Error('setup');
    const theirs = Buffer.from('{"format":"chainrule.graph","name":"theirs"}\n');
    writeFileSync(file, theirs);
    expect(await saveFile(file, NEW_TEXT, { expected: opened.stamp })).toEqual({
      kind: 'changed-on-disk',
      target: file,
    });
    expect(bytesOf(file).equals(theirs)).toBe(true);
    const forced = await saveFile(file, NEW_TEXT, {
      expected: opened.stamp,
      overwriteChanged: true,
    });
    expect(forced.kind).toBe('saved');
    expect(bytesOf(file).toString('utf8')).toBe(NEW_TEXT);
  });

  it('a same-size change with the old modification time is caught by the hash', async () => {
    const dir = folder();
    const file = path.join(dir, 'sneaky.graph');
    writeFileSync(file, 'aaaa');
    const opened = await readDocumentFile(file);
    if (opened.kind !== 'read') throw new Error('setup');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, 'bbbb');
    utimesSync(file, atime, mtime);
    expect((await saveFile(file, NEW_TEXT, { expected: opened.stamp })).kind).toBe(
      'changed-on-disk',
    );
    expect(bytesOf(file).toString()).toBe('bbbb');
  });

  it('a file only touched (same bytes, new time) is not a conflict; nor is the app’s own save', async () => {
    const dir = folder();
    const file = path.join(dir, 'touched.graph');
    writeFileSync(file, ORIGINAL);
    const opened = await readDocumentFile(file);
    if (opened.kind !== 'read') throw new Error('setup');
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const first = await saveFile(file, NEW_TEXT, { expected: opened.stamp });
    if (first.kind !== 'saved') throw new Error(`expected a save, got ${first.kind}`);
    const second = await saveFile(file, `${NEW_TEXT}\n`, { expected: first.stamp });
    expect(second.kind).toBe('saved');
  });
});

describe('a crash or failure between writing and renaming', () => {
  it('the rename fails (as if the process died there): the original stays, no temporary file', async () => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    const fs = withFault({ rename: () => fail('EIO') });
    expect((await saveFile(file, NEW_TEXT, { fs })).kind).toBe('failed');
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('the new bytes are complete and synced before the rename, and the folder after it', async () => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    const real = nodeFileSystem();
    const steps: string[] = [];
    const fs = withFault({
      async createExclusive(temp, data, mode) {
        await real.createExclusive(temp, data, mode); // writes, chmods and fsyncs
        steps.push(
          `synced ${readFileSync(temp).toString('utf8') === NEW_TEXT ? 'complete' : 'partial'}`,
        );
      },
      async rename(from, to) {
        steps.push('rename');
        await real.rename(from, to);
      },
      async syncDirectory(folderPath) {
        steps.push(`sync folder ${folderPath === dir ? 'of the file' : folderPath}`);
        await real.syncDirectory(folderPath);
      },
    });
    expect((await saveFile(file, NEW_TEXT, { fs })).kind).toBe('saved');
    expect(steps).toEqual(['synced complete', 'rename', 'sync folder of the file']);
  });
});

describe('a full disk', () => {
  it('injected ENOSPC while writing the temporary file: the original stays byte for byte', async () => {
    const dir = folder();
    const file = path.join(dir, 'net.graph');
    writeFileSync(file, ORIGINAL);
    const real = nodeFileSystem();
    const fs = withFault({
      async createExclusive(temp, data, mode) {
        // Half the bytes reach the disk, then it is full.
        await real.createExclusive(temp, data.subarray(0, data.byteLength >> 1), mode);
        fail('ENOSPC');
      },
    });
    expect(await saveFile(file, NEW_TEXT, { fs })).toMatchObject({
      kind: 'failed',
      code: 'ENOSPC',
      detail: 'the disk is full',
    });
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('injected ENOSPC halfway through an in-place (hard link) write: the old bytes are put back', async () => {
    const dir = folder();
    const file = path.join(dir, 'linked.graph');
    writeFileSync(file, ORIGINAL);
    linkSync(file, path.join(dir, 'other-name.graph'));
    const real = nodeFileSystem();
    let calls = 0;
    const fs = withFault({
      async overwriteInPlace(target, data) {
        calls++;
        if (calls === 1) {
          await real.overwriteInPlace(target, data.subarray(0, 7)); // a torn write
          fail('ENOSPC');
        }
        await real.overwriteInPlace(target, data);
      },
    });
    expect(await saveFile(file, NEW_TEXT, { fs })).toMatchObject({
      kind: 'failed',
      code: 'ENOSPC',
    });
    expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
    expect(bytesOf(path.join(dir, 'other-name.graph')).equals(ORIGINAL)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('if even the old bytes cannot be put back, the new content is kept in a named file', async () => {
    const dir = folder();
    const file = path.join(dir, 'linked.graph');
    writeFileSync(file, ORIGINAL);
    linkSync(file, path.join(dir, 'other.graph'));
    const fs = withFault({ overwriteInPlace: () => fail('EIO') });
    const result = await saveFile(file, NEW_TEXT, { fs });
    expect(result.kind === 'failed' && result.staged).toBeTruthy();
    if (result.kind !== 'failed' || result.staged === undefined) return;
    expect(bytesOf(result.staged).toString('utf8')).toBe(NEW_TEXT);
  });

  const tmpfs = mountTmpfs();
  afterAll(() => {
    if (tmpfs.dir === null) return;
    execFileSync('umount', [tmpfs.dir]);
    rmSync(tmpfs.dir, { recursive: true, force: true });
  });
  it.skipIf(tmpfs.dir === null)(
    `a real full tmpfs (${tmpfs.dir === null ? `skipped: ${tmpfs.reason}` : 'mounted'}): plain and hard-linked files survive`,
    async () => {
      const dir = tmpfs.dir!;
      const file = path.join(dir, 'net.graph');
      const linked = path.join(dir, 'linked.graph');
      writeFileSync(file, ORIGINAL);
      writeFileSync(linked, ORIGINAL);
      linkSync(linked, path.join(dir, 'linked-too.graph'));
      fill(path.join(dir, 'filler'));
      const big = `{"name":"${'x'.repeat(48 * 1024)}"}`;
      expect(await saveFile(file, big)).toMatchObject({ kind: 'failed', code: 'ENOSPC' });
      expect(bytesOf(file).equals(ORIGINAL)).toBe(true);
      expect(await saveFile(linked, big)).toMatchObject({ kind: 'failed', code: 'ENOSPC' });
      expect(bytesOf(linked).equals(ORIGINAL)).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    },
  );
});

describe('names', () => {
  it('a 255-byte name still leaves room for the temporary file', async () => {
    const dir = folder();
    const file = path.join(dir, `${'é'.repeat(124)}x.graph`);
    expect(Buffer.byteLength(path.basename(file))).toBe(255);
    writeFileSync(file, ORIGINAL);
    expect((await saveFile(file, NEW_TEXT)).kind).toBe('saved');
    expect(bytesOf(file).toString('utf8')).toBe(NEW_TEXT);
  });

  it('control characters, right-to-left text and emoji in names are just names', async () => {
    const dir = folder();
    for (const name of [
      'tab\there.graph',
      'line\nbreak.graph',
      'del\u007f.graph',
      'שלום.graph',
      '😀',
      '\u202egnp.graph',
    ]) {
      const file = path.join(dir, name);
      expect((await saveFile(file, NEW_TEXT)).kind).toBe('saved');
      const read = await readDocumentFile(file);
      expect(read.kind === 'read' && read.text).toBe(NEW_TEXT);
    }
  });
});

/** A real file system with some operations replaced. */
function withFault(overrides: Partial<FileSystem>): FileSystem {
  return { ...nodeFileSystem(), ...overrides };
}

function fail(code: string): never {
  throw Object.assign(new Error(`${code}: injected`), { code });
}

/** Writes to `file` until the file system is full. */
function fill(file: string): void {
  const chunk = Buffer.alloc(4096, 1);
  let data = Buffer.alloc(0);
  try {
    for (;;) {
      data = Buffer.concat([data, chunk]);
      writeFileSync(file, data);
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  }
}

/** Mounts a 64 KiB tmpfs where the machine allows it (root with CAP_SYS_ADMIN); says why not. */
function mountTmpfs(): { dir: string | null; reason: string } {
  if (process.platform !== 'linux') return { dir: null, reason: 'tmpfs is Linux only' };
  const dir = mkdtempSync(path.join(tmpdir(), 'chainrule-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, reason: '' };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { dir: null, reason: `mount -t tmpfs is not permitted here (${stderr || 'no mount'})` };
  }
}
