/** The "×" that closes a notice or a panel: named for screen readers and on hover by `label`. */
export function DismissButton({ label, onClick, testId }: { label: string; onClick: () => void; testId?: string }) {
  return (
    <button type="button" className="notice-dismiss" aria-label={label} title={label} data-testid={testId} onClick={onClick}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
