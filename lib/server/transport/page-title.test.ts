import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/core/errors";

const getCurrentUser = vi.fn();
vi.mock("@/lib/server/auth/guard", () => ({ getCurrentUser: () => getCurrentUser() }));
const { ownedPageTitle } = await import("./page-title");

describe("ownedPageTitle", () => {
  beforeEach(() => getCurrentUser.mockReset());

  it("reads the title as the signed-in owner", async () => {
    getCurrentUser.mockResolvedValue({ id: "u1" });
    const read = vi.fn(async (ownerId: string) => `app of ${ownerId}`);
    await expect(ownedPageTitle(read, "App")).resolves.toBe("app of u1");
  });

  it("gives the generic title when signed out, without reading", async () => {
    getCurrentUser.mockResolvedValue(null);
    const read = vi.fn(async () => "secret");
    await expect(ownedPageTitle(read, "App")).resolves.toBe("App");
    expect(read).not.toHaveBeenCalled();
  });

  it("gives the generic title for a missing or another owner's id", async () => {
    getCurrentUser.mockResolvedValue({ id: "u1" });
    await expect(ownedPageTitle(async () => Promise.reject(new AppError("not_found", "App not found.")), "App")).resolves.toBe("App");
  });

  it("lets other errors through", async () => {
    getCurrentUser.mockResolvedValue({ id: "u1" });
    await expect(ownedPageTitle(async () => Promise.reject(new Error("db down")), "App")).rejects.toThrow("db down");
  });
});
