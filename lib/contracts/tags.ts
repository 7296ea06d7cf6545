import { z } from "zod";
import { tagProblem } from "@/lib/core/tags/tag-rules";

/**
 * A sample tag as written (trimmed): the tag rules of lib/core/tags/tag-rules.ts
 * (1..64 characters, no ";", no control characters), the message naming the tag.
 */
export const tagSchema = z
  .string()
  .trim()
  .superRefine((tag, ctx) => {
    const problem = tagProblem(tag);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  });
