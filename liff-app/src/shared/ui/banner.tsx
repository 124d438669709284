import type { ReactNode } from 'react';
import styles from './banner.module.css';
import { AlertIcon } from './icons';

/** A notice about the whole screen (e.g. "this is a preview"), shown above the page content. */
export function Banner({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={[styles.banner, styles.warning].join(' ')} role="note">
      <AlertIcon className={styles.icon} width={20} height={20} />
      <p>
        <strong className={styles.title}>{title}</strong>
        {children}
      </p>
    </div>
  );
}
