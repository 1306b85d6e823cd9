// Saves text as a file through a temporary Blob link, the way a browser download of a server file looks.

/** The file name of an overview export, e.g. "customer-kpis-system-90d.csv". */
export function csvFileName(groupBy: string, window: string): string {
  return `customer-kpis-${groupBy}-${window}.csv`;
}

/** Offers `text` for download as `fileName` (UTF-8 CSV). */
export function downloadCsv(text: string, fileName: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the blob once the click returns; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
