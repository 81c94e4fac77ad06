import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = decodeURIComponent(new URL('../../../../../', import.meta.url).pathname);
const importing =
  "import { GalleryHint } from '../learn/GalleryHint';\nexport const hint = GalleryHint;\n";

const restrictedImports = async (file: string): Promise<string[]> => {
  const [result] = await new ESLint({ cwd: root }).lintText(importing, {
    filePath: `${root}apps/desktop/src/renderer/${file}`,
  });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
};

describe('the canvas → learn boundary is enforced by lint', () => {
  it('refuses a learn/ import in canvas/ and inspector/', async () => {
    for (const file of ['canvas/Probe.tsx', 'inspector/Probe.tsx']) {
      const messages = await restrictedImports(file);
      expect(messages, file).toHaveLength(1);
      expect(messages[0]).toContain('extension point');
    }
  }, 60_000);

  it('lets App.tsx plug learning mode in', async () => {
    expect(await restrictedImports('App.tsx')).toEqual([]);
  }, 60_000);
});
