// @chainrule/learn/examples: the example manifest on its own, for the Electron main process,
// which lists examples in its menu and needs nothing else from learning mode.
export type { Example } from './examples';
export { examples, galleryExamples, findExample } from './examples';
