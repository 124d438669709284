import {
  ApiOutlined,
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  GlobalOutlined,
  MessageOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavItem, NavKey } from '../navigation';

export const NAV_ICONS: Record<NavKey, ReactNode> = {
  home: <HomeOutlined />,
  residents: <SmileOutlined />,
  channels: <MessageOutlined />,
  staff: <TeamOutlined />,
  departments: <ApartmentOutlined />,
  roles: <SafetyCertificateOutlined />,
  apiKeys: <ApiOutlined />,
  ipAllowlist: <GlobalOutlined />,
  audit: <AuditOutlined />,
  account: <UserOutlined />,
};

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
              {NAV_ICONS[item.key]}
            </span>
            <span>{t(`nav.${item.key}`)}</span>
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
