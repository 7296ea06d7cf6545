import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { confusionImagesQuerySchema, imagesQuerySchema, thresholdQuerySchema } from "@/lib/contracts/results";
import { parseQuery } from "./query";

const url = (query: string) => new URL(`http://127.0.0.1/api/v1/evaluations/e/threshold${query}`);

describe("parseQuery", () => {
  it("threshold: an empty t means the default (the evaluation's own threshold), never t = 0", () => {
    expect(parseQuery(url("?t="), thresholdQuerySchema)).toEqual({});
    expect(parseQuery(url("?t=%20"), thresholdQuerySchema)).toEqual({});
    expect(parseQuery(url(""), thresholdQuerySchema)).toEqual({});
    expect(parseQuery(url("?t=0"), thresholdQuerySchema)).toEqual({ t: 0 });
    expect(parseQuery(url("?t=0.99"), thresholdQuerySchema)).toEqual({ t: 0.99 });
  });

  it("a value that does not fit is invalid_input naming the parameter", () => {
    for (const bad of ["?t=2", "?t=abc", "?t=-0.1"]) {
      let error: unknown;
      try {
        parseQuery(url(bad), thresholdQuerySchema);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid_input");
      expect(Object.keys((error as AppError).fieldErrors ?? {})).toEqual(["t"]);
      expect((error as AppError).message).toMatch(/^t: /);
    }
  });

  it("other result queries: empty parameters fall back to their defaults too", () => {
    expect(parseQuery(url("?gt=1&pred=&skip=&take="), confusionImagesQuerySchema)).toEqual({ gt: 1, pred: 0, skip: 0, take: 12 });
    expect(parseQuery(url("?classPresent=&page=&tag="), imagesQuerySchema)).toEqual({ sort: "miou", page: 1, pageSize: 12 });
  });
});
