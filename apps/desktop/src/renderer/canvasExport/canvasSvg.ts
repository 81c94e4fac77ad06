import type { CanvasPicture } from './canvasPicture';

/** Escapes text for SVG content and attribute values. */
const xml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Rounds a coordinate so the file stays short and stable. */
const n = (value: number): string => String(Math.round(value * 10) / 10);

const COLORS = {
  ink: '#0f172a',
  muted: '#64748b',
  line: '#cbd5e1',
  value: '#1d4ed8',
  grad: '#c2410c',
  positive: '#ea580c',
  negative: '#7c3aed',
  zero: '#94a3b8',
  none: '#94a3b8',
  error: '#b91c1c',
} as const;

const PADDING = 40;
const FONT = 'ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** Cuts text that would overflow a node box, with an ellipsis (the full text is in a <title>). */
const fit = (text: string, chars: number): string =>
  text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;

/**
 * Writes a canvas picture as a standalone SVG document: every node as a box with its name, op,
 * value (blue) and gradient (orange), every edge as a curve from output to input port with its
 * compact chain-rule label. Like micrograd's `draw_dot`, a handout of one forward and backward
 * pass. Self-contained: no scripts, no external fonts or images, so it opens anywhere and turns
 * into a PNG under the app's CSP.
 * @example const svg = canvasSvg(canvasPicture(doc, registry, numbers), { title: 'seed.graph' });
 */
export const canvasSvg = (picture: CanvasPicture, options: { title?: string } = {}): string => {
  const xs = picture.nodes.flatMap((node) => [node.x, node.x + node.width]);
  const ys = picture.nodes.flatMap((node) => [node.y, node.y + node.height]);
  const minX = (xs.length ? Math.min(...xs) : 0) - PADDING;
  const minY = (ys.length ? Math.min(...ys) : 0) - PADDING - (options.title ? 24 : 0);
  const width = (xs.length ? Math.max(...xs) : 200) - minX + PADDING;
  const height = (ys.length ? Math.max(...ys) : 100) - minY + PADDING;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(minX)} ${n(minY)} ${n(width)} ${n(height)}" font-family="${FONT}">`,
  );
  if (options.title) out.push(`<title>${xml(options.title)}</title>`);
  out.push(
    `<rect x="${n(minX)}" y="${n(minY)}" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
  );
  if (options.title) {
    out.push(
      `<text x="${n(minX + PADDING)}" y="${n(minY + PADDING)}" font-size="16" font-weight="600" fill="${COLORS.ink}">${xml(options.title)}</text>`,
    );
  }
  out.push('<g class="edges">');
  for (const edge of picture.edges) {
    const bend = Math.max(40, Math.abs(edge.to.x - edge.from.x) / 2);
    const d = `M${n(edge.from.x)},${n(edge.from.y)} C${n(edge.from.x + bend)},${n(edge.from.y)} ${n(edge.to.x - bend)},${n(edge.to.y)} ${n(edge.to.x)},${n(edge.to.y)}`;
    const color = COLORS[edge.tone];
    out.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" data-edge="${xml(edge.id)}"/>`,
    );
    if (edge.label !== '') {
      const mx = (edge.from.x + edge.to.x) / 2;
      const my = (edge.from.y + edge.to.y) / 2;
      const w = edge.label.length * 7 + 12;
      out.push(
        `<rect x="${n(mx - w / 2)}" y="${n(my - 10)}" width="${n(w)}" height="20" rx="6" fill="#ffffff" stroke="${color}"/>`,
        `<text x="${n(mx)}" y="${n(my + 4)}" font-family="${MONO}" font-size="12" text-anchor="middle" fill="${edge.tone === 'none' ? COLORS.muted : COLORS.grad}">${xml(edge.label)}</text>`,
      );
    }
  }
  out.push('</g>', '<g class="nodes">');
  for (const node of picture.nodes) {
    const x = node.x;
    const y = node.y;
    out.push(`<g data-node="${xml(node.id)}">`);
    out.push(
      `<title>${xml(`${node.name} (${node.op}) = ${node.value}${node.gradient ? `; ${node.gradient}` : ''}`)}</title>`,
      `<rect x="${n(x)}" y="${n(y)}" width="${n(node.width)}" height="${n(node.height)}" rx="8" fill="#ffffff" stroke="${node.isOutput ? COLORS.ink : COLORS.line}" stroke-width="${node.isOutput ? 2.5 : 1.5}"/>`,
      `<text x="${n(x + 10)}" y="${n(y + 20)}" font-size="14" font-weight="600" fill="${COLORS.ink}">${xml(fit(node.name, 16))}</text>`,
      `<text x="${n(x + node.width - 10)}" y="${n(y + 20)}" font-size="11" text-anchor="end" fill="${COLORS.muted}">${xml(node.isOutput ? `${node.op} · output` : node.op)}</text>`,
      `<line x1="${n(x)}" y1="${n(y + 28)}" x2="${n(x + node.width)}" y2="${n(y + 28)}" stroke="${COLORS.line}"/>`,
      `<text x="${n(x + 10)}" y="${n(y + 52)}" font-family="${MONO}" font-size="${node.valueOk ? 18 : 11}" font-weight="600" fill="${node.valueOk ? COLORS.value : COLORS.error}">${xml(fit(node.value, node.valueOk ? 14 : 24))}</text>`,
    );
    if (node.gradient !== null) {
      out.push(
        `<text x="${n(x + 10)}" y="${n(y + node.height - 14)}" font-family="${MONO}" font-size="12" fill="${COLORS.grad}">${xml(fit(node.gradient, 22))}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</g>', '</svg>');
  return `${out.join('\n')}\n`;
};
