// deck.gl layers for flows and alliances. Measured and modelled flows are solid strokes (modelled ones
// lighter); documented flows are dashes of one width, so a flow with no figure never looks like a number.
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Alliance } from '../data/flow-json.ts';
import { ALLIANCE_DOTS, allianceCurve, dashes, strokeMesh, type DrawnFlow, type StrokeMesh } from '../data/flow-geometry.ts';
import { ALLIANCE_COLOUR, flowColour, flowWidth, hexToRgb, type WidthScale } from '../data/flow-style.ts';
import { StrokeLayer } from './stroke-layer.ts';

export type Hovered = { kind: 'flow'; drawn: DrawnFlow } | { kind: 'alliance'; alliance: Alliance } | null;

/** With a unit selected, its flows keep their colour and every other flow fades to a trace. */
export const isFaded = (f: DrawnFlow['flow'], selected: string | null): boolean => selected !== null && f.origin !== selected && f.dest !== selected;

/** Under the place names: flows must never hide a label. */
const BELOW = 'labels-township';

export function buildLayers(
  drawn: readonly DrawnFlow[],
  scales: ReadonlyMap<string, WidthScale>,
  alliances: readonly Alliance[] | null,
  onHover: (h: Hovered, x: number, y: number) => void,
  beforeId: string | undefined,
  selected: string | null = null,
): Layer[] {
  const colour = (f: DrawnFlow['flow']): [number, number, number, number] => {
    const c = flowColour(f);
    return isFaded(f, selected) ? [c[0], c[1], c[2], 25] : c;
  };
  const withFigure = drawn.filter((d) => d.flow.magnitude !== null);
  const documented = drawn.filter((d) => d.flow.magnitude === null);
  const dashed = documented.flatMap((d, i) => dashes(d.path).map((path) => ({ path, i })));
  const picked = { pickable: true, autoHighlight: true, highlightColor: [0, 0, 0, 90] as [number, number, number, number], ...(beforeId ? { beforeId } : {}) };
  const layers: Layer[] = [];
  if (alliances?.length) {
    // Dots with round ends, one mesh like the flows: a pairing reads as dotted, never as a flow's dash.
    const dots = alliances.flatMap((a, i) => dashes(allianceCurve([a.a.lon, a.a.lat], [a.b.lon, a.b.lat]), ALLIANCE_DOTS).map((path) => ({ path, i })));
    const ink: [number, number, number, number] = [...hexToRgb(ALLIANCE_COLOUR), 220];
    layers.push(
      new StrokeLayer<Alliance>({
        id: 'alliances',
        data: alliances,
        mesh: strokeMesh(dots.map((d) => d.path), (k) => dots[k]!.i, true),
        colourOf: () => ink,
        widthOf: () => 3,
        ...picked,
        onHover: (info: PickingInfo<Alliance>) => onHover(info.object ? { kind: 'alliance', alliance: info.object } : null, info.x, info.y),
      }) as unknown as Layer,
    );
  }
  // Every curve of a layer in one mesh and one draw call (stroke-layer.ts): SwiftShader pays per instance.
  const strokes = (id: string, data: DrawnFlow[], mesh: StrokeMesh) =>
    new StrokeLayer<DrawnFlow>({
      id,
      data,
      mesh,
      colourOf: (d) => colour(d.flow),
      widthOf: (d) => flowWidth(d.flow, scales),
      ...picked,
      onHover: (info: PickingInfo<DrawnFlow>) => onHover(info.object ? { kind: 'flow', drawn: info.object } : null, info.x, info.y),
    }) as unknown as Layer;
  layers.push(
    // Round ends, as deck's paths had: at 12 px a square end shows. 8 vertices a flow, ≈ 6 % of a 10k frame.
    strokes('flows-figure', withFigure, strokeMesh(withFigure.map((d) => d.path), undefined, true)),
    // Each dash its own stretch of the mesh, all owned by their flow: hovering one dash lights the whole flow.
    // Square ends: round ones at 2.5 px would double the vertices (1,865 dashes at 10k) for a pixel each side.
    strokes('flows-documented', documented, strokeMesh(dashed.map((d) => d.path), (k) => dashed[k]!.i)),
  );
  return layers;
}

export { BELOW };
