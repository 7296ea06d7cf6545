import "server-only";
import { z } from "zod";

/** The input of the actions that act on one evaluation by id. */
export const evaluationIdSchema = z.object({ evaluationId: z.string().min(1) });
