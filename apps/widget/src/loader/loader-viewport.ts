/**
 * Keeps a full-screen panel inside the visual viewport, so the on-screen keyboard never covers
 * the composer (iOS Safari shrinks only the visual viewport when the keyboard opens). Returns
 * the function that stops following it.
 *
 * @example
 * const unfit = fitToVisualViewport(panel, window);
 * // on close:
 * unfit();
 */
export function fitToVisualViewport(panel: HTMLElement, win: Window): () => void {
  const vv = win.visualViewport;
  if (!vv) return () => {};
  const fit = () => {
    panel.style.top = `${vv.offsetTop}px`;
    panel.style.height = `${vv.height}px`;
  };
  vv.addEventListener('resize', fit);
  vv.addEventListener('scroll', fit);
  fit();
  return () => {
    vv.removeEventListener('resize', fit);
    vv.removeEventListener('scroll', fit);
    panel.style.top = panel.style.height = '';
  };
}
