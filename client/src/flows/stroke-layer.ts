// Curves drawn as one triangle mesh in a single draw call (data/flow-geometry.ts, strokeMesh), instead of
// deck's PathLayer, which draws every segment as an instance: SwiftShader pays ≈ 20 µs per instance
// whatever its vertices, so a frame with 1,500 curves (≈ 13,000 segments) was bound by it
// (docs/client-flows.md, "Session 5"). Consecutive segments meet on the mitre of their joint, worked out
// with the mesh (no notch, no doubled ink where a stroke is translucent); a curve's ends are square, or round
// where the mesh adds half discs there. Every vertex carries its object's picking colour, so hovering
// anywhere on a curve picks and highlights the whole curve.
import { Layer, project32, picking, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';
import type { StrokeMesh } from '../data/flow-geometry.ts';

// As PathLayer's extrusion in common space (Web Mercator, where the mesh's offsets are directions): one
// projection a vertex. Three (the point and both neighbours, for the joint in the shader) cost more.
const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME flow-stroke-layer-vertex-shader

in vec2 positions;
in vec2 positions64Low;
in vec2 offsets;
in float widths;
in vec4 colors;
in vec3 pickingColors;

out vec4 vColor;

void main(void) {
  geometry.worldPosition = vec3(positions, 0.0);
  geometry.pickingColor = pickingColors;
  vec3 commonPosition = project_position(vec3(positions, 0.0), vec3(positions64Low, 0.0));
  vec3 offset = vec3(offsets * project_pixel_size(widths / 2.0), 0.0);
  DECKGL_FILTER_SIZE(offset, geometry);
  geometry.position = vec4(commonPosition + offset, 1.0);
  gl_Position = project_common_position_to_clipspace(geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vColor = vec4(colors.rgb, colors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME flow-stroke-layer-fragment-shader
precision highp float;
in vec4 vColor;
out vec4 fragColor;
void main(void) {
  fragColor = vColor;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

type StrokeProps<T> = {
  mesh: StrokeMesh;
  /** Colour (RGBA 0–255) and width in pixels of the object a vertex belongs to. */
  colourOf: (o: T) => readonly number[];
  widthOf: (o: T) => number;
};

type Attr = { value: unknown };

// Both position attributes are read from one split; a mesh is split once, whichever attribute asks first.
const halves = new WeakMap<Float64Array, [Float32Array, Float32Array]>();

/** Splits doubles into the high and low float32 halves deck's projection takes (its fp64 positions). */
function split(values: Float64Array): [Float32Array, Float32Array] {
  const known = halves.get(values);
  if (known) return known;
  const high = new Float32Array(values);
  const low = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) low[i] = values[i]! - high[i]!;
  halves.set(values, [high, low]);
  return [high, low];
}

export class StrokeLayer<T> extends Layer<LayerProps & StrokeProps<T> & { data: readonly T[] }> {
  static override layerName = 'FlowStrokeLayer';
  static override defaultProps = {
    mesh: { type: 'object', value: null, compare: true },
    colourOf: { type: 'function', value: () => [0, 0, 0, 255], compare: false },
    widthOf: { type: 'function', value: () => 1, compare: false },
  } as unknown as DefaultProps<LayerProps>;

  declare state: { model?: Model };

  override getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, picking] });
  }

  override initializeState(): void {
    const manager = this.getAttributeManager()!;
    // One picking colour per vertex (below), not per instance: there are no instances.
    manager.remove(['instancePickingColors']);
    const noAlloc = true;
    const vertexwise = (fill: (a: Attr, mesh: StrokeMesh) => void) => function (this: StrokeLayer<T>, a: Attr) {
      fill(a, this.props.mesh);
    };
    const position = (half: 0 | 1) => vertexwise((a, mesh) => (a.value = split(mesh.here)[half]));
    manager.add({
      indices: { size: 1, isIndexed: true, noAlloc, update: vertexwise((a, m) => (a.value = m.indices)) },
      positions: { size: 2, noAlloc, update: position(0) },
      positions64Low: { size: 2, noAlloc, update: position(1) },
      offsets: { size: 2, noAlloc, update: vertexwise((a, m) => (a.value = m.offset)) },
      widths: { size: 1, noAlloc, update: this.byOwner(1, Float32Array, (l, o, out) => (out[0] = l.props.widthOf(o))) },
      colors: { size: 4, type: 'unorm8', noAlloc, update: this.byOwner(4, Uint8Array, (l, o, out) => out.set(l.props.colourOf(o))) },
      pickingColors: { size: 4, type: 'uint8', noAlloc, update: this.byOwner(4, Uint8Array, (l, _, out, owner) => out.set(l.encodePickingColor(owner))) },
    });
    this.setState({ model: this.makeModel() });
  }

  /**
   * An attribute filled per vertex from the object the vertex belongs to, computed once per object. Deck
   * calls updaters on the layer holding the current props (a new instance each render), hence `this` here.
   */
  private byOwner<A extends Float32Array | Uint8Array>(size: number, Kind: new (n: number) => A, fill: (layer: StrokeLayer<T>, o: T, out: A, owner: number) => void) {
    return function (this: StrokeLayer<T>, a: Attr) {
      const { mesh, data } = this.props;
      const one = new Kind(data.length * size);
      data.forEach((o, i) => fill(this, o, one.subarray(i * size, i * size + size) as A, i));
      const value = new Kind(mesh.vertexCount * size);
      for (let v = 0; v < mesh.vertexCount; v++) value.set(one.subarray(mesh.owner[v]! * size, mesh.owner[v]! * size + size), v * size);
      a.value = value;
    };
  }

  private makeModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      topology: 'triangle-list',
      bufferLayout: this.getAttributeManager()!.getBufferLayouts({ isInstanced: false }),
      isIndexed: true,
      isInstanced: false,
    });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    // A new mesh: every attribute is read from it again (data alone changes only the per-object ones).
    if (params.props.mesh !== params.oldProps.mesh) this.getAttributeManager()!.invalidateAll();
    if (params.changeFlags.extensionsChanged) {
      this.state.model?.destroy();
      this.setState({ model: this.makeModel() });
      this.getAttributeManager()!.invalidateAll();
    }
  }

  override draw(): void {
    const model = this.state.model!;
    model.setVertexCount(this.props.mesh.indices.length);
    model.draw(this.context.renderPass);
  }

  override finalizeState(context: Parameters<Layer['finalizeState']>[0]): void {
    super.finalizeState(context);
    this.state.model?.destroy();
  }
}
