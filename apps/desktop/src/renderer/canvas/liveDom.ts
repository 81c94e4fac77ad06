import type { EdgeGradient, NodeGradient, NodeValue } from '@chainrule/graph-runtime';
import type { Observable } from 'rxjs';
import { useLayoutEffect, useRef } from 'react';
import { formatFull, formatNumber } from '../format/formatNumber';
import { shortMessage } from './shortMessage';

/**
 * Shows a stream's values by writing the DOM directly, outside React's render path: a value or
 * gradient change updates only the text that shows it, and no component re-renders. `write` is
 * also called with the latest value after every render of the component (React may have
 * replaced what it wrote, e.g. a label that appeared), so it must be idempotent.
 */
export const useLiveDom = <T>(source: Observable<T>, write: (value: T) => void): void => {
  const latest = useRef<{ value: T } | null>(null);
  const writer = useRef(write);
  writer.current = write;
  useLayoutEffect(() => {
    const subscription = source.subscribe((value) => {
      latest.current = { value };
      writer.current(value);
    });
    return () => subscription.unsubscribe();
  }, [source]);
  useLayoutEffect(() => {
    if (latest.current) writer.current(latest.current.value);
  });
};

const SVG = 'http://www.w3.org/2000/svg';
const svgPath = (d: string, attributes: Record<string, string>): SVGPathElement => {
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  for (const [key, value] of Object.entries(attributes)) path.setAttribute(key, value);
  return path;
};

/** The icon of a node's problem (the same drawing as `StateIcon`), built without React. */
const stateIcon = (kind: 'error' | 'blocked'): SVGSVGElement => {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'state-icon');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  if (kind === 'error') {
    svg.append(
      svgPath('M8 1.5 15 14.5H1z', { fill: 'currentColor' }),
      svgPath('M8 6v4.2M8 12v.6', {
        stroke: '#fff',
        'stroke-width': '1.8',
        'stroke-linecap': 'round',
      }),
    );
  } else {
    const circle = document.createElementNS(SVG, 'circle');
    for (const [k, v] of Object.entries({
      cx: '8',
      cy: '8',
      r: '6.2',
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': '1.8',
    }))
      circle.setAttribute(k, v);
    svg.append(
      circle,
      svgPath('M3.8 12.2 12.2 3.8', { stroke: 'currentColor', 'stroke-width': '1.8' }),
    );
  }
  return svg;
};

/** Writes a node's value into `line`: the number, or the error/blocked message with its icon. */
export const writeValue = (line: HTMLElement, value: NodeValue, numberToo: boolean): void => {
  if (value.kind === 'ok') {
    if (!numberToo) {
      line.replaceChildren();
      return;
    }
    let number = line.firstElementChild as HTMLElement | null;
    if (!number || !number.classList.contains('node-value')) {
      number = document.createElement('span');
      number.className = 'node-value';
      line.replaceChildren(number);
    }
    number.textContent = formatNumber(value.value);
    number.title = formatFull(value.value);
    return;
  }
  const problem = document.createElement('span');
  problem.className = `node-problem ${value.kind}`;
  problem.setAttribute('role', 'status');
  problem.title = value.message;
  // Cut at a word, never mid-word; the full message is the title, one hover away.
  problem.append(stateIcon(value.kind), ` ${shortMessage(value.message)}`);
  line.replaceChildren(problem);
};

/** Writes `dJ/dx = 3` (or `—` with the reason on hover) into `line`; empty without an output. */
export const writeGradient = (line: HTMLElement, gradient: NodeGradient, label: string): void => {
  line.dataset['kind'] = gradient.kind;
  if (gradient.kind === 'none') {
    line.hidden = true;
    line.replaceChildren();
    return;
  }
  line.hidden = false;
  const name = document.createElement('span');
  name.className = 'grad-label';
  name.textContent = `${label} =`;
  const number = document.createElement('span');
  number.className = 'grad-number';
  if (gradient.kind === 'ok') {
    number.textContent = formatNumber(gradient.value);
    number.title = formatFull(gradient.value);
  } else {
    number.textContent = '—';
    number.title = gradient.message;
  }
  line.replaceChildren(name, ' ', number);
};

/** The tone class of an edge's gradient: its sign, or why it has none. */
export const edgeTone = (gradient: EdgeGradient): string => {
  if (gradient.kind === 'none') return 'none';
  if (gradient.kind === 'unavailable') return 'unavailable';
  if (gradient.contribution === 0) return 'zero';
  return gradient.contribution > 0 ? 'positive' : 'negative';
};

/** Replaces the `prefix…` class of an element, leaving its other classes alone. */
export const setPrefixedClass = (element: Element, prefix: string, value: string): void => {
  for (const name of [...element.classList]) {
    if (name.startsWith(prefix) && name !== `${prefix}${value}`) element.classList.remove(name);
  }
  element.classList.add(`${prefix}${value}`);
};
