// `mixedml report` on the built-in example project: one self-contained HTML file with the project's fit in it.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readProjectFile } from '../services/projects.ts';
import { exampleProjectPath } from '../services/exampleProject.ts';

const cli = fileURLToPath(new URL('../../bin/mixedml.mjs', import.meta.url));
const run = promisify(execFile);

describe('mixedml report', () => {
  it('writes the report of a project file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mixedml-report-cli-'));
    try {
      const project = exampleProjectPath();
      const { stdout } = await run(process.execPath, [cli, 'report', '--project', project, '--out', join(dir, 'r')]);
      expect(stdout).toContain(join(dir, 'r.html'));
      const html = await readFile(join(dir, 'r.html'), 'utf8');
      const { analyses } = await readProjectFile(project);
      const fit = analyses[0]!.fit!;
      expect(html).toContain(`<td class="num">${fit.fixef.x1_1!.toPrecision(4)}</td>`);
      expect(html).toContain('<h3>appendix_b_nonlinear.csv</h3>');
      expect(html).toContain('example.mixedml, saved by mixedML Studio');
      expect(html.match(/<svg[\s>]/g)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a missing option in one line', async () => {
    const failure = await run(process.execPath, [cli, 'report', '--project', 'p.mixedml']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 2, stderr: 'mixedml: missing --out report.html\n' });
  });
});
