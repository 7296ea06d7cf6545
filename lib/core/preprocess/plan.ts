import { AppError } from "@/lib/core/errors";
import type { InputPlan, InputSpec } from "./types";

type PlanSpec = Pick<InputSpec, "size" | "sizeMultiple" | "resize">;

/**
 * Decides the tensor size and where the image goes in it.
 * - fixed `size` + stretch: the image fills the tensor (aspect not kept);
 *   + letterbox: scaled by min(w ratio, h ratio), rounded, centred, rest padded;
 *   + none: placed top-left unscaled, padded; an image larger than the tensor is an error.
 * - `size: null` + stretch: resized to the nearest multiple of `sizeMultiple`
 *   per side (at least one multiple); + none: padded bottom/right up to the
 *   next multiple; + letterbox: padded to the next multiple, image centred.
 * Centring offsets round down: padding is split floor/ceil (top/left smaller).
 */
export function planInput(spec: PlanSpec, width: number, height: number): InputPlan {
  if (width < 1 || height < 1) throw new AppError("invalid_input", `The image is empty (${width}x${height}).`);
  const m = Math.max(1, spec.sizeMultiple);
  if (spec.size === null) {
    if (spec.resize === "stretch") {
      const tw = Math.max(m, Math.round(width / m) * m);
      const th = Math.max(m, Math.round(height / m) * m);
      return { tensorWidth: tw, tensorHeight: th, contentX: 0, contentY: 0, contentWidth: tw, contentHeight: th };
    }
    const tw = Math.ceil(width / m) * m;
    const th = Math.ceil(height / m) * m;
    const centre = spec.resize === "letterbox";
    return {
      tensorWidth: tw,
      tensorHeight: th,
      contentX: centre ? Math.floor((tw - width) / 2) : 0,
      contentY: centre ? Math.floor((th - height) / 2) : 0,
      contentWidth: width,
      contentHeight: height,
    };
  }
  const [th, tw] = spec.size;
  if (spec.resize === "stretch") {
    return { tensorWidth: tw, tensorHeight: th, contentX: 0, contentY: 0, contentWidth: tw, contentHeight: th };
  }
  if (spec.resize === "none") {
    if (width > tw || height > th) {
      throw new AppError(
        "invalid_input",
        `The image is ${width}x${height} but the model takes ${tw}x${th} and resize is "none"; choose "stretch" or "letterbox".`,
      );
    }
    return { tensorWidth: tw, tensorHeight: th, contentX: 0, contentY: 0, contentWidth: width, contentHeight: height };
  }
  const s = Math.min(tw / width, th / height);
  const cw = Math.min(tw, Math.max(1, Math.round(width * s)));
  const ch = Math.min(th, Math.max(1, Math.round(height * s)));
  return {
    tensorWidth: tw,
    tensorHeight: th,
    contentX: Math.floor((tw - cw) / 2),
    contentY: Math.floor((th - ch) / 2),
    contentWidth: cw,
    contentHeight: ch,
  };
}
