import { Button, GridList, GridListItem, useDragAndDrop } from 'react-aria-components';
import { useT } from '../lib/i18n.tsx';

export interface AgendaEntry {
  id: string;
  title: string;
  visibility: 'public' | 'joint' | 'caucus';
  party: string | null;
  chairedBy?: string | null;
  outcome?: string | null;
  reconstructed?: boolean;
}

/** The ids in a new order: `moved` placed before or after `target` (the drop of a drag). */
export function reorderIds(
  ids: readonly string[],
  moved: readonly string[],
  target: string,
  position: 'before' | 'after',
): string[] {
  const movedSet = new Set(moved);
  const rest = ids.filter((id) => !movedSet.has(id));
  const at = rest.indexOf(target);
  if (at < 0) return [...ids];
  const keep = ids.filter((id) => movedSet.has(id));
  rest.splice(position === 'before' ? at : at + 1, 0, ...keep);
  return rest;
}

/** One item moved one place up (-1) or down (+1); the same ids when it cannot move. */
export function moveBy(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/**
 * A meeting's agenda in order. Whoever may edit it reorders by pointer (drag the handle), by
 * keyboard (the handle with Enter, arrows, Enter: React Aria's drag and drop) or with the
 * "move up" and "move down" buttons; `onReorder` gets every id in the new order. The order on
 * screen is the server's: nothing moves until the server has answered.
 */
export function AgendaList({
  items,
  canEdit,
  busy,
  onReorder,
}: {
  items: AgendaEntry[];
  canEdit: boolean;
  busy?: boolean;
  onReorder: (ids: string[]) => void;
}) {
  const t = useT();
  const ids = items.map((i) => i.id);
  // GridList must not gain or lose the hooks between renders: a reader's list has none (its
  // rows have no drag handle, and a draggable row without one is not reachable by keyboard),
  // and the list is made afresh (its key) when the caller comes to may edit or may no longer.
  // While a change is on its way, dragging is switched off instead.
  const { dragAndDropHooks } = useDragAndDrop({
    isDisabled: !canEdit || !!busy,
    getItems: (keys) =>
      [...keys].map((key) => ({ 'text/plain': items.find((i) => i.id === key)?.title ?? '' })),
    onReorder: (e) => {
      if (e.target.dropPosition === 'on') return;
      onReorder(
        reorderIds(ids, [...e.keys].map(String), String(e.target.key), e.target.dropPosition),
      );
    },
  });
  if (items.length === 0) return <p className="empty">{t('agenda.empty')}</p>;
  return (
    <GridList
      aria-label={t('agenda.title')}
      items={items}
      // The rows are cached per item: they must be drawn again when these change.
      dependencies={[busy, canEdit, t]}
      className="agenda"
      // Tab walks through a row's handle and buttons; the arrows move between rows.
      keyboardNavigationBehavior="tab"
      key={canEdit ? 'editable' : 'read-only'}
      dragAndDropHooks={canEdit ? dragAndDropHooks : undefined}
    >
      {(item) => {
        const index = ids.indexOf(item.id);
        return (
          <GridListItem id={item.id} textValue={item.title} className="agenda-item">
            {canEdit && (
              <Button
                slot="drag"
                className="drag-handle"
                aria-label={t('agenda.drag', { title: item.title })}
              >
                ⠿
              </Button>
            )}
            <span className="agenda-number">{index + 1}.</span>
            <span className="agenda-title">
              {item.title}
              {item.visibility === 'caucus' && (
                <span className={`mark mark-caucus mark-${item.party}`}>
                  {t('mark.caucus', { party: item.party === 'nato' ? 'NATO' : 'Russia' })}
                </span>
              )}
              {item.chairedBy && (
                <span className="tag">{t(`coChair.${item.chairedBy}` as 'coChair.russia')}</span>
              )}
              {item.reconstructed && <span className="tag">{t('agenda.reconstructed')}</span>}
              {item.outcome && <span className="agenda-outcome">{item.outcome}</span>}
            </span>
            {canEdit && (
              <span className="agenda-move">
                <Button
                  className="button button-small"
                  isDisabled={busy || index === 0}
                  aria-label={t('agenda.moveUp', { title: item.title })}
                  onPress={() => onReorder(moveBy(ids, item.id, -1))}
                >
                  ↑
                </Button>
                <Button
                  className="button button-small"
                  isDisabled={busy || index === items.length - 1}
                  aria-label={t('agenda.moveDown', { title: item.title })}
                  onPress={() => onReorder(moveBy(ids, item.id, 1))}
                >
                  ↓
                </Button>
              </span>
            )}
          </GridListItem>
        );
      }}
    </GridList>
  );
}
