/** A Chinese error line under a form or panel; nothing when there is no error. */
export function ErrorNote({ message, onDismiss }: { message: string | null; onDismiss?: () => void }) {
  if (!message) return null;
  return (
    <div className="error-note" role="alert">
      <span>{message}</span>
      {onDismiss ? (
        <button type="button" className="ghost small" onClick={onDismiss} aria-label="关闭提示">×</button>
      ) : null}
    </div>
  );
}
