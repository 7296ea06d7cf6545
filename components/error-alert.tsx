/**
 * An error message announced to assistive technology (role "alert"), or
 * nothing when there is no message. `as` keeps the element the layout
 * needs: a paragraph in a form, a span inside a row of buttons.
 */
export function ErrorAlert({ message, as: Tag = "p" }: { message: string | null | undefined; as?: "p" | "span" | "div" }) {
  if (!message) return null;
  return (
    <Tag role="alert" className="error">
      {message}
    </Tag>
  );
}
