// Smooth pan and zoom on big maps (software rendering included).
//
// With `textureOnViewport`, Cytoscape draws a bitmap of the graph while the
// viewport moves instead of redrawing every element each frame. Its bitmap is
// made by a fresh render of the whole graph at twice the resolution when the
// gesture starts: on a 2,000-firm map that first frame takes 0.3–0.9 s on a
// 2-core machine, so a pan starts with a visible freeze and loses a quarter of
// its frames. The frame on screen already shows exactly that viewport, so this
// hands Cytoscape a copy of it (about a millisecond) as the bitmap. After the
// gesture Cytoscape redraws the elements as usual (crisp again after a zoom).
//
// It uses the canvas renderer's internals (cytoscape 3.3x: `render`,
// `textureCache`, `data.canvases`, `hoverData`); when they are not there it
// does nothing and Cytoscape's own bitmap is used.
import type { Core } from 'cytoscape';

interface TextureCache {
  bb: null;
  texture: HTMLCanvasElement;
  viewport: { zoom: number; pan: { x: number; y: number }; width: number; height: number; mpan: { x: number; y: number } };
}

interface CanvasRendererInternals {
  render(options?: { forcedContext?: unknown }): void;
  textureOnViewport: boolean;
  textureCache: TextureCache | null;
  canvasWidth: number;
  canvasHeight: number;
  NODE: number;
  data: { canvases: HTMLCanvasElement[]; wheelZooming?: boolean };
  hoverData: { dragging?: boolean };
  pinching?: boolean;
  swipePanning?: boolean;
}

function internals(cy: Core): CanvasRendererInternals | null {
  const r = (cy as unknown as { renderer?: () => unknown }).renderer?.() as Partial<CanvasRendererInternals> | undefined;
  if (!r || typeof r.render !== 'function' || !r.data?.canvases || typeof r.NODE !== 'number' || !r.hoverData) return null;
  return r as CanvasRendererInternals;
}

/** Makes the viewport bitmap of a moving big map a copy of the frame on screen. Returns false when the renderer is not the expected one. */
export function usePanSnapshot(cy: Core): boolean {
  const r = internals(cy);
  if (!r) return false;
  const render = r.render;
  const copy = document.createElement('canvas');
  r.render = function (this: CanvasRendererInternals, options) {
    const moving = r.hoverData.dragging || r.pinching || r.swipePanning || r.data.wheelZooming;
    if (r.textureOnViewport && moving && !r.textureCache && !options?.forcedContext) {
      const onScreen = r.data.canvases[r.NODE];
      if (onScreen && onScreen.width > 0 && onScreen.height > 0) {
        copy.width = onScreen.width;
        copy.height = onScreen.height;
        copy.getContext('2d')?.drawImage(onScreen, 0, 0);
        const zoom = cy.zoom();
        const pan = cy.pan();
        r.textureCache = {
          bb: null,
          texture: copy,
          viewport: { zoom, pan, width: r.canvasWidth, height: r.canvasHeight, mpan: { x: -pan.x / zoom, y: -pan.y / zoom } },
        };
      }
    }
    return render.call(this, options);
  };
  return true;
}
