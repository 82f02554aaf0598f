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
