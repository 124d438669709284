import { Checkbox, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PermissionCatalogueQuery } from '../../gql/graphql';
import { groupPermissions, replaceGroupSelection } from '../lib/permissions';

export type CatalogueEntry = PermissionCatalogueQuery['permissionCatalogue'][number];

export interface PermissionPickerProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  catalogue: readonly CatalogueEntry[];
  disabled?: boolean;
  label: string;
}

/** Checkbox groups by feature (fieldset + legend), with a select-all box per feature. */
export function PermissionPicker({ id, value = [], onChange, catalogue, disabled, label }: PermissionPickerProps) {
  const { t } = useTranslation();
  const groups = groupPermissions(catalogue);
  const selected = new Set(value);

  if (catalogue.length === 0) {
    return <Typography.Text type="secondary">{t('permissionPicker.catalogueEmpty')}</Typography.Text>;
  }

  return (
    <div id={id} role="group" aria-label={label}>
      {groups.map((group) => {
        const keys = group.permissions.map((p) => p.key);
        const checkedCount = keys.filter((key) => selected.has(key)).length;
        return (
          <fieldset className="permission-group" key={group.featureLabel}>
            <legend>
              <Checkbox
                checked={checkedCount === keys.length}
                indeterminate={checkedCount > 0 && checkedCount < keys.length}
                disabled={disabled}
                aria-label={t('permissionPicker.selectAllIn', { feature: group.featureLabel })}
                onChange={(event) => {
                  onChange?.(replaceGroupSelection(value, keys, event.target.checked ? keys : []));
                }}
              >
                {group.featureLabel}
              </Checkbox>
            </legend>
            <Checkbox.Group
              value={keys.filter((key) => selected.has(key))}
              disabled={disabled}
              onChange={(checked) => {
                onChange?.(replaceGroupSelection(value, keys, checked));
              }}
              options={group.permissions.map((permission) => ({
                value: permission.key,
                label: (
                  <>
                    {permission.label}
                    <span className="permission-key">{permission.key}</span>
                  </>
                ),
              }))}
            />
          </fieldset>
        );
      })}
    </div>
  );
}
