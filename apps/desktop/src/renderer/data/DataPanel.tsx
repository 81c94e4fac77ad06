import './data.css';
import type { NodeId } from '@chainrule/graph-runtime';
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useEditor, useEditorSelector } from '../EditorContext';
import { useLearnServices } from '../learn/LearnContext';
import { BoundaryView } from './BoundaryView';
import { plotFrame, toCanvas } from './boundaryPicture';
import type { DataViews } from './dataViews';
import { useDataServices } from './DataContext';
import { SampleChip } from './SampleChip';
import { CurveSummary, TrainingCurves } from './TrainingCurves';
import { withLiveValues } from './trainingData';

/**
 * Feeds the data views with the document, the canvas's runtime, the training run's step count
 * and the selected sample, whenever one of them changes (the views draw once per frame).
 */
const useFollowData = (): void => {
  const { session } = useEditor();
  const services = useDataServices();
  const training = useLearnServices()?.training ?? null;
  useEffect(() => {
    if (!services) return;
    const { views, data } = services;
    const update = () =>
      views.update(() => {
        const { doc } = session.store.getState();
        const sample = data.getState().sample;
        return {
          // A playing run's newest values, which the document gets a little later.
          graph: withLiveValues(session.flat().graph, training?.liveValues() ?? null),
          datasets: doc.datasets,
          training: doc.training,
          runtime: session.getRuntime(),
          steps: training?.getState().steps ?? 0,
          selected: sample === null ? null : { split: 'train', index: sample },
        };
      });
    update();
    const offs = [
      session.store.subscribe(update),
      session.subscribeRuntime(update),
      data.subscribe(update),
      ...(training ? [training.subscribe(update)] : []),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [session, services, training]);
};

/** The boundary view's side in CSS pixels. */
const BOUNDARY_SIZE = 260;

declare global {
  interface Window {
    /** With `?instrument`: where a training sample is drawn, for the e2e suite to click it. */
    __chainruleData?: {
      trainPoint(index: number): { x: number; y: number; x1: number; x2: number } | null;
      refreshes(): number;
      busyMs(): number;
    };
  }
}

/** Exposes the drawn samples' page positions to the e2e suite (only when instrumented). */
const useInstrumentedPoints = (views: DataViews | null): void => {
  const { instrumentation } = useEditor();
  useEffect(() => {
    if (!instrumentation.enabled || !views) return;
    window.__chainruleData = {
      trainPoint(index) {
        const { picture } = views.getState();
        const canvas = document.querySelector('[data-testid="boundary-canvas"]');
        const train = picture?.points.find((set) => set.split === 'train');
        if (!picture || !canvas || !train || index >= train.x.length) return null;
        const box = canvas.getBoundingClientRect();
        const at = toCanvas(
          plotFrame(BOUNDARY_SIZE, BOUNDARY_SIZE),
          picture.bounds,
          train.x[index]!,
          train.y[index]!,
        );
        return {
          x: box.left + at.px,
          y: box.top + at.py,
          x1: train.x[index]!,
          x2: train.y[index]!,
        };
      },
      refreshes: () => views.refreshes(),
      busyMs: () => views.busyMs(),
    };
    return () => {
      delete window.__chainruleData;
    };
  }, [instrumentation, views]);
};

/**
 * A document that says how it is trained (`training.optimizer`, `learningRate`, `steps`, as the
 * spiral example does) opens with those settings in the training panel, as `chainrule train`
 * uses them.
 */
const useTrainingDefaults = (): void => {
  const { session } = useEditor();
  const training = useLearnServices()?.training ?? null;
  const opened = useEditorSelector((state) => state.session);
  useEffect(() => {
    const spec = session.store.getState().doc.training;
    if (!training || !spec) return;
    training.setSettings({
      ...(spec.optimizer ? { optimizer: spec.optimizer } : {}),
      ...(spec.learningRate ? { learningRate: spec.learningRate } : {}),
      ...(spec.steps ? { steps: spec.steps } : {}),
    });
  }, [opened, session, training]);
};

/**
 * The data panel, over the canvas's right edge while the document has data: the decision
 * boundary (or the fitted curve) with the samples, the selected sample, and the train/test
 * loss and accuracy curves. Clicking a training sample shows its values on every node.
 */
export const DataPanel = () => {
  useFollowData();
  useTrainingDefaults();
  const { view } = useEditor();
  const services = useDataServices();
  useInstrumentedPoints(services?.views ?? null);
  const none = () => () => undefined;
  const state = useSyncExternalStore(services?.views.subscribe ?? none, () =>
    services?.views.getState(),
  );
  const [collapsed, setCollapsed] = useState(false);
  const pickerId = useId();
  if (!services || !state || (state.setup === null && state.message === null)) return null;
  const { setup, picture, message } = state;
  return (
    <section
      className={collapsed ? 'data-panel collapsed' : 'data-panel'}
      aria-label="Data"
      data-testid="data-panel"
    >
      <header className="data-panel-header">
        <h2>Data</h2>
        {setup && (
          <span className="muted small">
            {setup.train.target.length} train · {setup.test?.target.length ?? 0} test
          </span>
        )}
        <button
          type="button"
          className="icon-button"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Show the data panel' : 'Hide the data panel'}
          onClick={() => setCollapsed((was) => !was)}
        >
          {collapsed ? '◂' : '▸'}
        </button>
      </header>
      {!collapsed && (
        <div className="data-panel-body">
          {setup && (
            <label className="data-picker" htmlFor={pickerId}>
              Model output{' '}
              <select
                id={pickerId}
                value={setup.prediction ?? ''}
                onChange={(event) =>
                  services.views.choosePrediction((event.target.value || null) as NodeId | null)
                }
              >
                {setup.prediction === null && <option value="">choose…</option>}
                {state.candidates.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </label>
          )}
          {setup && (
            <CurveSummary points={state.curves} classification={setup.task === 'classification'} />
          )}
          {picture && setup ? (
            <BoundaryView
              picture={picture}
              size={BOUNDARY_SIZE}
              xLabel={setup.features[0]!.column}
              yLabel={
                setup.task === 'classification' ? setup.features[1]!.column : setup.target.name
              }
              onSelect={(sample) => {
                if (sample === null || sample.split === 'train') {
                  services.data.select(sample?.index ?? null);
                } else {
                  view.notify({
                    tone: 'info',
                    message:
                      'Test samples are held out of the canvas: pick a filled (training) point.',
                  });
                }
              }}
            />
          ) : (
            message && (
              <p className="node-problem blocked" role="status">
                {message}
              </p>
            )
          )}
          <SampleChip />
          {setup && (
            <TrainingCurves
              points={state.curves}
              classification={setup.task === 'classification'}
            />
          )}
        </div>
      )}
    </section>
  );
};
