import { UserOutlined } from '@ant-design/icons';
import { Avatar } from 'antd';

/** The LINE profile picture, decorative beside the name (alt=""), or a neutral icon. */
export function ResidentAvatar({ pictureUrl, size = 32 }: { pictureUrl?: string | null; size?: number }) {
  return pictureUrl ? (
    <Avatar size={size} src={<img src={pictureUrl} alt="" referrerPolicy="no-referrer" />} />
  ) : (
    <Avatar size={size} icon={<UserOutlined />} aria-hidden="true" />
  );
}
