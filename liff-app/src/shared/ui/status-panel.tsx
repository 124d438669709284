import { useId, type ReactNode } from 'react';
import styles from './status-panel.module.css';

export type StatusTone = 'info' | 'error' | 'busy';

/**
 * A whole-screen message: loading, an error with its way out, or a request to log in. The title
 * is the page's heading.
 */
export function StatusPanel({
  tone,
  title,
  icon,
  children,
  actions,
}: {
  tone: StatusTone;
  title: string;
  icon?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const titleId = useId();
  const toneClass = tone === 'error' ? styles.error : styles.info;
  return (
    <section
      className={[styles.panel, toneClass].join(' ')}
      aria-labelledby={titleId}
      aria-busy={tone === 'busy' ? true : undefined}
      role={tone === 'error' ? 'alert' : undefined}
    >
      <div className={styles.header}>
        {tone === 'busy' ? (
          <span className={styles.icon}>
            <span className={styles.spinner} />
          </span>
        ) : icon ? (
          <span className={styles.icon}>{icon}</span>
        ) : null}
        <h1 id={titleId}>{title}</h1>
      </div>
      {children ? (
        <div className={styles.body} role={tone === 'busy' ? 'status' : undefined}>
          {children}
        </div>
      ) : null}
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </section>
  );
}
