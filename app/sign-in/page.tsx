import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/core/navigation/safe-next-path";
import { getCurrentUser } from "@/lib/server/auth/guard";
import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if (await getCurrentUser()) redirect(safeNextPath(next));
  return (
    <>
      <h1>Sign in to Intersect</h1>
      <p className="muted">Evaluate segmentation models before you ship them.</p>
      <SignInForm next={next} />
    </>
  );
}
