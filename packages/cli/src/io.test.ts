import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from './io';
import { runCli } from './testing';

const scratch = mkdtempSync(join(tmpdir(), 'chainrule-io-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('refuses a file over 64 MiB without reading it', async () => {
    const huge = join(scratch, 'huge.graph');
    writeFileSync(huge, '');
    truncateSync(huge, 65 * 1024 * 1024); // sparse: no disk space, but stat reports 65 MiB
    await expect(readTextFile(huge)).rejects.toThrow(
      'the file is 65.0 MiB, larger than the 64.0 MiB a .graph file may be',
    );
  }, 60_000);

  it('reads UTF-8, and refuses directories and other encodings', async () => {
    const good = join(scratch, 'good.graph');
    writeFileSync(good, 'ü✓');
    await expect(readTextFile(good)).resolves.toBe('ü✓');
    await expect(readTextFile(scratch)).rejects.toThrow('is a directory, not a .graph file');
    const bad = join(scratch, 'bad.graph');
    writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00]));
    await expect(readTextFile(bad)).rejects.toThrow('the file is not UTF-8 text');
  });

  it('turns read failures into one sentence per file', async () => {
    const { code, stderr } = await runCli(['check', 'dir.graph'], {});
    expect(code).toBe(2);
    expect(stderr).toBe('chainrule: dir.graph: no such file\n');
  });
});
