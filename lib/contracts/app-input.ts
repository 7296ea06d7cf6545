import { z } from "zod";

/** Input of "create an app", shared by the web form's action and POST /api/v1/apps. */
export const createAppSchema = z.object({
  name: z.string().trim().min(1, "Give the app a name.").max(120),
  description: z.string().trim().max(1000).optional(),
});
export type CreateAppInput = z.infer<typeof createAppSchema>;
