import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/server/auth/guard";
import { signOutAction } from "@/lib/server/actions/sign-out";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  // Pages set their own title ("Apps", a model's name, …); the template adds the product name.
  title: { default: "Intersect — segmentation model evaluation", template: "%s — Intersect" },
  description: "Evaluate semantic-segmentation models: per-class IoU and Dice, mIoU, and where models fail.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <header className="top">
          <Link href="/">Intersect</Link>
          <span className="spacer" />
          {user ? (
            <>
              <span>{user.email}</span>
              <Link href="/settings/tokens">API tokens</Link>
              <form action={signOutAction}>
                <button type="submit">Sign out</button>
              </form>
            </>
          ) : null}
        </header>
        <Providers>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
