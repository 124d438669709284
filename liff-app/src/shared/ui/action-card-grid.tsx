import type { ReactNode } from 'react';
import { Link } from 'react-router';
import styles from './action-card-grid.module.css';
import { ChevronRightIcon } from './icons';

export interface ActionCardItem {
  id: string;
  /** Route path inside the app. */
  to: string;
  title: string;
  description: string;
  icon?: ReactNode;
}

/** The tappable cards of the home screen: one card per thing the resident can do. */
export function ActionCardGrid({ items, labelledBy }: { items: ActionCardItem[]; labelledBy?: string }) {
  return (
    <ul className={styles.grid} aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.id}>
          <Link to={item.to} className={styles.card}>
            {item.icon ? <span className={styles.icon}>{item.icon}</span> : null}
            <span className={styles.title}>
              {item.title}
              <ChevronRightIcon width={20} height={20} />
            </span>
            <span className={styles.description}>{item.description}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
