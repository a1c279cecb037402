// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHORTCUTS, useShortcut } from './shortcuts';

function Harness({ onResolve, onHelp }: { onResolve(): void; onHelp(): void }) {
  useShortcut('e', onResolve);
  useShortcut('?', onHelp);
  return (
    <div>
      <textarea aria-label="Reply" />
      <input aria-label="Search" />
      <button>Somewhere</button>
      <div role="dialog" aria-label="Transfer">
        <button>In a dialog</button>
      </div>
    </div>
  );
}

describe('keyboard shortcuts', () => {
  afterEach(cleanup);

  it('fire on single keys outside text fields, never while typing or with modifiers', () => {
    const onResolve = vi.fn();
    const onHelp = vi.fn();
    const { getByLabelText, getByText } = render(<Harness onResolve={onResolve} onHelp={onHelp} />);
    fireEvent.keyDown(getByText('Somewhere'), { key: 'e' });
    expect(onResolve).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(getByLabelText('Reply'), { key: 'e' });
    fireEvent.keyDown(getByLabelText('Search'), { key: 'e' });
    fireEvent.keyDown(document.body, { key: 'e', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'e', metaKey: true });
    fireEvent.keyDown(getByText('In a dialog'), { key: 'e' });
    expect(onResolve).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    expect(onHelp).toHaveBeenCalledOnce();
  });

  it('documents every shortcut once in the help overlay', () => {
    const keys = SHORTCUTS.map((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of ['j', 'k', 'r', 'n', 'e', 'a', 'o', 'p', 's', 'u', 't', 'l', '/', 'Shift+A', 'Shift+P', '?']) expect(keys).toContain(key);
  });
});
