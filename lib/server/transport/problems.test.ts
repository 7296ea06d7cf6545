import { describe, expect, it } from "vitest";
import { problemsFromMessage } from "./problems";

describe("problemsFromMessage", () => {
  it("splits a leading file name off each line and drops the '… and N more' line", () => {
    expect(problemsFromMessage("garbage.zip: not a .zip, .tar or .tar.gz archive (unknown file signature).")).toEqual([
      { file: "garbage.zip", problem: "not a .zip, .tar or .tar.gz archive (unknown file signature)." },
    ]);
    expect(problemsFromMessage("Predictions: 2 bad prediction file(s), nothing was created:\nmasks/a.png: is 5x6, but sample \"a\" is 8x6\n… and 3 more")).toEqual([
      { problem: "Predictions: 2 bad prediction file(s), nothing was created:" },
      { file: "masks/a.png", problem: 'is 5x6, but sample "a" is 8x6' },
    ]);
    expect(problemsFromMessage("classes: not valid JSON.")).toEqual([{ problem: "classes: not valid JSON." }]);
  });
});
