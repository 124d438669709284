import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary';

interface ButtonLookProps {
  variant?: ButtonVariant;
  /** Full width, for the main action of a screen on a phone. */
  block?: boolean;
}

function classNames(variant: ButtonVariant, block: boolean, extra?: string): string {
  return [styles.button, styles[variant], block ? styles.block : null, extra].filter(Boolean).join(' ');
}

export function Button({
  variant = 'primary',
  block = false,
  className,
  type = 'button',
  ...rest
}: ButtonLookProps & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={classNames(variant, block, className)} {...rest} />;
}

export function ButtonLink({
  variant = 'secondary',
  block = false,
  className,
  ...rest
}: ButtonLookProps & LinkProps & { children: ReactNode }) {
  return <Link className={classNames(variant, block, className)} {...rest} />;
}
