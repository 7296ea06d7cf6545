/** The error map's legend; the colours match lib/core/masks ERROR_MAP_COLORS (all drawn opaque). */
export function ErrorMapLegend() {
  return (
    <p className="muted" style={{ margin: "0.4rem 0" }}>
      Error map: <span className="swatch" style={{ background: "rgb(46,160,67)" }} /> correct · <span className="swatch" style={{ background: "rgb(214,39,40)" }} /> wrong ·{" "}
      <span className="swatch" style={{ background: "rgb(128,128,128)" }} /> ignored (void in the ground truth)
    </p>
  );
}
