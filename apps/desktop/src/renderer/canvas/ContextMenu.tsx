import type { KeyboardEvent } from 'react';
import { useEffect, useRef } from 'react';
import { useEditorState } from '../EditorContext';
import type { MenuItem } from './menuItems';
import { menuItems } from './menuItems';
import type { MenuServices } from './menuItems';
import type { MenuRequest } from './canvasUi';

/**
 * A list of menu items as an ARIA menu: the first item takes focus, ↑/↓/Home/End move, Enter or
 * a click runs one, Escape and Tab close it. Shared by the context menu and a node's ⋯ menu.
 */
export const MenuList = ({
  items,
  label,
  onClose,
  className = 'menu',
  style,
}: {
  items: readonly MenuItem[];
  label: string;
  onClose: (restoreFocus: boolean) => void;
  className?: string;
  style?: React.CSSProperties;
}) => {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entries = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') focus(at + 1);
    else if (event.key === 'ArrowUp') focus(at - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(entries.length - 1);
    else if (event.key === 'Escape') onClose(true);
    else if (event.key === 'Tab') {
      onClose(false);
      return;
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <div
      ref={list}
      className={`${className} nodrag nopan nowheel`}
      role="menu"
      aria-label={label}
      style={style}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'danger-item' : undefined}
          onClick={() => {
            onClose(false);
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
};

const labelOf = (request: MenuRequest): string =>
  request.target.kind === 'canvas' ? 'Canvas menu' : `Menu of the ${request.target.kind}`;

/** The right-click (or Shift+F10 / ContextMenu key) menu of a node, an edge or the canvas. */
export const ContextMenu = ({
  request,
  services,
  onClose,
}: {
  request: MenuRequest;
  services: MenuServices;
  onClose: () => void;
}) => {
  const { doc } = useEditorState();
  const items = menuItems(doc, request.target, services);
  const close = (restoreFocus: boolean): void => {
    onClose();
    if (restoreFocus) request.returnFocus?.focus();
  };
  // A pointer press anywhere else closes it.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent): void => {
      if (!root.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => window.removeEventListener('pointerdown', onPointerDown, true);
  }, [onClose]);
  if (items.length === 0) return null;
  return (
    <div ref={root} className="context-menu" style={{ left: request.at.x, top: request.at.y }}>
      <MenuList items={items} label={labelOf(request)} onClose={close} />
    </div>
  );
};
