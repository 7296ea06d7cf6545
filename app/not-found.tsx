import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="muted">This page does not exist, or it belongs to someone else.</p>
      <Link href="/">Back to your apps</Link>
    </>
  );
}
