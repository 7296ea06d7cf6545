import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { multipartError } from "./multipart-error";

describe("multipartError", () => {
  it("names busboy's plain errors as invalid input, keeps everything else as it is", () => {
    expect(multipartError(new Error("Unexpected end of form"))).toMatchObject({ code: "invalid_input", message: "The request body is not valid multipart/form-data (Unexpected end of form)." });
    const bug = new TypeError("x is not a function");
    expect(multipartError(bug)).toBe(bug);
    const disk = Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    expect(multipartError(disk)).toBe(disk);
    const app = new AppError("too_large", "big");
    expect(multipartError(app)).toBe(app);
  });
});
