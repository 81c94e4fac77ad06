import type { CanvasExtensions } from '../canvas/extensions';
import {
  LearnEdgeCaption,
  LearnNodeOverlay,
  useLearnEdgeClass,
  useLearnNodeClass,
} from './CanvasMarks';
import { GalleryHint } from './GalleryHint';
import { LearnInspectorSection } from './LearnInspectorSection';
import { LearnToolbar, TidyUpControl } from './LearnToolbar';

/** How learning mode plugs into the canvas, the inspector and the top bar (see `App.tsx`). */
export const learnCanvasExtensions: CanvasExtensions = {
  useNodeClass: useLearnNodeClass,
  NodeDecoration: LearnNodeOverlay,
  useEdgeClass: useLearnEdgeClass,
  EdgeCaption: LearnEdgeCaption,
  Controls: TidyUpControl,
  EmptyCanvas: GalleryHint,
  InspectorSection: LearnInspectorSection,
  Toolbar: LearnToolbar,
};
