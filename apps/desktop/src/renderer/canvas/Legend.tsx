import { gradientWidth } from './GradientEdge';

const SAMPLES = [0, 1, 10, 100];

/** Explains how edges show gradients: width by magnitude, colour by sign, dashes by direction. */
export const Legend = ({ hasOutput }: { hasOutput: boolean }) => (
  // Collapsed to one word until asked for, so it never covers the graph.
  <details className="legend legend-details" aria-label="Legend">
    <summary>Legend</summary>
    <div className="legend-row">
      <span className="swatch value" aria-hidden="true" /> value, forward →
      <span className="swatch grad" aria-hidden="true" /> gradient dJ/d·, backward ←
    </div>
    {hasOutput && (
      <div className="legend-row legend-widths">
        <span className="legend-note">edge width |dJ/dv · ∂v/∂x|:</span>
        {SAMPLES.map((magnitude) => (
          <span key={magnitude} className="legend-width">
            <svg width="22" height="10" aria-hidden="true">
              <line
                x1="0"
                y1="5"
                x2="22"
                y2="5"
                className={magnitude === 0 ? 'tone-zero' : 'tone-positive'}
                strokeWidth={gradientWidth(magnitude)}
              />
            </svg>
            {magnitude}
          </span>
        ))}
      </div>
    )}
    <div className="legend-row">
      {hasOutput && (
        <>
          <span className="swatch positive" aria-hidden="true" /> +
          <span className="swatch negative" aria-hidden="true" /> −
          <span className="swatch zero" aria-hidden="true" /> 0
        </>
      )}
      <span className="swatch error" aria-hidden="true" /> error
      <span className="swatch blocked" aria-hidden="true" /> blocked
    </div>
  </details>
);
