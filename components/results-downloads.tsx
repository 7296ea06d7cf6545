/**
 * "Download results" links of a finished evaluation: the CLI's JSON report
 * (with every image), the per-class CSV and the per-image CSV, served by the
 * REST API routes (the browser's session authorises them).
 */
export function ResultsDownloads({ evaluationId }: { evaluationId: string }) {
  const base = `/api/v1/evaluations/${encodeURIComponent(evaluationId)}`;
  return (
    <p className="row" aria-label="Download results">
      <span className="muted">Download:</span>
      <a href={`${base}/results?perImage=1&download=1`} download>
        JSON (CLI schema)
      </a>
      <a href={`${base}/results.csv?level=class`} download>
        Per-class CSV
      </a>
      <a href={`${base}/results.csv?level=image`} download>
        Per-image CSV
      </a>
    </p>
  );
}
