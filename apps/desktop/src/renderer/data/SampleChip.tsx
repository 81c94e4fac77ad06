import { useDataServices, useDataState } from './DataContext';

/**
 * "sample 17 of 200 · clear": which training sample every node shows, while one is selected
 * (by clicking a point of the decision-boundary view). Clear returns to the batch mean.
 */
export const SampleChip = () => {
  const data = useDataServices()?.data;
  const { sample, size } = useDataState();
  if (!data || sample === null || size === null) return null;
  return (
    <div className="sample-chip" role="status" data-testid="sample-chip">
      <span>
        sample <strong>{sample + 1}</strong> of {size}
      </span>
      <span aria-hidden="true">·</span>
      <button type="button" className="link-button" onClick={() => data.select(null)}>
        clear
      </button>
    </div>
  );
};
