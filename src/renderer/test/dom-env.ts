import { configure } from '@testing-library/react';

/**
 * findBy/waitFor give up after 1 s by default. A first render of antd screens in jsdom takes
 * longer than that on a loaded 2-core machine (CI runs beside the backend tests), so tests
 * wait up to 8 s; a passing test does not wait longer for it.
 */
configure({ asyncUtilTimeout: 8000 });

/**
 * Browser APIs that antd calls and jsdom lacks. They stand in for layout facts (screen size,
 * element size) that jsdom cannot compute anyway; nothing the app decides depends on them.
 */
if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class NoopResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoopResizeObserver;
  }
  // jsdom implements getComputedStyle but throws "Not implemented" for pseudo-elements,
  // which antd's scrollbar measurement asks for.
  const original = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => original(elt);
}
export {};
