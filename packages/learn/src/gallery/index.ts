// @chainrule/learn/gallery: the examples gallery. A separate entry point because it bundles the
// example files with Vite's `?raw`, which plain Node (the CLI) does not understand.
export type { GalleryExample } from './gallery';
export { galleryExamples, galleryExample } from './gallery';
