import { TraceChart } from '../learn/TraceChart';
import type { TraceSeries } from '../learn/TraceChart';
import { formatNumber } from '../format/formatNumber';
import type { CurvePoint } from './dataViews';

const column = (points: readonly CurvePoint[], pick: (p: CurvePoint) => number): number[] =>
  points.map(pick);

/** Series that have at least one number (a split without test samples has no test curve). */
const present = (series: TraceSeries[]): TraceSeries[] =>
  series.filter((s) => s.values.some((v) => Number.isFinite(v)));

/** The latest step's test loss and accuracy, in one line over the boundary view. */
export const CurveSummary = ({
  points,
  classification,
}: {
  points: readonly CurvePoint[];
  classification: boolean;
}) => {
  const last = points[points.length - 1];
  const percent = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? '—' : `${formatNumber(x * 100, 3)}%`;
  return (
    <p className="data-metrics" role="status">
      {last ? (
        <>
          step <strong>{last.step}</strong> · test loss{' '}
          <strong data-testid="test-loss">
            {Number.isFinite(last.testLoss) ? formatNumber(last.testLoss, 4) : '—'}
          </strong>
          {classification && (
            <>
              {' '}
              · test accuracy{' '}
              <strong data-testid="test-accuracy">{percent(last.testAccuracy)}</strong>
            </>
          )}
        </>
      ) : (
        'Train (learning mode → Train) to see the loss and accuracy curves.'
      )}
    </p>
  );
};

/**
 * Train and test loss, and train and test accuracy for a classification, against the training
 * step: the numbers that say whether the model learns or only memorises.
 */
export const TrainingCurves = ({
  points,
  classification,
}: {
  points: readonly CurvePoint[];
  classification: boolean;
}) => {
  const steps = points.map((p) => p.step);
  const losses = present([
    { label: 'train loss', values: column(points, (p) => p.trainLoss) },
    { label: 'test loss', values: column(points, (p) => p.testLoss) },
  ]);
  const accuracies = present([
    { label: 'train acc', values: column(points, (p) => p.trainAccuracy * 100) },
    { label: 'test acc', values: column(points, (p) => p.testAccuracy * 100) },
  ]);
  return (
    <div className="data-curves" data-testid="training-curves">
      {points.length > 0 && (
        <>
          <TraceChart
            title="Loss"
            testId="data-loss-chart"
            series={losses}
            steps={steps}
            height={110}
          />
          {classification && (
            <TraceChart
              title="Accuracy (%)"
              testId="data-accuracy-chart"
              series={accuracies}
              steps={steps}
              height={110}
            />
          )}
        </>
      )}
    </div>
  );
};
