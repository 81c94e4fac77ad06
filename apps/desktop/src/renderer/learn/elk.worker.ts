// ELK's layout engine in a Web Worker: the script registers its own message handler when it runs
// in a worker (elkjs/lib/elk-worker.js), so Tidy up never blocks the window.
import 'elkjs/lib/elk-worker.js';
