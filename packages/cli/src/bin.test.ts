import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The real executable, spawned: everything else is tested in-process through `run`. */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/chainrule.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'chainrule-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const spawn = (
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });

describe('bin/chainrule.js', () => {
  it('`npx chainrule eval examples/seed.graph --json` runs from the repo root with no build', async () => {
    const { code, stdout, stderr } = await spawn('npx', [
      '--no-install',
      'chainrule',
      'eval',
      'examples/seed.graph',
      '--json',
      '--set',
      'a=1',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.nodes.J.value).toBe(21);
    expect([result.nodes.a.grad, result.nodes.b.grad, result.nodes.c.grad]).toEqual([3, 6, 9]);
  }, 60_000);

  it('exits 2 with one located line on stderr for a broken file, and 2 for a missing one', async () => {
    const broken = join(scratch, 'broken.graph');
    writeFileSync(broken, '{"format": "chainrule.graph", "version": 1,\n  "nodes": [}');
    const { code, stdout, stderr } = await spawn(process.execPath, [bin, 'check', broken]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `chainrule: ${broken}: line 2, column 13: unexpected "}": expected a value (an object, array, string, number, true, false or null)\n`,
    );
    const missing = await spawn(process.execPath, [bin, 'eval', join(scratch, 'nope.graph')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`chainrule: ${join(scratch, 'nope.graph')}: no such file\n`);
  }, 60_000);

  it('refuses a file that is not UTF-8', async () => {
    const latin1 = join(scratch, 'latin1.graph');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const { code, stderr } = await spawn(process.execPath, [bin, 'check', latin1]);
    expect(code).toBe(2);
    expect(stderr).toBe(`chainrule: ${latin1}: the file is not UTF-8 text\n`);
  }, 60_000);
});
