/** A sample's tags as badges (nothing when it has none). */
export function TagBadges({ tags }: { tags: readonly string[] }) {
  return (
    <>
      {tags.map((t) => (
        <span key={t} className="badge">
          {t}
        </span>
      ))}
    </>
  );
}
