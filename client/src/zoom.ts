import { h, mount } from './dom';

/** Below this scale the diagram's 13-pixel text would be too small to read, so it starts no smaller. */
const READABLE = 0.85;
const MIN = 0.25;
const MAX = 4;
const STEP = 1.25;

/** What a zoomable view remembers across redraws of its drawing (a changed option redraws the diagram). */
interface ZoomState {
  /** null while the view follows its box's width (until the reader zooms). */
  scale: number | null;
}
const states = new WeakMap<HTMLElement, ZoomState>();

/**
 * Shows an SVG in `target` at a readable size, zoomable with − / + / fit buttons, the − and +
 * keys, and a two-finger pinch on a touch screen: the diagram zooms, not the page, and it pans
 * inside its box (scrollbars, a finger, or the arrow keys once the box has focus). It starts as
 * wide as its box, but never so small that its text cannot be read.
 */
export function zoomable(target: HTMLElement, svg: SVGSVGElement, label: string): void {
  const state = states.get(target) ?? { scale: null };
  states.set(target, state);
  const natural = svg.viewBox.baseVal?.width || svg.getBBox?.().width || 800;
  const scroller = h('div', {
    class: 'zoom-box',
    tabindex: 0,
    role: 'region',
    'aria-label': `${label} (scrolls; − and + zoom)`,
  });
  const readout = h('span', { class: 'zoom-level', 'aria-live': 'polite' });
  const fitScale = () => Math.max(READABLE, (scroller.clientWidth - 2) / natural);
  const current = () => state.scale ?? fitScale();

  /** Scales the drawing, keeping the point at (x, y) of the box (its centre by default) where it is. */
  const apply = (scale: number | null, x = scroller.clientWidth / 2, y = scroller.clientHeight / 2) => {
    const before = current();
    state.scale = scale === null ? null : Math.min(MAX, Math.max(MIN, scale));
    const after = current();
    const focusX = (scroller.scrollLeft + x) / before;
    const focusY = (scroller.scrollTop + y) / before;
    svg.style.width = `${Math.round(natural * after)}px`;
    scroller.scrollLeft = focusX * after - x;
    scroller.scrollTop = focusY * after - y;
    readout.textContent = `${Math.round(after * 100)} %`;
  };
  const button = (text: string, name: string, next: () => number | null) =>
    h('button', { type: 'button', 'aria-label': name, title: name, onclick: () => apply(next()) }, text);
  const controls = h(
    'div',
    { class: 'zoom-controls', role: 'group', 'aria-label': `${label}: zoom` },
    button('−', 'Zoom out', () => current() / STEP),
    readout,
    button('+', 'Zoom in', () => current() * STEP),
    button('↔', 'Fit to width', () => null),
  );
  svg.style.height = 'auto';
  mount(scroller, svg);
  mount(target, controls, scroller);
  apply(state.scale);

  scroller.addEventListener('keydown', (event) => {
    if (event.target !== scroller || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === '+' || event.key === '=') apply(current() * STEP);
    else if (event.key === '-') apply(current() / STEP);
    else return;
    event.preventDefault();
  });

  // Two fingers: the diagram follows their spread, around the point between them.
  let pinch: { distance: number; scale: number } | null = null;
  const spread = (touches: TouchList) => {
    const [a, b] = [touches[0], touches[1]];
    if (!a || !b) return null;
    const box = scroller.getBoundingClientRect();
    return {
      distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
      x: (a.clientX + b.clientX) / 2 - box.left,
      y: (a.clientY + b.clientY) / 2 - box.top,
    };
  };
  scroller.addEventListener(
    'touchstart',
    (event) => {
      const s = event.touches.length === 2 ? spread(event.touches) : null;
      pinch = s && s.distance > 0 ? { distance: s.distance, scale: current() } : null;
    },
    { passive: true },
  );
  scroller.addEventListener(
    'touchmove',
    (event) => {
      const s = pinch && event.touches.length === 2 ? spread(event.touches) : null;
      if (!pinch || !s) return;
      event.preventDefault();
      apply((pinch.scale * s.distance) / pinch.distance, s.x, s.y);
    },
    { passive: false },
  );
  scroller.addEventListener('touchend', (event) => {
    if (event.touches.length < 2) pinch = null;
  });
  // While it follows the box's width, a wider or narrower window redraws it to fit.
  new ResizeObserver(() => {
    if (state.scale === null && scroller.isConnected) apply(null);
  }).observe(scroller);
}
