// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWidget } from '../test-support.tsx';
import { DiffView } from './diff-view.tsx';

afterEach(cleanup);

describe('the diff view', () => {
  it('shows two versions side by side: removals struck on the left, additions marked on the right', () => {
    renderWidget(
      <DiffView
        from={2}
        to={3}
        paragraphs={[
          {
            id: 'p1',
            change: 'changed',
            parts: [
              { value: 'The council ', added: false, removed: false },
              { value: 'regrets', added: false, removed: true },
              { value: 'condemns', added: true, removed: false },
              { value: ' the attacks.', added: false, removed: false },
            ],
          },
          {
            id: 'p2',
            change: 'added',
            parts: [{ value: 'A new paragraph.', added: true, removed: false }],
          },
          {
            id: 'p3',
            change: 'removed',
            parts: [{ value: 'An old one.', added: false, removed: true }],
          },
        ]}
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Version 2' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Version 3' })).toBeTruthy();
    const [, changed, added, removed] = screen.getAllByRole('row');
    const [left, right] = Array.from(changed?.querySelectorAll('td') ?? []);
    expect(left?.textContent).toBe('The council regrets the attacks.');
    expect(left?.querySelector('del')?.textContent).toBe('regrets');
    expect(left?.querySelector('ins')).toBeNull();
    expect(right?.textContent).toBe('The council condemns the attacks.');
    expect(right?.querySelector('ins')?.textContent).toBe('condemns');
    expect(right?.querySelector('del')).toBeNull();
    expect(added?.querySelectorAll('td')[0]?.textContent).toBe('');
    expect(added?.querySelectorAll('td')[1]?.textContent).toBe('A new paragraph.');
    expect(removed?.querySelectorAll('td')[0]?.textContent).toBe('An old one.');
    expect(removed?.querySelectorAll('td')[1]?.textContent).toBe('');
  });

  it('says so when there is nothing to compare', () => {
    renderWidget(<DiffView from={1} to={2} paragraphs={[]} />);
    expect(screen.getByText('No paragraph to compare.')).toBeTruthy();
  });
});
