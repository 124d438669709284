import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavItem } from '../navigation';

/** Plain links in a list: the semantics screen readers expect from site navigation. */
export function NavList({ items, onNavigate }: { items: readonly NavItem[]; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <ul className="nav-list">
      {items.map((item) => (
        <li key={item.key}>
          <NavLink
            to={item.path}
            end={item.path === '/'}
            className={({ isActive }) => (isActive ? 'nav-link nav-link-active' : 'nav-link')}
            onClick={onNavigate}
          >
            <span className="nav-icon" aria-hidden="true">
              {item.icon}
            </span>
            <span>{t(item.labelKey)}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
