import { gradientWidth } from './GradientEdge';

const SAMPLES = [0, 1, 10, 100];

/** Explains how edges show gradients: width by magnitude, colour by sign, dashes by direction. */
export const Legend = ({ hasOutput }: { hasOutput: boolean }) => (
  <aside className="legend" aria-label="Legend">
    <div className="legend-row">
      <span className="swatch value" aria-hidden="true" /> value (forward, left → right)
    </div>
    <div className="legend-row">
      <span className="swatch grad" aria-hidden="true" /> gradient dJ/d· (backward, right → left)
    </div>
    {hasOutput && (
      <>
        <div
          className="legend-row legend-widths"
          aria-label="Edge width grows with |gradient| carried"
        >
          {SAMPLES.map((magnitude) => (
            <span key={magnitude} className="legend-width">
              <svg width="28" height="10" aria-hidden="true">
                <line
                  x1="0"
                  y1="5"
                  x2="28"
                  y2="5"
                  className={magnitude === 0 ? 'tone-zero' : 'tone-positive'}
                  strokeWidth={gradientWidth(magnitude)}
                />
              </svg>
              {magnitude}
            </span>
          ))}
          <span className="legend-note">|dJ/dv · ∂v/∂x|</span>
        </div>
        <div className="legend-row">
          <span className="swatch positive" aria-hidden="true" /> positive
          <span className="swatch negative" aria-hidden="true" /> negative
          <span className="swatch zero" aria-hidden="true" /> zero
        </div>
      </>
    )}
    <div className="legend-row">
      <span className="swatch error" aria-hidden="true" /> error
      <span className="swatch blocked" aria-hidden="true" /> blocked
    </div>
  </aside>
);
