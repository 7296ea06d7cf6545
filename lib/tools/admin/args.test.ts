import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { describeError } from "./args";

describe("describeError", () => {
  it("adds field errors the message does not already say, once", () => {
    const unknownKeys = new AppError("invalid_input", 'cfg.json: input: Unrecognized key: "stdev"; output: Unrecognized key: "outptu"', {
      fieldErrors: { config: ['input: Unrecognized key: "stdev"', 'output: Unrecognized key: "outptu"'] },
    });
    expect(describeError(unknownKeys)).toBe('cfg.json: input: Unrecognized key: "stdev"; output: Unrecognized key: "outptu"');
    const other = new AppError("invalid_input", "Some fields are not valid.", { fieldErrors: { email: ["not an email"] } });
    expect(describeError(other)).toBe("Some fields are not valid. --email: not an email");
    // A field error that is only a piece of the message's text is still given.
    const partial = new AppError("invalid_input", "cfg.json: input: size must be 2 numbers", { fieldErrors: { size: ["2 numbers"] } });
    expect(describeError(partial)).toBe("cfg.json: input: size must be 2 numbers --size: 2 numbers");
  });
});
