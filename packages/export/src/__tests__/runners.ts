import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's interpreter: a pyenv `python3` earlier on PATH cannot see apt's numpy and torch. */
export const PYTHON = process.env['CHAINRULE_PYTHON'] ?? '/usr/bin/python3';

/**
 * Fails (never skips) when Python, NumPy or PyTorch is missing, saying how to install them: the
 * export tests must run, in CI (where .ci/run installs them) and locally.
 */
export const requirePython = (): void => {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      `the export tests run the Python exports under ${PYTHON} with NumPy and PyTorch, which ` +
        `failed (${(probe.error?.message ?? probe.stderr).trim() || `exit ${String(probe.status)}`}). ` +
        'Install them with: sudo apt-get install python3-numpy python3-torch ' +
        '(or point CHAINRULE_PYTHON at an interpreter that has both).',
    );
  }
};

/** A fresh temporary folder for one test file's exports. */
export const scratchFolder = (): string => mkdtempSync(join(tmpdir(), 'chainrule-export-'));

/** What one exported program printed: its JSON line parsed, or what went wrong. */
export type ProgramRun =
  | { readonly ok: true; readonly line: { output: number; grads: Record<string, number> } }
  | { readonly ok: false; readonly error: string };

const parseLine = (stdout: string): ProgramRun => {
  const lines = stdout.trim().split('\n');
  if (lines.length !== 1) return { ok: false, error: `expected one line, got: ${stdout}` };
  try {
    return {
      ok: true,
      line: JSON.parse(lines[0]!) as { output: number; grads: Record<string, number> },
    };
  } catch (error) {
    return { ok: false, error: `not JSON (${String(error)}): ${stdout}` };
  }
};

const PYTHON_DRIVER = `
import contextlib, io, json, runpy, sys
for path in sys.argv[1:]:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name="__main__")
        print(json.dumps({"file": path, "stdout": out.getvalue()}))
    except BaseException as error:
        print(json.dumps({"file": path, "error": repr(error)}))
`;

/**
 * Runs Python scripts as \`python3 FILE\` would (as \`__main__\`), all in one interpreter so
 * torch is imported once, and returns each one's printed JSON line.
 */
export const runPythonScripts = (folder: string, files: readonly string[]): ProgramRun[] => {
  const driver = join(folder, 'run_exports.py');
  writeFileSync(driver, PYTHON_DRIVER);
  const result = spawnSync(PYTHON, [driver, ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  const byFile = new Map<string, ProgramRun>();
  for (const line of result.stdout.trim().split('\n')) {
    const entry = JSON.parse(line) as { file: string; stdout?: string; error?: string };
    byFile.set(
      entry.file,
      entry.error !== undefined ? { ok: false, error: entry.error } : parseLine(entry.stdout!),
    );
  }
  return files.map((file) => byFile.get(file) ?? { ok: false, error: 'did not run' });
};

const TSX = join(import.meta.dirname, '../../../../node_modules/.bin/tsx');

/** Runs one file with tsx, as a person would (`npx tsx FILE.ts`), returning its JSON line. */
export const runTypescriptFile = (file: string): ProgramRun => {
  const result = spawnSync(TSX, [file], { encoding: 'utf8' });
  if (result.status !== 0) return { ok: false, error: result.stderr };
  return parseLine(result.stdout);
};

/**
 * Imports every TypeScript module in one tsx child process and calls its `evaluate()`, returning
 * each result as the JSON line its main would print.
 */
export const runTypescriptModules = (folder: string, files: readonly string[]): ProgramRun[] => {
  const driver = join(folder, 'run-exports.ts');
  writeFileSync(
    driver,
    [
      ...files.map(
        (file, index) =>
          `import { evaluate as evaluate${String(index)} } from ${JSON.stringify(file)};`,
      ),
      `const all = [${files.map((_file, index) => `evaluate${String(index)}`).join(', ')}];`,
      'for (const evaluate of all) {',
      '  const { value, grads } = evaluate();',
      '  console.log(JSON.stringify({ output: value, grads }));',
      '}',
      '',
    ].join('\n'),
  );
  const result = spawnSync(TSX, [driver], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tsx failed: ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return files.map((_file, index) => parseLine(lines[index] ?? ''));
};
