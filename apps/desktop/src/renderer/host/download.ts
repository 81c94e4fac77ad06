/**
 * Saves bytes or text through a download: the browser's, or in Electron its default save prompt
 * (a Save dialog). The one download of the renderer (code export, canvas pictures).
 * @example downloadFile('seed.svg', svgText, 'image/svg+xml');
 */
export const downloadFile = (
  fileName: string,
  data: string | Uint8Array | Blob,
  mimeType: string,
): void => {
  const blob = data instanceof Blob ? data : new Blob([data as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoke later: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
