import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createAppSchema, NAME_MAX_LENGTH } from "@/lib/contracts/app-input";
import { createApiTokenSchema } from "@/lib/server/auth/api-tokens";
import { describeError, nameFlag } from "./args";

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

describe("nameFlag", () => {
  it("takes the web form's limit for each kind, so any name made in the browser can be given to the CLI", () => {
    const app120 = "a".repeat(NAME_MAX_LENGTH.app);
    expect(nameFlag("app", "app").parse(app120)).toBe(app120);
    expect(() => nameFlag("app", "app").parse(`${app120}a`)).toThrow(`--app must be at most ${NAME_MAX_LENGTH.app} characters`);
    expect(() => nameFlag("dataset", "dataset").parse("d".repeat(NAME_MAX_LENGTH.dataset + 1))).toThrow(`--dataset must be at most ${NAME_MAX_LENGTH.dataset} characters`);
    expect(createAppSchema.shape.name.parse(app120)).toBe(app120);
    expect(() => createApiTokenSchema.parse({ name: "ci\u001b[2J" })).toThrow();
  });
});
