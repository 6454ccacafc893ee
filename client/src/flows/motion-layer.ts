// The animated mode: a dot layer moving along the drawn curves, redrawn every animation frame while on.
// Off by default, and never started when the system asks for reduced motion.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { DrawnFlow, LonLat } from '../data/flow-geometry.ts';
import { dotsAt } from '../data/flow-motion.ts';
import { flowColour } from '../data/flow-style.ts';

interface Dot {
  at: LonLat;
  colour: [number, number, number, number];
}

export const prefersReducedMotion = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Past this many flows the dots would cost more than they tell: direction is left to the curves' bend. */
const MOST_ANIMATED = 3000;

export function createMotion(onFrame: () => void): {
  layer(drawn: readonly DrawnFlow[], beforeId: string | undefined): Layer | null;
  set(on: boolean): void;
  readonly running: boolean;
} {
  let on = false;
  let frame = 0;
  const started = performance.now();
  const tick = () => {
    onFrame();
    frame = requestAnimationFrame(tick);
  };
  return {
    layer(drawn, beforeId) {
      if (!on || drawn.length > MOST_ANIMATED) return null;
      const seconds = (performance.now() - started) / 1000;
      const dots: Dot[] = drawn.flatMap((d) => {
        const c = flowColour(d.flow);
        return dotsAt(d.path, seconds).map((at) => ({ at, colour: [c[0], c[1], c[2], 255] as [number, number, number, number] }));
      });
      return new ScatterplotLayer<Dot>({
        id: 'flows-motion',
        data: dots,
        getPosition: (d) => d.at,
        getFillColor: (d) => d.colour,
        getLineColor: [255, 255, 255, 230],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        radiusUnits: 'pixels',
        getRadius: 3.5,
        pickable: false,
        ...(beforeId ? { beforeId } : {}),
      }) as Layer;
    },
    set(next) {
      if (next === on) return;
      on = next;
      cancelAnimationFrame(frame);
      if (on) frame = requestAnimationFrame(tick);
    },
    get running() {
      return on;
    },
  };
}
