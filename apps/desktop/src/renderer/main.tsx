import '@xyflow/react/dist/style.css';
import './styles.css';
import { createRuntime } from '@chainrule/graph-runtime';
import { standardRegistry } from '@chainrule/nodes';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createEditorActions } from './actions/editorActions';
import { detectHost } from './host/detectHost';
import { createInstrumentation, instrumentationRequested } from './instrumentation';
import { createEditorSession } from './session/editorSession';
import { createFrameScheduler } from './session/liveValue';
import { createViewStore } from './viewStore';
import { createDataSession } from './data/dataSession';
import { createDataViews } from './data/dataViews';

const view = createViewStore();
const frames = createFrameScheduler();
const data = createDataSession();
const session = createEditorSession({
  registry: standardRegistry,
  createRuntime,
  onRuntimeSynced: (runtime, doc, graph, replaced) =>
    data.synced(runtime, doc.datasets, graph, replaced),
  onRefusedEdit: (message) =>
    view.notify({ tone: 'error', message: `That edit was undone: ${message}` }),
});
const host = detectHost();
const services = {
  session,
  host,
  view,
  actions: createEditorActions(session, host, view),
  frames,
  instrumentation: createInstrumentation(instrumentationRequested(), {
    runtimeCreations: session.runtimeCreations,
    runtimeStats: () => session.getRuntime().stats(),
  }),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const dataServices = {
  data,
  views: createDataViews({ registry: standardRegistry, createRuntime, frames }),
};
createRoot(root).render(<App services={services} data={dataServices} />);
