import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayersModelFiles } from './readLayersModel.ts';

const topology = { class_name: 'Sequential', config: { name: 'tiny', layers: [] } };

/** A model.json whose weights (32 + 12 bytes) lie in three files, one in a subfolder. */
async function writeModel(dir: string, options: { skip?: string; short?: boolean } = {}) {
  const bytes = Uint8Array.from({ length: 44 }, (_, i) => i);
  const files: Record<string, Uint8Array> = {
    'a.bin': bytes.subarray(0, 20),
    'b.bin': bytes.subarray(20, 32),
    'shards/c.bin': options.short ? bytes.subarray(32, 40) : bytes.subarray(32, 44),
  };
  await mkdir(join(dir, 'shards'), { recursive: true });
  for (const [name, data] of Object.entries(files)) if (name !== options.skip) await writeFile(join(dir, name), data);
  const modelJson = {
    format: 'layers-model',
    modelTopology: topology,
    weightsManifest: [
      {
        paths: ['a.bin', 'b.bin'],
        weights: [
          { name: 'dense/kernel', shape: [2, 3], dtype: 'float32' },
          { name: 'dense/bias', shape: [2], dtype: 'float32' },
        ],
      },
      { paths: ['shards/c.bin'], weights: [{ name: 'steps', shape: [3], dtype: 'int32' }] },
    ],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
  return bytes;
}

describe('readLayersModelFiles', () => {
  it('returns model.json and its weight files concatenated in manifest order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layers-model-'));
    const bytes = await writeModel(dir);
    const { modelJson, weightData } = await readLayersModelFiles(join(dir, 'model.json'));
    expect(modelJson.modelTopology).toEqual(topology);
    expect(modelJson.weightsManifest.flatMap((g) => g.weights.map((w) => w.name))).toEqual([
      'dense/kernel',
      'dense/bias',
      'steps',
    ]);
    expect(new Uint8Array(weightData)).toEqual(bytes);
  });

  it('names a missing weight file, weights of the wrong size, and files that are no model', async () => {
    const missing = await mkdtemp(join(tmpdir(), 'layers-model-'));
    await writeModel(missing, { skip: 'b.bin' });
    await expect(readLayersModelFiles(join(missing, 'model.json'))).rejects.toThrow(
      /weight file b\.bin cannot be read/,
    );
    const short = await mkdtemp(join(tmpdir(), 'layers-model-'));
    await writeModel(short, { short: true });
    await expect(readLayersModelFiles(join(short, 'model.json'))).rejects.toThrow(/hold 40 bytes .* describes 44/);
    await writeFile(join(short, 'data.json'), JSON.stringify({ rows: [] }));
    await expect(readLayersModelFiles(join(short, 'data.json'))).rejects.toThrow(/not a TensorFlow\.js Layers model/);
    await writeFile(join(short, 'broken.json'), '{"modelTopology": ');
    await expect(readLayersModelFiles(join(short, 'broken.json'))).rejects.toThrow(/broken\.json: is not JSON/);
    await expect(readLayersModelFiles(join(short, 'none.json'))).rejects.toThrow(/none\.json: cannot be read/);
  });
});
