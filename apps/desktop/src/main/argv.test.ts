import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphFilesFromArgv } from './argv';

describe('graphFilesFromArgv', () => {
  it('finds .graph files and resolves them against the launch folder', () => {
    const cwd = path.resolve('/home/me/work');
    expect(
      graphFilesFromArgv(
        ['/opt/Chainrule/chainrule', '--no-sandbox', 'net.graph', '../other/B.GRAPH', 'notes.txt'],
        cwd,
      ),
    ).toEqual([path.join(cwd, 'net.graph'), path.resolve(cwd, '../other/B.GRAPH')]);
  });

  it('skips the app folder electron is started with in development', () => {
    expect(graphFilesFromArgv(['/usr/bin/electron', '.', '--inspect=5858'], '/x')).toEqual([]);
  });

  it('takes names after -- literally, even if they look like flags', () => {
    expect(graphFilesFromArgv(['app', '--', '-weird.graph'], path.resolve('/d'))).toEqual([
      path.resolve('/d', '-weird.graph'),
    ]);
  });
});
