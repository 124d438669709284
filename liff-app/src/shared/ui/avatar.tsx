import { useState } from 'react';
import styles from './avatar.module.css';
import { PersonIcon } from './icons';

/** A round picture; falls back to a person icon when there is none or it fails to load. */
export function Avatar({ src, alt, size = 64 }: { src: string | null; alt: string; size?: number }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const showImage = src !== null && src !== failedSrc;
  return (
    <span className={styles.avatar} style={{ width: size, height: size }}>
      {showImage ? (
        <img
          src={src}
          alt={alt}
          width={size}
          height={size}
          referrerPolicy="no-referrer"
          onError={() => {
            setFailedSrc(src);
          }}
        />
      ) : (
        <PersonIcon width={size / 2} height={size / 2} role="img" aria-label={alt || undefined} aria-hidden={alt ? undefined : true} />
      )}
    </span>
  );
}
