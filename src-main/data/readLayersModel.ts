// Reads a TensorFlow.js Layers model as tf.io saves it (model.json and the weight files its manifest names) into the
// in-memory form the pretrained learner loads; the engine itself does no I/O.
import { readFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { DataError } from './dataError.ts';

export interface LayersModelFiles {
  /** model.json, parsed. */
  modelJson: io.ModelJSON;
  /** The weight files of modelJson.weightsManifest, concatenated in manifest order. */
  weightData: ArrayBuffer;
}

const REMEDY = 'Save the model with TensorFlow.js (model.save) or convert a Keras model with tensorflowjs_converter.';

const bytesPerValue: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

export async function readLayersModelFiles(modelJsonPath: string): Promise<LayersModelFiles> {
  let text: string;
  try {
    text = await readFile(modelJsonPath, 'utf8');
  } catch (error) {
    throw new DataError(modelJsonPath, `cannot be read (${(error as Error).message})`, 'Check the path.');
  }
  let modelJson: io.ModelJSON;
  try {
    modelJson = JSON.parse(text) as io.ModelJSON;
  } catch {
    throw new DataError(modelJsonPath, 'is not JSON', REMEDY);
  }
  const manifest = modelJson?.weightsManifest;
  if (
    typeof modelJson?.modelTopology !== 'object' ||
    modelJson.modelTopology === null ||
    !Array.isArray(manifest) ||
    !manifest.every((group) => Array.isArray(group?.paths) && Array.isArray(group?.weights))
  ) {
    throw new DataError(
      modelJsonPath,
      'is not a TensorFlow.js Layers model (no modelTopology or weightsManifest)',
      REMEDY,
    );
  }
  const shards: Uint8Array[] = [];
  for (const path of manifest.flatMap((group) => group.paths)) {
    const folder = resolve(dirname(modelJsonPath));
    const file = resolve(folder, path);
    // Weight files sit beside model.json; a manifest that points elsewhere is not read.
    if (!file.startsWith(folder + sep)) {
      throw new DataError(modelJsonPath, `its weight file ${path} lies outside the model's folder`, REMEDY);
    }
    try {
      shards.push(await readFile(file));
    } catch (error) {
      throw new DataError(
        modelJsonPath,
        `its weight file ${path} cannot be read (${(error as Error).message})`,
        REMEDY,
      );
    }
  }
  const weightData = concat(shards);
  const expected = expectedBytes(manifest.flatMap((group) => group.weights));
  if (expected !== undefined && expected !== weightData.byteLength) {
    throw new DataError(
      modelJsonPath,
      `its weight files hold ${weightData.byteLength} bytes but the manifest describes ${expected}`,
      'The weight files do not belong to this model.json; save the model again.',
    );
  }
  return { modelJson, weightData };
}

function concat(shards: Uint8Array[]): ArrayBuffer {
  const out = new Uint8Array(shards.reduce((sum, s) => sum + s.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    out.set(shard, offset);
    offset += shard.byteLength;
  }
  return out.buffer;
}

/** The bytes the weights take, or undefined when that is not known from the manifest alone (string weights). */
function expectedBytes(specs: io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const bytes = bytesPerValue[spec.quantization?.dtype ?? spec.dtype];
    if (bytes === undefined || !Array.isArray(spec.shape)) return undefined;
    total += bytes * spec.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}
