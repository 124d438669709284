import { useTranslation } from 'react-i18next';
import type { ActionCardItem } from '../../shared/ui/action-card-grid';
import { PersonIcon } from '../../shared/ui/icons';

/** What a resident can do, in the order shown on the home screen. New features add a card here. */
export function useHomeActions(): ActionCardItem[] {
  const { t } = useTranslation();
  return [
    {
      id: 'profile',
      to: '/profile',
      title: t('profile.title'),
      description: t('profile.cardDescription'),
      icon: <PersonIcon />,
    },
  ];
}
