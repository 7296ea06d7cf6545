import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/auth/guard";
import { SignInForm } from "@/components/sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { next } = await searchParams;
  return (
    <>
      <h1>Sign in to Intersect</h1>
      <p className="muted">Evaluate segmentation models before you ship them.</p>
      <SignInForm next={next} />
    </>
  );
}
