import { Button, Tooltip } from 'antd';
import type { ButtonProps } from 'antd';
import { useId } from 'react';

export interface LockedButtonProps extends Omit<ButtonProps, 'disabled' | 'onClick'> {
  /** Why the viewer may not use it (the server would refuse). */
  reason: string;
}

/**
 * An action the viewer may not take, shown disabled with the reason in a tooltip and, for screen
 * readers, as its description: a disabled button takes no focus, so the tooltip alone would not
 * reach them.
 */
export function LockedButton({ reason, ...props }: LockedButtonProps) {
  const reasonId = useId();
  // One element, so a surrounding Space lays it out as one item.
  return (
    <span>
      <Tooltip title={reason}>
        <Button {...props} disabled aria-describedby={reasonId} />
      </Tooltip>
      <span id={reasonId} className="visually-hidden">
        {reason}
      </span>
    </span>
  );
}
