// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWidget } from '../test-support.tsx';
import { BracketText, type Paragraph, selectedPassage } from './bracket-text.tsx';

afterEach(cleanup);

const paragraphs: Paragraph[] = [
  {
    id: 'p1',
    firstLine: 1,
    segments: [
      { kind: 'text', text: 'The council ' },
      {
        kind: 'bracket',
        id: 'b1',
        alternatives: [
          { id: 'a-nato', holder: 'nato', text: 'condemns', reason: null },
          { id: 'a-rus', holder: 'russia', text: 'regrets', reason: null },
        ],
      },
      { kind: 'text', text: ' the attacks.' },
    ],
  },
];

describe('the bracket editor', () => {
  it('shows every alternative of a bracket with its holder', () => {
    renderWidget(
      <BracketText paragraphs={paragraphs} party={null} canNegotiate={false} onAction={() => {}} />,
    );
    const bracket = document.querySelector('[data-bracket="b1"]') as HTMLElement;
    expect(bracket.textContent).toContain('NATO: condemns');
    expect(bracket.textContent).toContain('Russia: regrets');
    expect(bracket.textContent).toMatch(/^.*\[.*\|.*\]/);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it("lets a party accept the other's wording and withdraw only its own", async () => {
    const onAction = vi.fn();
    renderWidget(
      <BracketText paragraphs={paragraphs} party="nato" canNegotiate onAction={onAction} />,
    );
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: /Accept NATO/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Withdraw your wording: regrets/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: "Accept Russia's wording: regrets" }));
    expect(onAction).toHaveBeenLastCalledWith({ kind: 'accept', alternativeId: 'a-rus' });
    await user.click(screen.getByRole('button', { name: 'Withdraw your wording: condemns' }));
    expect(onAction).toHaveBeenLastCalledWith({ kind: 'withdraw', alternativeId: 'a-nato' });
  });

  it('adds a wording of its own to a bracket', async () => {
    const onAction = vi.fn();
    renderWidget(
      <BracketText paragraphs={paragraphs} party="nato" canNegotiate onAction={onAction} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Propose an alternative' }));
    await user.type(screen.getByLabelText('Your wording'), 'deplores');
    await user.click(screen.getByRole('button', { name: 'Propose' }));
    expect(onAction).toHaveBeenCalledWith({
      kind: 'propose',
      paragraphId: 'p1',
      bracketId: 'b1',
      text: 'deplores',
    });
  });

  it('brackets a passage the reader selected, as the offsets in its run of text', async () => {
    const onAction = vi.fn();
    renderWidget(
      <BracketText paragraphs={paragraphs} party="russia" canNegotiate onAction={onAction} />,
    );
    const run = document.querySelector('[data-run="2"]') as HTMLElement;
    const textNode = run.firstChild as Text;
    const range = document.createRange();
    range.setStart(textNode, 5);
    range.setEnd(textNode, 12);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Bracket the selected words' }));
    const form = screen
      .getByLabelText('Your wording for the selected words')
      .closest('form') as HTMLElement;
    await user.type(within(form).getByRole('textbox'), 'the acts');
    await user.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(onAction).toHaveBeenCalledWith({
      kind: 'bracket',
      paragraphId: 'p1',
      segment: 2,
      start: 5,
      end: 12,
      text: 'the acts',
    });
  });

  it('takes no passage from an empty selection or one across two runs', () => {
    renderWidget(
      <BracketText paragraphs={paragraphs} party="russia" canNegotiate onAction={() => {}} />,
    );
    const first = (document.querySelector('[data-run="0"]') as HTMLElement).firstChild as Node;
    const last = (document.querySelector('[data-run="2"]') as HTMLElement).firstChild as Node;
    const base = { anchorOffset: 1, focusOffset: 3, isCollapsed: false };
    expect(selectedPassage({ ...base, anchorNode: first, focusNode: last })).toBeNull();
    expect(
      selectedPassage({ ...base, anchorNode: first, focusNode: first, isCollapsed: true }),
    ).toBeNull();
    expect(selectedPassage({ ...base, anchorNode: first, focusNode: first })).toEqual({
      paragraphId: 'p1',
      segment: 0,
      start: 1,
      end: 3,
    });
  });
});
