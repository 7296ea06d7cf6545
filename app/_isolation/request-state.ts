/**
 * A stand-in for `next/headers` in the isolation test: one cookie jar for
 * "the current request". Signing in through the real sign-in action fills
 * the jar through `cookies().set`; the test saves the jar per user and
 * swaps it in before each call. It does not know the cookie's name.
 */
export type CookieJar = Map<string, string>;

let jar: CookieJar = new Map();

/** Makes `jar` the current request's cookies (a copy; `new Map()` = signed out). */
export function switchJar(next: CookieJar): void {
  jar = new Map(next);
}

/** A copy of the current request's cookies. */
export function currentJar(): CookieJar {
  return new Map(jar);
}

/** The `Cookie` header of the current jar. */
export function cookieHeader(): string {
  return [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
}

const cookieStore = {
  get(name: string | { name: string }) {
    const key = typeof name === "string" ? name : name.name;
    const value = jar.get(key);
    return value === undefined ? undefined : { name: key, value };
  },
  getAll() {
    return [...jar].map(([name, value]) => ({ name, value }));
  },
  has(name: string) {
    return jar.has(name);
  },
  set(name: string | { name: string; value: string }, value?: string) {
    if (typeof name === "string") jar.set(name, value ?? "");
    else jar.set(name.name, name.value);
    return cookieStore;
  },
  delete(name: string | { name: string }) {
    jar.delete(typeof name === "string" ? name : name.name);
    return cookieStore;
  },
  toString() {
    return cookieHeader();
  },
};

/** The module `vi.mock("next/headers", …)` returns. */
export const nextHeadersMock = {
  cookies: async () => cookieStore,
  headers: async () => new Headers({ host: "127.0.0.1", "x-forwarded-proto": "http", cookie: cookieHeader() }),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};
