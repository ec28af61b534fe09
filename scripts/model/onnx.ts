// Writes the default model's ONNX graph with the generated protobuf classes from onnx-proto.
// The graph is what a BERT-type model exports, minus the transformer layers:
//   last_hidden_state = Cast<float>(Gather(E_fp16, input_ids)) * attention_mask[..., None]
// transformers.js' feature-extraction pipeline then mean-pools over the mask and L2-normalises,
// so a sentence vector is the (SIF-weighted, see embeddings.ts) average of its word vectors.
// E is stored as float16 to halve the file (the vectors are only meaningful to ~3 digits anyway).
import { createRequire } from 'node:module';
import type * as OnnxProto from 'onnx-proto';

const require = createRequire(import.meta.url);
// onnx-proto is a CommonJS protobufjs bundle; its typings describe the namespace object it exports.
const { onnx } = require('onnx-proto') as typeof OnnxProto;

/** IEEE 754 binary16 from a JS number, round-to-nearest-even, done by hand for a stable ES2023 target. */
export function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

export interface GraphSpec {
  vocabSize: number;
  dim: number;
  /** Row-major vocabSize × dim. */
  weights: Float32Array;
  producer: string;
}

const TP = onnx.TensorProto.DataType;

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) =>
            typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

export function buildOnnx(spec: GraphSpec): Uint8Array {
  const raw = new Uint8Array(spec.weights.length * 2);
  const view = new DataView(raw.buffer);
  spec.weights.forEach((w, i) => view.setUint16(i * 2, toHalf(w), true));

  const embeddings = onnx.TensorProto.create({
    name: 'embeddings.word_embeddings.weight',
    dataType: TP.FLOAT16,
    dims: [spec.vocabSize, spec.dim],
    rawData: raw,
  });
  const axes = onnx.TensorProto.create({ name: 'unsqueeze_axes', dataType: TP.INT64, dims: [1], int64Data: [2] });

  const nodes = [
    onnx.NodeProto.create({ name: 'lookup', opType: 'Gather', input: ['embeddings.word_embeddings.weight', 'input_ids'], output: ['tok16'], attribute: [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 })] }),
    onnx.NodeProto.create({ name: 'to_f32', opType: 'Cast', input: ['tok16'], output: ['tok32'], attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: TP.FLOAT })] }),
    onnx.NodeProto.create({ name: 'mask_f32', opType: 'Cast', input: ['attention_mask'], output: ['mask32'], attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: TP.FLOAT })] }),
    onnx.NodeProto.create({ name: 'mask_3d', opType: 'Unsqueeze', input: ['mask32', 'unsqueeze_axes'], output: ['mask3'] }),
    onnx.NodeProto.create({ name: 'apply_mask', opType: 'Mul', input: ['tok32', 'mask3'], output: ['last_hidden_state'] }),
  ];

  const graph = onnx.GraphProto.create({
    name: 'xiaoer_static_embedding',
    node: nodes,
    initializer: [embeddings, axes],
    input: [
      valueInfo('input_ids', TP.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', TP.INT64, ['batch_size', 'sequence_length']),
    ],
    output: [valueInfo('last_hidden_state', TP.FLOAT, ['batch_size', 'sequence_length', spec.dim])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: spec.producer,
    producerVersion: '1',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
