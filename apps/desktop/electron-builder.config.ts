import type { Configuration } from 'electron-builder';

/**
 * Packaging for Linux (AppImage, deb), macOS (dmg) and Windows (nsis), with the `.graph` file
 * association. Build only what electron-vite produced (`out/`), inside an asar, with Electron's
 * fuses flipped so the shipped binary cannot be repurposed as a Node runtime.
 *
 * Electron's binary is never downloaded here: pass a local Electron distribution with
 * `npm run dist:dir -- -c.electronDist=/path/to/electron/dist` (or set `ELECTRON_DIST`).
 * See docs/desktop.md.
 */
const config: Configuration = {
  appId: 'org.chainrule.desktop',
  productName: 'Chainrule',
  executableName: 'chainrule-desktop',
  copyright: 'Copyright © Chainrule contributors',
  directories: { output: 'dist/electron', buildResources: 'build' },
  // Everything the app runs is bundled into out/ (main bundles the workspace packages), so no
  // node_modules ship: the React stack is inside the renderer bundle.
  files: ['out/**', 'package.json', '!**/*.map', '!node_modules/**'],
  asar: true,
  ...(process.env.ELECTRON_DIST ? { electronDist: process.env.ELECTRON_DIST } : {}),
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the app into a general-purpose Node.
    runAsNode: false,
    enableCookieEncryption: true,
    // NODE_OPTIONS / --inspect would let anyone inject code into a trusted, signed app.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Load code only from the (integrity-checked on macOS and Windows) app.asar.
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The renderer is served from app://, so file:// needs no extra powers.
    grantFileProtocolExtraPrivileges: false,
  },
  fileAssociations: [
    {
      ext: 'graph',
      name: 'Chainrule graph',
      description: 'Chainrule computational graph',
      mimeType: 'application/x-chainrule-graph',
      role: 'Editor',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Education',
    icon: 'icon.png',
    mimeTypes: ['application/x-chainrule-graph'],
    synopsis: 'Build computational graphs and watch backpropagation live',
  },
  deb: { packageCategory: 'science' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.education',
    icon: 'icon.png',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  win: { target: ['nsis'], icon: 'icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
