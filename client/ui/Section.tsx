import { useId, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  testId?: string;
  /** Beside the title (a "create" button), wrapping under it on a phone. */
  actions?: ReactNode;
  children: ReactNode;
}

/** One of a page's cards, named by its heading. */
export function Section({ title, testId, actions, children }: Props) {
  const id = useId();
  const heading = (
    <h2 id={id} className="section-title">
      {title}
    </h2>
  );
  return (
    <section className="card wide-card" aria-labelledby={id} data-testid={testId}>
      {actions !== undefined ? (
        <div className="section-heading">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
