// Vite (the app's bundler) and vitest import any file's text with the `?raw` suffix.
declare module '*.graph?raw' {
  const text: string;
  export default text;
}
