// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWidget } from '../test-support.tsx';
import { AgendaList, moveBy, reorderIds } from './agenda-list.tsx';

afterEach(cleanup);

const items = ['Balkans', 'Non-proliferation', 'Civil emergencies'].map((title, i) => ({
  id: `i${i + 1}`,
  title,
  visibility: 'joint' as const,
  party: null,
}));

describe('reordering an agenda', () => {
  it.each([
    [['a', 'b', 'c'], ['c'], 'a', 'before', ['c', 'a', 'b']],
    [['a', 'b', 'c'], ['a'], 'c', 'after', ['b', 'c', 'a']],
    [['a', 'b', 'c'], ['a', 'b'], 'c', 'after', ['c', 'a', 'b']],
    [['a', 'b', 'c'], ['b'], 'b', 'before', ['a', 'b', 'c']],
    [['a', 'b', 'c'], ['b'], 'gone', 'before', ['a', 'b', 'c']],
  ] as const)('a drop of %j moving %j %s %s gives %j', (ids, moved, target, position, expected) => {
    expect(reorderIds(ids, moved, target, position as 'before' | 'after')).toEqual(expected);
  });

  it.each([
    [['a', 'b', 'c'], 'c', -1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 'a', 1, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 'a', -1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 'c', 1, ['a', 'b', 'c']],
  ] as const)('moving in %j the item %s by %i gives %j', (ids, id, delta, expected) => {
    expect(moveBy(ids, id, delta as -1 | 1)).toEqual(expected);
  });
});

describe('the agenda widget', () => {
  it('sends the whole new order when an item is moved with the keyboard, and moves nothing itself', async () => {
    const onReorder = vi.fn();
    renderWidget(<AgendaList items={items} canEdit onReorder={onReorder} />);
    const user = userEvent.setup();
    const up = screen.getByRole('button', { name: 'Move Civil emergencies up' });
    // Keyboard only: Tab into the agenda, the arrows down to the third row, Tab to its button.
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    for (let i = 0; i < 5 && document.activeElement !== up; i++) await user.tab();
    expect(document.activeElement).toBe(up);
    await user.keyboard('{Enter}');
    expect(onReorder).toHaveBeenCalledWith(['i1', 'i3', 'i2']);
    // Not optimistic: the order on screen is still the server's until it answers.
    expect(screen.getAllByRole('row').map((r) => r.textContent)).toEqual([
      expect.stringContaining('Balkans'),
      expect.stringContaining('Non-proliferation'),
      expect.stringContaining('Civil emergencies'),
    ]);
  });

  it('cannot move the first item up nor the last down, and nothing while the server is busy', async () => {
    const onReorder = vi.fn();
    const { rerender } = renderWidget(<AgendaList items={items} canEdit onReorder={onReorder} />);
    expect(screen.getByRole('button', { name: 'Move Balkans up' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByRole('button', { name: 'Move Civil emergencies down' })).toHaveProperty(
      'disabled',
      true,
    );
    rerender(<AgendaList items={items} canEdit busy onReorder={onReorder} />);
    for (const button of screen.getAllByRole('button', { name: /^Move / })) {
      expect(button).toHaveProperty('disabled', true);
    }
    await userEvent.setup().click(screen.getByRole('button', { name: 'Move Balkans down' }));
    expect(onReorder).not.toHaveBeenCalled();
  });

  it('offers no handle or button to a reader who may not edit, and marks a caucus item', () => {
    // A draggable row without a handle is one a keyboard cannot move: a reader's rows are not
    // draggable at all (react-aria warns of such rows).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    renderWidget(
      <AgendaList
        items={[...items, { id: 'c', title: 'Our line', visibility: 'caucus', party: 'nato' }]}
        canEdit={false}
        onReorder={() => {}}
      />,
    );
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('NATO caucus only')).toBeTruthy();
    expect(document.querySelector('[data-allows-dragging]')).toBeNull();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
