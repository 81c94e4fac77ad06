/** What the report says about where it ran: numbers only mean something next to these. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';

/** Machine, runtime and library versions. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly commit: string;
  readonly libraries: Readonly<Record<string, string>>;
  readonly date: string;
}

const require = createRequire(import.meta.url);

// Read package.json from the node_modules folders Node would search: some packages do not
// export their package.json, so require.resolve('x/package.json') cannot be used.
const versionOf = (pkg: string): string => {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const path = join(dir, pkg, 'package.json');
    if (existsSync(path))
      return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
};

const gitCommit = (): string => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

/** Reads the machine, Node/V8 and the versions of the libraries the baselines use. */
export const machineInfo = (): MachineInfo => {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    commit: gitCommit(),
    libraries: {
      rxjs: versionOf('rxjs'),
      '@preact/signals-core': versionOf('@preact/signals-core'),
      '@tensorflow/tfjs': versionOf('@tensorflow/tfjs'),
      typescript: versionOf('typescript'),
      tsx: versionOf('tsx'),
    },
    date: new Date().toISOString().slice(0, 10),
  };
};
