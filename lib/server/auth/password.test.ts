import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("hashPassword / verifyPassword", () => {
  it("stores scrypt$N$r$p$salt$hash with a 16-byte salt and verifies it", async () => {
    const stored = await hashPassword("correct horse battery staple");
    const parts = stored.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(parts[4], "base64")).toHaveLength(16);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("is the scrypt of node:crypto with the stored salt", async () => {
    const stored = await hashPassword("pw-123456");
    const [, , , , salt, hash] = stored.split("$");
    const expected = scryptSync("pw-123456", Buffer.from(salt, "base64"), Buffer.from(hash, "base64").length, { N: 16384, r: 8, p: 1 });
    expect(expected.toString("base64")).toBe(hash);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("treats canonically equal Unicode as the same password", async () => {
    const composed = "caf\u00e9-passw0rd";
    const decomposed = "cafe\u0301-passw0rd";
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it("rejects tampered or malformed stored values without throwing", async () => {
    const stored = await hashPassword("secret-pass");
    const parts = stored.split("$");
    const flipped = Buffer.from(parts[5], "base64");
    flipped[0] ^= 1;
    const tampered = [...parts.slice(0, 5), flipped.toString("base64")].join("$");
    expect(await verifyPassword("secret-pass", tampered)).toBe(false);
    const bad = ["", "plain", "bcrypt$1$2$3$4$5", `scrypt$1000$8$1$${parts[4]}$${parts[5]}`, `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`, `scrypt$16384$8$1$$${parts[5]}`];
    for (const value of bad) expect(await verifyPassword("secret-pass", value)).toBe(false);
  });
});
