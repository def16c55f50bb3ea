// Saving and opening .mixedml project files. Writes are atomic (a temp file beside the target, then rename), so a
// crash mid-save never leaves a half-written project; opening validates the whole file and says what is wrong
// without touching it.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiError } from '../../src-shared/api.ts';
import { appName } from '../../src-shared/api.ts';
import { ProjectSchema, projectFormat, projectVersion, type Analysis, type Project } from '../../src-shared/project.ts';
import type { Dataset, DatasetStore } from './datasets.ts';
import { appVersion } from './version.ts';
import { writeFileAtomic } from './writeAtomic.ts';

export function makeProject(datasets: readonly Dataset[], analyses: readonly Analysis[]): Project {
  return {
    format: projectFormat,
    version: projectVersion,
    app: { name: appName, version: appVersion },
    savedAt: new Date().toISOString(),
    datasets: datasets.map((d) => ({
      id: d.id,
      name: d.name,
      sheet: d.read.sheet,
      derived: d.derived,
      bytes: d.bytes.toString('base64'),
    })),
    analyses: [...analyses],
  };
}

export function writeProjectFile(path: string, project: Project): Promise<void> {
  return writeFileAtomic(path, JSON.stringify(project), 'project');
}

export async function readProjectFile(path: string): Promise<Project> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code})`;
    throw new ApiError('failed', `${name}: ${what}. Check the folder and the file name.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError('failed', `${name}: this is not a mixedML project, or it is damaged (not valid JSON).`);
  }
  const header = raw as { format?: unknown; version?: unknown };
  if (header?.format !== projectFormat) {
    throw new ApiError('failed', `${name}: this is not a mixedML project file.`);
  }
  if (typeof header.version === 'number' && header.version > projectVersion) {
    throw new ApiError(
      'failed',
      `${name} was saved by a newer mixedML Studio (project version ${header.version}; this app reads up to ` +
        `${projectVersion}). Update the app to open it; the file was not changed.`,
    );
  }
  const parsed = ProjectSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError(
      'failed',
      `${name}: the project is damaged at ${issue.path.join('.') || 'its top level'} (${issue.message}). The file was not changed.`,
    );
  }
  return parsed.data;
}

/** Reads every embedded data set again and maps the analyses onto the new data-set ids. */
export async function openProject(
  path: string,
  store: DatasetStore,
): Promise<{ datasets: Dataset[]; analyses: Analysis[] }> {
  const project = await readProjectFile(path);
  const ids = new Map<string, string>();
  const datasets: Dataset[] = [];
  for (const d of project.datasets) {
    const dataset = await store.add(d.name, Buffer.from(d.bytes, 'base64'), { sheet: d.sheet }, d.derived);
    ids.set(d.id, dataset.id);
    datasets.push(dataset);
  }
  const analyses = project.analyses.map((a) => ({ ...a, datasetId: ids.get(a.datasetId) ?? a.datasetId }));
  return { datasets, analyses };
}
